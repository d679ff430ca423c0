package org.workcell.display;

import java.nio.ByteBuffer;
import org.workcell.channel.Key;
import org.workcell.channel.Touch;
import org.workcell.display.internal.WireReader;
import org.workcell.display.internal.WireWriter;

/**
 * Reads and writes the browser's messages. {@link #parse} is strict, because its input comes from
 * the network: a message must be one known type, exactly as long as that type is, with every value
 * in range; anything else is a {@link DisplayProtocolException} and nothing else is ever thrown.
 */
public final class ClientMessages {
    private static final Touch.Action[] TOUCH_ACTIONS = Touch.Action.values();
    private static final Key.KeyAction[] KEY_ACTIONS = Key.KeyAction.values();

    private ClientMessages() {
    }

    /** Parses the bytes from the buffer's position to its limit; the buffer itself is not moved. */
    public static ClientMessage parse(ByteBuffer message) {
        if (message == null) {
            throw new DisplayProtocolException("no message");
        }
        ByteBuffer b = message.duplicate();
        if (b.remaining() > DisplayProtocol.MAX_CLIENT_MESSAGE_BYTES) {
            throw tooLong(b.remaining());
        }
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return parse(bytes);
    }

    public static ClientMessage parse(byte[] message) {
        if (message == null || message.length == 0) {
            throw new DisplayProtocolException("empty client message");
        }
        if (message.length > DisplayProtocol.MAX_CLIENT_MESSAGE_BYTES) {
            throw tooLong(message.length);
        }
        int type = message[0] & 0xFF;
        WireReader r = new WireReader(message, 1, message.length, name(type));
        try {
            ClientMessage parsed = switch (type) {
                case DisplayProtocol.HELLO -> new ClientHello(r.u8("min version"), r.u8("max version"),
                        r.u16("viewport width"), r.u16("viewport height"), r.u16("dpi"));
                case DisplayProtocol.TOUCH -> {
                    int action = r.u8("action");
                    if (action >= TOUCH_ACTIONS.length) {
                        throw r.invalid("action", "must be 0..3 (down, move, up, cancel), was " + action);
                    }
                    yield new ClientTouch(TOUCH_ACTIONS[action], r.u8("pointer"), r.u16("x"), r.u16("y"));
                }
                case DisplayProtocol.KEY -> {
                    int action = r.u8("action");
                    if (action >= KEY_ACTIONS.length) {
                        throw r.invalid("action", "must be 0 (down) or 1 (up), was " + action);
                    }
                    long code = r.u32("code");
                    if (code > Integer.MAX_VALUE) {
                        throw r.invalid("code", code + " is no key");
                    }
                    yield new ClientKey(KEY_ACTIONS[action], (int) code, r.u8("modifiers"));
                }
                case DisplayProtocol.TEXT -> new ClientText(r.utf8("text", ClientText.MAX_UTF8_BYTES));
                case DisplayProtocol.RESIZE -> new ClientResize(r.u16("width"), r.u16("height"), r.u16("dpi"));
                case DisplayProtocol.ACK -> new ClientAck(r.u32("frame"));
                case DisplayProtocol.PING -> new ClientPing(r.i32("value"));
                default -> throw new DisplayProtocolException("unknown client message type 0x" + Integer.toHexString(type));
            };
            r.end();
            return parsed;
        } catch (DisplayProtocolException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            // A record refused a value the wire could carry.
            throw new DisplayProtocolException(e.getMessage(), e);
        }
    }

    /** The wire form of {@code message}; what {@link #parse} reads back as an equal record. */
    public static byte[] encode(ClientMessage message) {
        WireWriter w = new WireWriter(16);
        switch (message) {
            case ClientHello h -> w.u8(DisplayProtocol.HELLO).u8(h.minVersion()).u8(h.maxVersion())
                    .u16(h.viewportWidth()).u16(h.viewportHeight()).u16(h.densityDpi());
            case ClientTouch t -> w.u8(DisplayProtocol.TOUCH).u8(t.action().ordinal()).u8(t.pointer()).u16(t.x()).u16(t.y());
            case ClientKey k -> w.u8(DisplayProtocol.KEY).u8(k.action().ordinal()).u32(k.code()).u8(k.modifiers());
            case ClientText t -> {
                byte[] utf8 = WireWriter.utf8(t.text(), "TEXT");
                if (utf8.length > ClientText.MAX_UTF8_BYTES) {
                    throw new IllegalArgumentException("TEXT is " + utf8.length + " bytes of UTF-8, more than " + ClientText.MAX_UTF8_BYTES);
                }
                w.u8(DisplayProtocol.TEXT).u16(utf8.length).bytes(utf8, 0, utf8.length);
            }
            case ClientResize s -> w.u8(DisplayProtocol.RESIZE).u16(s.width()).u16(s.height()).u16(s.densityDpi());
            case ClientAck a -> w.u8(DisplayProtocol.ACK).u32(a.frame());
            case ClientPing p -> w.u8(DisplayProtocol.PING).u32(p.value());
        }
        return w.toArray();
    }

    private static String name(int type) {
        return switch (type) {
            case DisplayProtocol.HELLO -> "HELLO";
            case DisplayProtocol.TOUCH -> "TOUCH";
            case DisplayProtocol.KEY -> "KEY";
            case DisplayProtocol.TEXT -> "TEXT";
            case DisplayProtocol.RESIZE -> "RESIZE";
            case DisplayProtocol.ACK -> "ACK";
            case DisplayProtocol.PING -> "PING";
            default -> "message 0x" + Integer.toHexString(type);
        };
    }

    private static DisplayProtocolException tooLong(int length) {
        return new DisplayProtocolException("client message of " + length + " bytes, more than " + DisplayProtocol.MAX_CLIENT_MESSAGE_BYTES);
    }
}
