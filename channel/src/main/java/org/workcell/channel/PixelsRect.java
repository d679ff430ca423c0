package org.workcell.channel;

import java.util.Arrays;
import org.workcell.channel.internal.Checks;

/**
 * Raw pixels for an area: {@code rgb} is row-major, {@code 0xRRGGBB} (top byte zero), of length
 * {@code width * height}.
 *
 * <p>Ownership: the record keeps the array it is given, without copying, because frames are large
 * and frequent; {@link #rgb()} returns that same array, and the writer does not copy it either.
 * Whoever builds one must not change the array until the message is written, and whoever reads one
 * owns the array it got. The constructor checks the length but not the values (that would be a
 * second pass over every frame); writer and reader reject values with a non-zero top byte.
 * {@code equals} compares contents.
 */
public record PixelsRect(int x, int y, int width, int height, int[] rgb) implements Rect {
    public PixelsRect {
        Checks.nonNegative(x, "PixelsRect.x");
        Checks.nonNegative(y, "PixelsRect.y");
        Checks.nonNegative(width, "PixelsRect.width");
        Checks.nonNegative(height, "PixelsRect.height");
        if (rgb == null) {
            throw new IllegalArgumentException("PixelsRect.rgb is null");
        }
        if ((long) width * height != rgb.length) {
            throw new IllegalArgumentException("PixelsRect " + width + "x" + height + " needs "
                    + (long) width * height + " pixels, got " + rgb.length);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PixelsRect p && p.x == x && p.y == y && p.width == width && p.height == height
                && Arrays.equals(p.rgb, rgb);
    }

    @Override
    public int hashCode() {
        return ((x * 31 + y) * 31 + width) * 31 + height + 31 * Arrays.hashCode(rgb);
    }

    @Override
    public String toString() {
        return "PixelsRect[x=" + x + ", y=" + y + ", width=" + width + ", height=" + height + "]";
    }
}
