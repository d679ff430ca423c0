package org.workcell.display;

import org.workcell.channel.Touch;

/**
 * A finger (or the mouse) at {@code x, y} screen pixels of the phone. The parser only knows the
 * protocol's bounds; the server checks the point against the current screen with
 * {@link #checkInside} (after a resize, a touch aimed at the old size may still arrive).
 */
public record ClientTouch(Touch.Action action, int pointer, int x, int y) implements ClientMessage {
    public ClientTouch {
        Ranges.notNull(action, "TOUCH action");
        if (pointer < 0 || pointer >= Touch.MAX_POINTERS) {
            throw new IllegalArgumentException("TOUCH pointer must be in 0.." + (Touch.MAX_POINTERS - 1) + ", was " + pointer);
        }
        Ranges.coordinate(x, "TOUCH x");
        Ranges.coordinate(y, "TOUCH y");
    }

    /** @throws DisplayProtocolException if the point lies outside a {@code width x height} screen */
    public void checkInside(int width, int height) {
        if (x >= width || y >= height) {
            throw new DisplayProtocolException("TOUCH at " + x + "," + y + " lies outside the " + width + "x" + height + " screen");
        }
    }

    /** The phone channel's message, stamped with the server's receive time. */
    public Touch toChannel(long timeMillis) {
        return new Touch(action, pointer, x, y, timeMillis);
    }
}
