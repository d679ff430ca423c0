package org.workcell.sdk.ui;

/** A hardware or on-screen key. Typed characters arrive separately, as text. */
public record KeyEvent(Key key, boolean down, int modifiers) {
    public static final int SHIFT = 1;
    public static final int CTRL = 2;
    public static final int ALT = 4;
    public static final int META = 8;

    public enum Key { ENTER, BACKSPACE, DELETE, TAB, ESCAPE, LEFT, RIGHT, UP, DOWN, HOME, END, PAGE_UP, PAGE_DOWN, BACK, SELECT_ALL, COPY, PASTE, CUT }

    public boolean shift() {
        return (modifiers & SHIFT) != 0;
    }

    public boolean ctrl() {
        return (modifiers & CTRL) != 0;
    }
}
