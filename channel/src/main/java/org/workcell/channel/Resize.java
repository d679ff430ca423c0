package org.workcell.channel;

import org.workcell.channel.internal.Checks;

/**
 * Host to phone: resize or rotate the display. The phone answers with the same {@code Resize} once
 * it has switched, and from then on sends frames at the new size, starting with a full repaint.
 * That answer is what tells the host's reader the new size; until it arrives, frames are checked
 * against the old one.
 */
public record Resize(int width, int height, int densityDpi) implements Message {
    public Resize {
        Checks.positive(width, "Resize.width");
        Checks.positive(height, "Resize.height");
        Checks.densityDpi(densityDpi, "Resize.densityDpi");
    }
}
