package org.workcell.channel;

/**
 * Key codes and modifier bits for {@link Key}. Named keys live in 1..31, the range of C0 control
 * characters, so they can never collide with a character key's code point (32 and up).
 */
public final class Keys {
    public static final int ENTER = 1;
    public static final int BACKSPACE = 2;
    public static final int DELETE = 3;
    public static final int TAB = 4;
    public static final int ESCAPE = 5;
    public static final int LEFT = 6;
    public static final int RIGHT = 7;
    public static final int UP = 8;
    public static final int DOWN = 9;
    public static final int HOME = 10;
    public static final int END = 11;
    public static final int PAGE_UP = 12;
    public static final int PAGE_DOWN = 13;
    /** The phone's navigation: back. */
    public static final int BACK = 14;
    /** The phone's navigation: go to the home screen (distinct from {@link #HOME}, start of line). */
    public static final int HOME_BUTTON = 15;
    /** The phone's navigation: the app switcher. */
    public static final int APP_SWITCH = 16;

    static final int LAST_NAMED = APP_SWITCH;

    public static final int SHIFT = 1;
    public static final int CTRL = 1 << 1;
    public static final int ALT = 1 << 2;
    public static final int META = 1 << 3;
    public static final int ALL_MODIFIERS = SHIFT | CTRL | ALT | META;

    private Keys() {
    }

    /** A named key above, or a printable (non-control, non-surrogate) Unicode code point. */
    public static boolean isValid(int code) {
        if (code >= 1 && code <= LAST_NAMED) {
            return true;
        }
        return code >= 0x20 && code <= Character.MAX_CODE_POINT && !Character.isISOControl(code)
                && Character.getType(code) != Character.SURROGATE;
    }
}
