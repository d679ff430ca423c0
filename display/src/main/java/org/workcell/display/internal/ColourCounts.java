package org.workcell.display.internal;

import java.util.Arrays;

/** How often each colour occurs among a frame's indexed pixels, in first-seen order. */
final class ColourCounts {
    private int[] keys = new int[4096];
    private int[] slots = new int[4096]; // entry number + 1; 0 is free
    private int[] colours = new int[1024];
    private long[] counts = new long[1024];
    private int size;

    void clear() {
        if (size > 0) {
            Arrays.fill(slots, 0);
            size = 0;
        }
    }

    void add(int colour, long count) {
        int mask = slots.length - 1;
        int s = (colour * 0x9E3779B1) >>> 7 & mask;
        while (slots[s] != 0 && keys[s] != colour) {
            s = (s + 1) & mask;
        }
        if (slots[s] != 0) {
            counts[slots[s] - 1] += count;
            return;
        }
        if (size == colours.length) {
            colours = Arrays.copyOf(colours, size * 2);
            counts = Arrays.copyOf(counts, size * 2);
        }
        colours[size] = colour;
        counts[size] = count;
        keys[s] = colour;
        slots[s] = ++size;
        if (size * 2 > slots.length) {
            grow();
        }
    }

    private void grow() {
        int[] oldKeys = keys;
        int[] oldSlots = slots;
        keys = new int[oldKeys.length * 2];
        slots = new int[oldSlots.length * 2];
        int mask = slots.length - 1;
        for (int i = 0; i < oldSlots.length; i++) {
            if (oldSlots[i] != 0) {
                int s = (oldKeys[i] * 0x9E3779B1) >>> 7 & mask;
                while (slots[s] != 0) {
                    s = (s + 1) & mask;
                }
                keys[s] = oldKeys[i];
                slots[s] = oldSlots[i];
            }
        }
    }

    /** Up to {@code max} colours, most frequent first, ties in first-seen order. */
    int[] mostFrequent(int max) {
        long[] order = new long[size];
        for (int i = 0; i < size; i++) {
            // Count in the high bits (descending once negated), first-seen order in the low ones.
            order[i] = -(Math.min(counts[i], (1L << 38) - 1) << 24) + i;
        }
        Arrays.sort(order);
        int n = Math.min(max, size);
        int[] palette = new int[n];
        for (int i = 0; i < n; i++) {
            palette[i] = colours[(int) (order[i] & 0xFF_FFFF)];
        }
        return palette;
    }
}
