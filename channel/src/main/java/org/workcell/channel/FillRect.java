package org.workcell.channel;

import org.workcell.channel.internal.Checks;

/** Fills an area with one colour, {@code 0xRRGGBB}. */
public record FillRect(int x, int y, int width, int height, int rgb) implements Rect {
    public FillRect {
        Checks.nonNegative(x, "FillRect.x");
        Checks.nonNegative(y, "FillRect.y");
        Checks.nonNegative(width, "FillRect.width");
        Checks.nonNegative(height, "FillRect.height");
        Checks.rgb(rgb, "FillRect.rgb");
    }
}
