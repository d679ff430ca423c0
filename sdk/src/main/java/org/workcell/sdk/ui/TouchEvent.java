package org.workcell.sdk.ui;

/** A finger (or the mouse, as a finger) at {@code x, y} pixels in the receiving view's coordinates. */
public record TouchEvent(Action action, int x, int y, long timeMillis) {
    public enum Action { DOWN, MOVE, UP, CANCEL }

    public TouchEvent offset(int dx, int dy) {
        return new TouchEvent(action, x + dx, y + dy, timeMillis);
    }

    public TouchEvent withAction(Action other) {
        return new TouchEvent(other, x, y, timeMillis);
    }
}
