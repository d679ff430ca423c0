package org.workcell.sdk.ui;

/** A width and height in pixels. */
public record Size(int width, int height) {
    public static final Size ZERO = new Size(0, 0);

    public Size {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("a size is not negative: " + width + "x" + height);
        }
    }
}
