package org.workcell.display.internal;

import java.util.Arrays;

/**
 * Looks at one area of a screen at a time: its colours (up to 256), how often each occurs, and
 * every pixel's index among them; and writes RAW pixels. Not thread-safe; one per encoder.
 */
public final class TileCoder {
    /** What {@link #index} returns for an area of more than 256 colours. */
    public static final int MANY = 257;

    private static final int TABLE = 1024; // at most 256 keys: a load of a quarter keeps probes short

    private final int[] keys = new int[TABLE];
    private final int[] generations = new int[TABLE];
    private final byte[] values = new byte[TABLE];
    private final int[] palette = new int[256];
    private final int[] counts = new int[256];
    private byte[] indices = new byte[64 * 64];
    private int generation;

    /** Whether the area is all one colour. */
    public static boolean uniform(int[] px, int stride, int x, int y, int w, int h) {
        int c = px[y * stride + x];
        for (int row = y; row < y + h; row++) {
            int at = row * stride + x;
            if (px[at] != c || !sameAsNext(px, at, w)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code px[at, at + n)} is one colour: each pixel equals the next, which
     * {@link Arrays#equals(int[], int, int, int[], int, int)} checks with vector instructions.
     */
    public static boolean sameAsNext(int[] px, int at, int n) {
        return Arrays.equals(px, at, at + n - 1, px, at + 1, at + n);
    }

    /**
     * Counts the area's colours, building its palette (first-seen order), the count of each, and
     * every pixel's index. Returns the number of colours, or {@link #MANY} past 256.
     */
    public int index(int[] px, int stride, int x, int y, int w, int h) {
        if (indices.length < w * h) {
            indices = new byte[w * h];
        }
        if (++generation == 0) {
            Arrays.fill(generations, 0);
            generation = 1;
        }
        int colours = 0;
        int last = ~px[y * stride + x]; // differs from the first pixel: the first lookup is real
        int lastIndex = 0;
        int run = 0;
        int n = 0;
        for (int row = y; row < y + h; row++) {
            int at = row * stride + x;
            for (int i = at; i < at + w; i++) {
                int c = px[i];
                if (c != last) {
                    if (run > 0) {
                        counts[lastIndex] += run;
                        run = 0;
                    }
                    int slot = (c * 0x9E3779B1) >>> 22;
                    while (generations[slot] == generation && keys[slot] != c) {
                        slot = (slot + 1) & (TABLE - 1);
                    }
                    if (generations[slot] != generation) {
                        if (colours == 256) {
                            return MANY;
                        }
                        generations[slot] = generation;
                        keys[slot] = c;
                        values[slot] = (byte) colours;
                        palette[colours] = c;
                        counts[colours++] = 0;
                    }
                    last = c;
                    lastIndex = values[slot] & 0xFF;
                }
                run++;
                indices[n++] = (byte) lastIndex;
            }
        }
        counts[lastIndex] += run;
        return colours;
    }

    /** The area's colours after {@link #index}, in first-seen order. */
    public int[] palette() {
        return palette;
    }

    public int[] counts() {
        return counts;
    }

    /** Every pixel's index into {@link #palette()}, row by row. */
    public byte[] indices() {
        return indices;
    }

    /**
     * RAW: three bytes per pixel, each channel as its difference (mod 256) from the same channel
     * of the pixel to the left, the first pixel of a row from the one above it, the very first
     * from black. Only areas of many colours (photos, gradients) are sent raw, and for them the
     * differences are small numbers deflate packs well.
     */
    public static void writeRaw(WireWriter out, int[] px, int stride, int x, int y, int w, int h) {
        out.u8(Commands.RAW).u16(x).u16(y).u16(w).u16(h);
        int at = out.reserve(w * h * 3);
        byte[] b = out.array();
        int above = 0;
        for (int row = y; row < y + h; row++) {
            int i = row * stride + x;
            int prev = above;
            above = px[i];
            for (int end = i + w; i < end; i++) {
                int c = px[i];
                b[at++] = (byte) ((c >>> 16) - (prev >>> 16));
                b[at++] = (byte) ((c >>> 8) - (prev >>> 8));
                b[at++] = (byte) (c - prev);
                prev = c;
            }
        }
    }
}
