package org.workcell.display;

import java.util.List;

/**
 * What one FRAME did to a {@link FrameDecoder}'s screen: its number, the screen size, whether the
 * screen was reallocated at a new size, and every area drawn, in order.
 */
public record DecodedFrame(long frame, int width, int height, boolean resized, List<Area> damage) {
    /** A rectangle of screen pixels. */
    public record Area(int x, int y, int width, int height) {}

    public DecodedFrame {
        damage = List.copyOf(damage);
    }
}
