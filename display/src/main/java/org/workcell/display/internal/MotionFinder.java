package org.workcell.display.internal;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Finds content that moved between two frames from their pixels alone: a vertical scroll (rows
 * of the changed band hashed) or a horizontal slide (columns hashed). A line of the new frame that
 * equals exactly one line of the old frame votes for the distance between them; the longest run of
 * lines that match at the winning distance becomes the copy. Hashes only choose the copy: the
 * encoder compares pixels again after applying it, so a collision costs bytes, never correctness.
 *
 * <p>The hashes are sums of pixels times random per-position weights, which the JIT turns into
 * vector instructions (column keys sum every eighth row only: they are built row by row, which is
 * slower). One-colour lines need no special case: lines of the same colour share a key, and shared
 * keys do not vote.
 */
public final class MotionFinder {
    /** Copy the {@code width x height} area at {@code (x, y)} from {@code (x - dx, y - dy)}; one of dx, dy is 0. */
    public record Motion(int x, int y, int width, int height, int dx, int dy) {
        long area() {
            return (long) width * height;
        }
    }

    private final int[] weights = new int[org.workcell.display.DisplayProtocol.MAX_DIMENSION];
    private int[] oldLines = new int[0];
    private int[] newLines = new int[0];
    private int[] table = new int[0];
    private int[] tableLines = new int[0];
    private int[] votes = new int[0];
    /**
     * The row keys of the last frame's {@code now}, per screen row, over columns {@code [keyedX0,
     * keyedX1)}: the caller makes them the next frame's {@code old}, so they need not be computed twice.
     */
    private int[] keyed = new int[0];
    private boolean[] keyedValid = new boolean[0];
    private int keyedX0 = -1;
    private int keyedX1 = -1;
    private int keyedWidth = -1;

    public MotionFinder() {
        SplittableRandom random = new SplittableRandom(0x5C0_11ED);
        for (int i = 0; i < weights.length; i++) {
            weights[i] = random.nextInt() | 1;
        }
    }

    /**
     * The larger of the best vertical and the best horizontal move of at least {@code minRun} lines
     * (horizontal ones are only looked for when no vertical one covers half the band)
     * inside the band {@code [x0, x1) x [y0, y1)} from {@code old} to {@code now} (both
     * {@code width} wide), or null.
     */
    public Motion find(int[] old, int[] now, int width, int x0, int x1, int y0, int y1, int minRun) {
        if (keyedWidth != width || keyedX0 != x0 || keyedX1 != x1 || keyed.length < y1) {
            forget();
            keyedWidth = width;
            keyedX0 = x0;
            keyedX1 = x1;
            if (keyed.length < y1) {
                keyed = new int[y1];
                keyedValid = new boolean[y1];
            }
        }
        int columns = x1 - x0;
        int rows = y1 - y0;
        ensure(Math.max(columns, rows));
        Motion best = null;
        if (rows >= minRun) {
            for (int r = 0; r < rows; r++) {
                oldLines[r] = keyedValid[y0 + r] ? keyed[y0 + r] : rowKey(old, width, x0, columns, y0 + r);
            }
            rowKeys(now, width, x0, columns, y0, rows, newLines);
            System.arraycopy(newLines, 0, keyed, y0, rows);
            Arrays.fill(keyedValid, y0, y1, true);
            long run = longestRun(rows, minRun);
            if (run != 0) {
                best = new Motion(x0, y0 + (int) (run >>> 32 & 0xFFFF), columns, (int) (run & 0xFFFF), 0, (int) (run >> 48));
            }
        } else {
            Arrays.fill(keyedValid, y0, y1, false);
        }
        if (columns >= minRun && (best == null || 2 * best.area() < (long) columns * rows)) {
            columnKeys(old, width, x0, columns, y0, rows, oldLines);
            columnKeys(now, width, x0, columns, y0, rows, newLines);
            long run = longestRun(columns, minRun);
            if (run != 0) {
                Motion m = new Motion(x0 + (int) (run >>> 32 & 0xFFFF), y0, (int) (run & 0xFFFF), rows, (int) (run >> 48), 0);
                if (best == null || m.area() > best.area()) {
                    best = m;
                }
            }
        }
        return best;
    }

