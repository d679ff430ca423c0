package org.workcell.display.internal;

/** The command kinds inside a FRAME body; see the package documentation of {@code org.workcell.display}. */
public final class Commands {
    public static final int COPY = 0;
    public static final int FILL = 1;
    public static final int PIXELS = 2;
    public static final int RAW = 3;
    public static final int JPEG = 4;
    public static final int CACHED = 5;
    public static final int STORE = 6;
    public static final int KEEP = 7;
    public static final int REMAP = 8;

    /** The index of a pixel whose colour is not in the frame's palette: it follows in the escape section. */
    public static final int ESCAPE = 255;
    /** Most colours in a frame's palette (one index is the escape). */
    public static final int MAX_PALETTE = 255;

    private Commands() {
    }
}
