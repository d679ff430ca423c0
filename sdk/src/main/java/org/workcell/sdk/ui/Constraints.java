package org.workcell.sdk.ui;

/**
 * What a parent allows a child to be, in pixels: a box between a minimum and a maximum size. A
 * maximum of {@link #UNBOUNDED} means "as large as you like" (a scroll's content, a row's width).
 */
public record Constraints(int minWidth, int maxWidth, int minHeight, int maxHeight) {
    public static final int UNBOUNDED = Integer.MAX_VALUE / 4;

    public Constraints {
        if (minWidth < 0 || minHeight < 0 || maxWidth < minWidth || maxHeight < minHeight) {
            throw new IllegalArgumentException("constraints need 0 <= min <= max: " + minWidth + ".." + maxWidth + " x " + minHeight + ".." + maxHeight);
        }
    }

    /** Exactly this size. */
    public static Constraints exactly(int width, int height) {
        return new Constraints(width, width, height, height);
    }

    /** Anything up to this size. */
    public static Constraints atMost(int width, int height) {
        return new Constraints(0, width, 0, height);
    }

    public Constraints loosen() {
        return new Constraints(0, maxWidth, 0, maxHeight);
    }

    /** These constraints less {@code horizontal} and {@code vertical} pixels (padding), never below zero. */
    public Constraints deflate(int horizontal, int vertical) {
        int maxW = maxWidth >= UNBOUNDED ? UNBOUNDED : Math.max(0, maxWidth - horizontal);
        int maxH = maxHeight >= UNBOUNDED ? UNBOUNDED : Math.max(0, maxHeight - vertical);
        return new Constraints(Math.min(Math.max(0, minWidth - horizontal), maxW), maxW, Math.min(Math.max(0, minHeight - vertical), maxH), maxH);
    }

    public Constraints withWidth(int width) {
        int w = clampWidth(width);
        return new Constraints(w, w, minHeight, maxHeight);
    }

    public Constraints withHeight(int height) {
        int h = clampHeight(height);
        return new Constraints(minWidth, maxWidth, h, h);
    }

    public Constraints unboundedHeight() {
        return new Constraints(minWidth, maxWidth, 0, UNBOUNDED);
    }

    public Constraints unboundedWidth() {
        return new Constraints(0, UNBOUNDED, minHeight, maxHeight);
    }

    public int clampWidth(int width) {
        return Math.max(minWidth, Math.min(maxWidth, width));
    }

    public int clampHeight(int height) {
        return Math.max(minHeight, Math.min(maxHeight, height));
    }

    public boolean boundedWidth() {
        return maxWidth < UNBOUNDED;
    }

    public boolean boundedHeight() {
        return maxHeight < UNBOUNDED;
    }
}