    private void ensure(int lines) {
        if (oldLines.length < lines) {
            oldLines = new int[lines];
            newLines = new int[lines];
            votes = new int[2 * lines];
            int size = Integer.highestOneBit(Math.max(16, lines * 4) - 1) << 1;
            table = new int[size];
            tableLines = new int[size];
        }
    }

    /**
     * Forgets the keys kept from the last frame. {@link #find} assumes that after it returns, the
     * rows of its band in {@code old} become those of {@code now} and other rows stay as they were;
     * when the caller changes {@code old} any other way it must call this.
     */
    public void forget() {
        Arrays.fill(keyedValid, false);
        keyedWidth = -1;
    }

    private void rowKeys(int[] px, int width, int x0, int columns, int y0, int rows, int[] keys) {
        for (int r = 0; r < rows; r++) {
            keys[r] = rowKey(px, width, x0, columns, y0 + r);
        }
    }

    private int rowKey(int[] px, int width, int x0, int columns, int row) {
        int base = row * width + x0;
        int sum = 0;
        for (int i = 0; i < columns; i++) {
            sum += px[base + i] * weights[i];
        }
        return sum;
    }

    private void columnKeys(int[] px, int width, int x0, int columns, int y0, int rows, int[] keys) {
        Arrays.fill(keys, 0, columns, 0);
        for (int r = 0; r < rows; r += 8) {
            int base = (y0 + r) * width + x0;
            int weight = weights[r];
            for (int i = 0; i < columns; i++) {
                keys[i] += px[base + i] * weight;
            }
        }
    }

    /**
     * Over {@code n} lines keyed in {@link #oldLines} and {@link #newLines}: the distance most lines
     * moved by and the longest run of lines equal at it, packed as shift (top 16 bits, signed),
     * start and length; 0 when no run of {@code minRun} lines moved.
     */
    private long longestRun(int n, int minRun) {
        // Old lines by key; a key seen on two lines (separators, blank lines) says nothing about distance.
        int mask = table.length - 1;
        Arrays.fill(tableLines, 0, table.length, -1);
        for (int i = 0; i < n; i++) {
            int k = oldLines[i];
            int s = slot(k, mask);
            while (tableLines[s] != -1 && table[s] != k) {
                s = (s + 1) & mask;
            }
            if (tableLines[s] == -1) {
                table[s] = k;
                tableLines[s] = i;
            } else {
                tableLines[s] = -2;
            }
        }
        Arrays.fill(votes, 0, 2 * n, 0);
        int best = 0;
        for (int i = 0; i < n; i++) {
            int k = newLines[i];
            int s = slot(k, mask);
            while (tableLines[s] != -1 && table[s] != k) {
                s = (s + 1) & mask;
            }
            int from = tableLines[s];
            if (from >= 0 && from != i) {
                int v = i - from + n;
                if (++votes[v] > votes[best]) {
                    best = v;
                }
            }
        }
        if (votes[best] < 2) {
            return 0;
        }
        int shift = best - n;
        int runStart = 0;
        int runLength = 0;
        int start = -1;
        int to = Math.min(n, n + shift);
        for (int i = Math.max(0, shift); i <= to; i++) {
            boolean match = i < to && newLines[i] == oldLines[i - shift];
            if (match && start < 0) {
                start = i;
            } else if (!match && start >= 0) {
                if (i - start > runLength) {
                    runStart = start;
                    runLength = i - start;
                }
                start = -1;
            }
        }
        return runLength >= minRun ? (long) shift << 48 | (long) runStart << 32 | runLength : 0;
    }

    private static int slot(int k, int mask) {
        return (k * 0x9E3779B1 >>> 8) & mask;
    }
}
