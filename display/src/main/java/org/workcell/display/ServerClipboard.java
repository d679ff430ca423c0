package org.workcell.display;

/** Text copied on the phone, for the browser's clipboard; only sent when the policy lets copies out. */
public record ServerClipboard(String text) implements ServerMessage {
    public ServerClipboard {
        Ranges.notNull(text, "CLIPBOARD text");
        int bytes = org.workcell.display.internal.WireWriter.utf8(text, "CLIPBOARD text").length;
        if (bytes > DisplayProtocol.MAX_CLIPBOARD_BYTES) {
            throw new IllegalArgumentException("CLIPBOARD text is " + bytes + " bytes of UTF-8, more than " + DisplayProtocol.MAX_CLIPBOARD_BYTES);
        }
    }
}
