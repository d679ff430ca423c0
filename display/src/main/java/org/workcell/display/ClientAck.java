package org.workcell.display;

/** The browser has drawn FRAME {@code frame} (an unsigned 32-bit number); the server may send the next. */
public record ClientAck(long frame) implements ClientMessage {
    public ClientAck {
        Ranges.u32(frame, "ACK frame");
    }
}
