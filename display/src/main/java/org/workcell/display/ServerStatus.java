package org.workcell.display;

/** What the phone is doing instead of showing frames, with a sentence for the user (may be empty). */
public record ServerStatus(DisplayStatus status, String text) implements ServerMessage {
    public ServerStatus {
        Ranges.notNull(status, "STATUS code");
        Ranges.notNull(text, "STATUS text");
        int bytes = org.workcell.display.internal.WireWriter.utf8(text, "STATUS text").length;
        if (bytes > DisplayProtocol.MAX_STATUS_BYTES) {
            throw new IllegalArgumentException("STATUS text is " + bytes + " bytes of UTF-8, more than " + DisplayProtocol.MAX_STATUS_BYTES);
        }
    }
}
