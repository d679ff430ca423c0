package org.workcell.channel;

import java.util.Arrays;
import org.workcell.channel.internal.Checks;

/**
 * An RGB mirror of a phone's screen, kept up to date with {@link #apply(FrameUpdate)}. Hosts and the
 * display encoder keep one per phone. Not thread-safe.
 */
public final class Framebuffer {
    private int width;
    private int height;
    private int[] pixels;

    /** A black framebuffer. */
    public Framebuffer(int width, int height) {
        resize(width, height);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Changes the size and clears to black: after a resize the phone sends a full frame anyway. */
    public void resize(int width, int height) {
        Checks.nonNegative(width, "width");
        Checks.nonNegative(height, "height");
        long size = (long) width * height;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("framebuffer " + width + "x" + height + " is too large");
        }
        this.width = width;
        this.height = height;
        this.pixels = new int[(int) size];
    }

    /**
     * Applies the rects in order. All rects are checked first, so an update that does not fit
     * changes nothing. A copy reads the contents as they are just before it, overlap included.
     *
     * @throws IllegalArgumentException if a rect lies outside the framebuffer
     */
    public void apply(FrameUpdate update) {
        int index = 0;
        for (Rect r : update.rects()) {
            check(index, "", r.x(), r.y(), r.width(), r.height());
            if (r instanceof CopyRect c) {
                check(index, " source", c.fromX(), c.fromY(), c.width(), c.height());
            }
            index++;
        }
        for (Rect r : update.rects()) {
            switch (r) {
                case CopyRect c -> copy(c);
                case FillRect f -> {
                    for (int row = 0; row < f.height(); row++) {
                        int start = (f.y() + row) * width + f.x();
                        Arrays.fill(pixels, start, start + f.width(), f.rgb());
                    }
                }
                case PixelsRect p -> {
                    for (int row = 0; row < p.height(); row++) {
                        System.arraycopy(p.rgb(), row * p.width(), pixels, (p.y() + row) * width + p.x(), p.width());
                    }
                }
            }
        }
    }

    private void copy(CopyRect c) {
        // Rows go bottom-up when moving down, so no source row is overwritten before it is read;
        // System.arraycopy already handles the overlap inside one row.
        boolean down = c.y() > c.fromY();
        for (int i = 0; i < c.height(); i++) {
            int row = down ? c.height() - 1 - i : i;
            System.arraycopy(pixels, (c.fromY() + row) * width + c.fromX(),
                    pixels, (c.y() + row) * width + c.x(), c.width());
        }
    }

    /** The pixel at x, y as 0xRRGGBB. */
    public int rgb(int x, int y) {
        check(0, "point", x, y, 1, 1);
        return pixels[y * width + x];
    }

    /** A copy of an area, row-major. */
    public int[] region(int x, int y, int width, int height) {
        check(0, "region", x, y, width, height);
        int[] out = new int[width * height];
        for (int row = 0; row < height; row++) {
            System.arraycopy(pixels, (y + row) * this.width + x, out, row * width, width);
        }
        return out;
    }

    /** A copy of the whole screen, row-major. */
    public int[] pixels() {
        return pixels.clone();
    }

    private void check(int index, String what, int x, int y, int w, int h) {
        String problem = Checks.rectProblem(x, y, w, h, width, height);
        if (problem != null) {
            String label = what.equals("point") || what.equals("region") ? what : "rect " + index + what;
            throw new IllegalArgumentException(label + " (" + w + "x" + h + " at " + x + "," + y + ") " + problem);
        }
    }
}
