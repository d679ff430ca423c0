package org.workcell.display.internal;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Finds content that slid sideways (or stayed) and changed colour on the way, as a page beneath a
 * sliding one does while it drifts and dims: a horizontal offset and three colour tables (one per
 * channel) that turn the source area into the new one. A REMAP command carries both.
 *
 * <p>The offset is found from column keys that survive a change of colour: each sampled pixel
 * counts only as brighter, darker or about the same as the one above it (sums of the channels,
 * with a dead zone), so dimming or blending toward a colour keeps most keys. Columns of the new
 * frame vote for the distance to the one old column with the same key, as in {@link MotionFinder}.
 * The tables are then built from sampled pixels, first seen wins, and the share of sampled pixels
 * they get wrong decides whether the remap is worth sending: the encoder compares every pixel again
 * after applying it, so a wrong table entry costs bytes, never correctness.
 */
public final class RemapFinder {
    /** Where to remap from, the tables, and the share of sampled pixels the tables get wrong, in 1/1024. */
    public record Remap(int x, int y, int width, int height, int fromX, int fromY, int[] tables, int wrong) {}

    /** Rows sampled for keys: every {@value}th (a page's columns differ within fewer; odd, so as not to fall in step with rows of text). */
    private static final int ROW_STEP = 7;
    /** Rows sampled for the tables: every {@value}th, so that few colours of the area are missed. */
    private static final int TABLE_STEP = 4;
    /** Differences of channel sums up to this count as "about the same": dimming shrinks every difference. */
    private static final int DEAD_ZONE = 12;
    /** At most this share (of 1024) of sampled pixels wrong: beyond, patching them costs more than the remap saves. */
    private static final int MAX_WRONG = 40;
    private static final int MAX_SHIFT = 512;

    private final int[] weights = new int[org.workcell.display.DisplayProtocol.MAX_DIMENSION];
    private int[] sourceKeys = new int[0];
    private int[] targetKeys = new int[0];
    private int[] table = new int[0];
    private int[] tableColumns = new int[0];
    private final int[] votes = new int[2 * MAX_SHIFT + 1];
    private final int[] tables = new int[768];

    public RemapFinder() {
        SplittableRandom random = new SplittableRandom(0xD1_77ED);
        for (int i = 0; i < weights.length; i++) {
            weights[i] = random.nextInt() | 1;
        }
    }

    /**
     * Looks at the area {@code [x0, x1) x [y0, y1)} of {@code now} ({@code width} wide), for the
     * {@link #find} calls that follow; false if it is too small to look for a remap in.
     */
    public boolean target(int[] now, int width, int x0, int x1, int y0, int y1, int minColumns) {
        if (x1 - x0 < minColumns || y1 - y0 < 2 * ROW_STEP) {
            return false;
        }
        if (sourceKeys.length < width) {
            sourceKeys = new int[width];
            targetKeys = new int[width];
            int size = Integer.highestOneBit(Math.max(16, width * 4) - 1) << 1;
            table = new int[size];
            tableColumns = new int[size];
        }
        keys(now, width, x0, x1, y0, y1, targetKeys);
        return true;
    }

    /**
     * The best horizontal remap from {@code source} into the area last given to {@link #target},
     * covering at least {@code minColumns} columns, or null.
     */
    public Remap find(int[] source, int[] now, int width, int x0, int x1, int y0, int y1, int minColumns) {
        keys(source, width, 0, width, y0, y1, sourceKeys);
        int shift = vote(width, x0, x1);
        if (shift == Integer.MIN_VALUE) {
            return null;
        }
        // The columns whose keys agree at that distance, from the first to the last: the area slid as one piece.
        int first = -1;
        int last = -1;
        for (int x = Math.max(x0, -shift); x < Math.min(x1, width - shift); x++) {
            if (targetKeys[x] == sourceKeys[x + shift]) {
                if (first < 0) {
                    first = x;
                }
                last = x;
            }
        }
        if (first < 0 || last + 1 - first < minColumns) {
            return null;
        }
        int wrong = buildTables(source, now, width, first, last + 1, y0, y1, shift);
        if (wrong > MAX_WRONG) {
            return null;
        }
        return new Remap(first, y0, last + 1 - first, y1 - y0, first + shift, y0, tables.clone(), wrong);
    }

