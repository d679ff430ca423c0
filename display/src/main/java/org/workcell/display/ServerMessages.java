package org.workcell.display;

import org.workcell.display.internal.WireReader;
import org.workcell.display.internal.WireWriter;

/** Writes the server's messages other than FRAME (see {@link FrameEncoder}), and reads them back for a Java client. */
public final class ServerMessages {
    private ServerMessages() {
    }

    /** WELCOME with {@link DisplayProtocol#VERSION}; {@code watermark} null for none. */
    public static byte[] welcome(int width, int height, int densityDpi, boolean clipboardOut, String watermark) {
        return encode(new ServerWelcome(DisplayProtocol.VERSION, width, height, densityDpi, clipboardOut, watermark));
    }

    public static byte[] status(DisplayStatus status, String text) {
        return encode(new ServerStatus(status, text));
    }

    public static byte[] pong(int value) {
        return encode(new ServerPong(value));
    }

    /** @throws IllegalArgumentException if the text is longer than {@link DisplayProtocol#MAX_CLIPBOARD_BYTES} in UTF-8 */
    public static byte[] clipboard(String text) {
        return encode(new ServerClipboard(text));
    }

    public static byte[] encode(ServerMessage message) {
        WireWriter w = new WireWriter(16);
        switch (message) {
            case ServerWelcome m -> {
                byte[] mark = m.watermark() == null ? new byte[0] : WireWriter.utf8(m.watermark(), "WELCOME watermark");
                w.u8(DisplayProtocol.WELCOME).u8(m.version()).u16(m.width()).u16(m.height()).u16(m.densityDpi())
                        .u8((m.clipboardOut() ? 1 : 0) | (m.watermark() != null ? 2 : 0))
                        .u16(mark.length).bytes(mark, 0, mark.length);
            }
            case ServerStatus m -> text(w.u8(DisplayProtocol.STATUS).u8(m.status().code()), m.text());
            case ServerPong m -> w.u8(DisplayProtocol.PONG).u32(m.value());
            case ServerClipboard m -> text(w.u8(DisplayProtocol.CLIPBOARD), m.text());
        }
        return w.toArray();
    }

    private static void text(WireWriter w, String text) {
        byte[] utf8 = WireWriter.utf8(text, "text");
        w.u16(utf8.length).bytes(utf8, 0, utf8.length);
    }

    /** Whether {@code message} is a FRAME, for a {@link FrameDecoder} rather than {@link #parse}. */
    public static boolean isFrame(byte[] message) {
        return message != null && message.length > 0 && (message[0] & 0xFF) == DisplayProtocol.FRAME;
    }

    /**
     * Reads a WELCOME, STATUS, PONG or CLIPBOARD, as strictly as {@link ClientMessages#parse}.
     *
     * @throws DisplayProtocolException for anything else, a FRAME included
     */
    public static ServerMessage parse(byte[] message) {
        if (message == null || message.length == 0) {
            throw new DisplayProtocolException("empty server message");
        }
        int type = message[0] & 0xFF;
        try {
            ServerMessage parsed;
            WireReader r;
            switch (type) {
                case DisplayProtocol.WELCOME -> {
                    r = new WireReader(message, 1, message.length, "WELCOME");
                    int version = r.u8("version");
                    if (version != DisplayProtocol.VERSION) {
                        throw r.invalid("version", "is " + version + "; this client speaks " + DisplayProtocol.VERSION);
                    }
                    int width = r.u16("width");
                    int height = r.u16("height");
                    int dpi = r.u16("dpi");
                    int flags = r.u8("flags");
                    if ((flags & ~3) != 0) {
                        throw r.invalid("flags", "has unknown bits: 0x" + Integer.toHexString(flags));
                    }
                    String mark = r.utf8("watermark", DisplayProtocol.MAX_WATERMARK_BYTES);
                    boolean marked = (flags & 2) != 0;
                    if (marked == mark.isEmpty()) {
                        throw r.invalid("watermark", marked ? "is empty although the watermark flag is set" : "is set without the watermark flag");
                    }
                    parsed = new ServerWelcome(version, width, height, dpi, (flags & 1) != 0, marked ? mark : null);
                }
                case DisplayProtocol.STATUS -> {
                    r = new WireReader(message, 1, message.length, "STATUS");
                    int code = r.u8("code");
                    parsed = new ServerStatus(DisplayStatus.of(code), r.utf8("text", DisplayProtocol.MAX_STATUS_BYTES));
                }
                case DisplayProtocol.PONG -> {
                    r = new WireReader(message, 1, message.length, "PONG");
                    parsed = new ServerPong(r.i32("value"));
                }
                case DisplayProtocol.CLIPBOARD -> {
                    r = new WireReader(message, 1, message.length, "CLIPBOARD");
                    parsed = new ServerClipboard(r.utf8("text", DisplayProtocol.MAX_CLIPBOARD_BYTES));
                }
                case DisplayProtocol.FRAME -> throw new DisplayProtocolException("a FRAME is read by a FrameDecoder");
                default -> throw new DisplayProtocolException("unknown server message type 0x" + Integer.toHexString(type));
            }
            r.end();
            return parsed;
        } catch (DisplayProtocolException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new DisplayProtocolException(e.getMessage(), e);
        }
    }
}
