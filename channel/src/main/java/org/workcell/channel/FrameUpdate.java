package org.workcell.channel;

import java.util.List;
import org.workcell.channel.internal.Checks;

/**
 * Phone to host: one complete frame's changes, applied in order. The phone keeps at most one frame
 * in flight: it sends the next only after the host's {@link FrameAck} for this one, merging damage
 * meanwhile. Frame numbers increase; an update may have no rects.
 */
public record FrameUpdate(long frame, List<Rect> rects) implements Message {
    public FrameUpdate {
        Checks.nonNegative(frame, "FrameUpdate.frame");
        if (rects == null) {
            throw new IllegalArgumentException("FrameUpdate.rects is null");
        }
        // Copies the list (not the pixel arrays); also rejects null elements.
        rects = List.copyOf(rects);
    }
}