    /** Per column of {@code [x0, x1)}: a sum of weighted "brighter, darker or the same as above" over the sampled rows. */
    private void keys(int[] px, int width, int x0, int x1, int y0, int y1, int[] keys) {
        Arrays.fill(keys, x0, x1, 0);
        for (int y = y0 + 1; y < y1; y += ROW_STEP) {
            int at = y * width;
            int up = at - width;
            int weight = weights[y];
            for (int x = x0; x < x1; x++) {
                int a = px[at + x];
                int b = px[up + x];
                int d = (a >>> 16 & 0xFF) + (a >>> 8 & 0xFF) + (a & 0xFF) - (b >>> 16 & 0xFF) - (b >>> 8 & 0xFF) - (b & 0xFF);
                // -1, 0 or 1 without branches: the JIT keeps this loop free of jumps.
                int sign = (DEAD_ZONE - d >>> 31) - (d + DEAD_ZONE >>> 31);
                keys[x] += sign * weight;
            }
        }
    }

    /** The distance most target columns of {@code [x0, x1)} lie from the one source column with the same key, or MIN_VALUE. */
    private int vote(int width, int x0, int x1) {
        int mask = table.length - 1;
        Arrays.fill(tableColumns, -1);
        for (int x = 0; x < width; x++) {
            int k = sourceKeys[x];
            int s = (k * 0x9E3779B1 >>> 8) & mask;
            while (tableColumns[s] != -1 && table[s] != k) {
                s = (s + 1) & mask;
            }
            if (tableColumns[s] == -1) {
                table[s] = k;
                tableColumns[s] = x;
            } else {
                tableColumns[s] = -2; // on two columns: says nothing about distance
            }
        }
        Arrays.fill(votes, 0);
        int best = -1;
        for (int x = x0; x < x1; x++) {
            int k = targetKeys[x];
            int s = (k * 0x9E3779B1 >>> 8) & mask;
            while (tableColumns[s] != -1 && table[s] != k) {
                s = (s + 1) & mask;
            }
            int from = tableColumns[s];
            if (from >= 0 && Math.abs(from - x) <= MAX_SHIFT) {
                int v = from - x + MAX_SHIFT;
                if (++votes[v] > (best < 0 ? 0 : votes[best])) {
                    best = v;
                }
            }
        }
        return best < 0 || votes[best] < 4 ? Integer.MIN_VALUE : best - MAX_SHIFT;
    }

    /**
     * Fills {@link #tables} from the sampled rows (first seen wins); returns the share of sampled
     * pixels they get wrong, in 1/1024, or MAX_VALUE when most sampled pixels are already right.
     */
    private int buildTables(int[] source, int[] now, int width, int x0, int x1, int y0, int y1, int shift) {
        Arrays.fill(tables, -1);
        long sampled = 0;
        long wrong = 0;
        long same = 0;
        for (int y = y0; y < y1; y += TABLE_STEP) {
            int at = y * width;
            for (int x = x0; x < x1; x++) {
                int s = source[at + x + shift];
                int t = now[at + x];
                boolean ok = true;
                for (int c = 0; c < 3; c++) {
                    int from = (s >>> (16 - 8 * c) & 0xFF) + 256 * c;
                    int to = t >>> (16 - 8 * c) & 0xFF;
                    if (tables[from] < 0) {
                        tables[from] = to;
                    } else {
                        ok &= tables[from] == to;
                    }
                }
                wrong += ok ? 0 : 1;
                same += s == t ? 1 : 0;
            }
            sampled += x1 - x0;
        }
        // Entries no sampled pixel used repeat the one before: their differences on the wire are zeros.
        for (int i = 0; i < 768; i++) {
            if (tables[i] < 0) {
                tables[i] = i % 256 == 0 ? 0 : tables[i - 1];
            }
        }
        if (same * 2 > sampled) {
            return Integer.MAX_VALUE; // mostly unchanged already: nothing for a remap to do
        }
        return (int) (wrong * 1024 / Math.max(1, sampled));
    }

    /** Applies {@code tables} to one pixel. */
    public static int map(int[] tables, int rgb) {
        return tables[rgb >>> 16 & 0xFF] << 16 | tables[256 + (rgb >>> 8 & 0xFF)] << 8 | tables[512 + (rgb & 0xFF)];
    }
}
