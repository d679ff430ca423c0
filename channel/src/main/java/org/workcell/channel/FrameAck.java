package org.workcell.channel;

import org.workcell.channel.internal.Checks;

/** Host to phone: the host has taken {@link FrameUpdate} {@code frame}; the phone may send the next. */
public record FrameAck(long frame) implements Message {
    public FrameAck {
        Checks.nonNegative(frame, "FrameAck.frame");
    }
}
