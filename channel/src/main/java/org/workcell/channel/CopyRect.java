package org.workcell.channel;

import org.workcell.channel.internal.Checks;

/**
 * Copies the {@code width x height} area at {@code (fromX, fromY)} to {@code (x, y)}, reading the
 * framebuffer as it was just before this rect (areas may overlap): how a scroll is sent.
 */
public record CopyRect(int x, int y, int width, int height, int fromX, int fromY) implements Rect {
    public CopyRect {
        Checks.nonNegative(x, "CopyRect.x");
        Checks.nonNegative(y, "CopyRect.y");
        Checks.nonNegative(width, "CopyRect.width");
        Checks.nonNegative(height, "CopyRect.height");
        Checks.nonNegative(fromX, "CopyRect.fromX");
        Checks.nonNegative(fromY, "CopyRect.fromY");
    }
}
