package org.workcell.channel;

import org.workcell.channel.internal.Checks;

/**
 * Host to phone: a touch event in display pixels. Coordinates are non-negative (the host clamps a
 * pointer dragged off the screen) and below the limits' maximum display size; the phone ignores
 * points outside its current display, which may have just been resized.
 */
public record Touch(Action action, int pointer, int x, int y, long timeMillis) implements Message {
    /** Pointers are numbered from 0; ten fingers and a stylus fit comfortably. */
    public static final int MAX_POINTERS = 32;

    /** Wire values are the ordinals: append only. */
    public enum Action {
        DOWN, MOVE, UP, CANCEL
    }

    public Touch {
        Checks.notNull(action, "Touch.action");
        if (pointer < 0 || pointer >= MAX_POINTERS) {
            throw new IllegalArgumentException("Touch.pointer must be in 0.." + (MAX_POINTERS - 1) + ", was " + pointer);
        }
        Checks.nonNegative(x, "Touch.x");
        Checks.nonNegative(y, "Touch.y");
        Checks.nonNegative(timeMillis, "Touch.timeMillis");
    }
}
