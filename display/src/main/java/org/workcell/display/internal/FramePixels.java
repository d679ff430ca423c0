package org.workcell.display.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The pixels of a frame's PIXELS commands: collected area by area with each area's own colours,
 * then written as one index plane over the connection's palette of 255 colours, the rest escaped.
 *
 * <p>One palette means a glyph or icon has the same bytes wherever it is on the screen, and in
 * every frame, which deflate can then match (per-area palettes would hide that, and cost their
 * colours each time). A frame brings into the palette the colours it uses most that are missing,
 * in the slots least recently used by earlier frames, and sends only those changes.
 */
public final class FramePixels {
    private final ColourCounts counts = new ColourCounts();
    private final WireWriter head = new WireWriter(1024);
    private final WireWriter middle = new WireWriter(4);
    private final WireWriter plane = new WireWriter(1 << 16);
    private final WireWriter escapes = new WireWriter(1024);
    /** Per area: its colours, in the order of the local indices in the plane. */
    private final List<int[]> areaColours = new ArrayList<>();
    private final List<Integer> areaLengths = new ArrayList<>();
    private final int[] lookupKeys = new int[1024];
    private final byte[] lookupValues = new byte[1024];
    private final boolean[] lookupUsed = new boolean[1024];
    private final byte[] translate = new byte[256];
    /** The connection's palette: the colour in each slot, and the frame that last used it (0: never assigned). */
    private final int[] slots = new int[Commands.MAX_PALETTE];
    private final long[] used = new long[Commands.MAX_PALETTE];
    private long frame;

    public void clear() {
        counts.clear();
        plane.clear();
        areaColours.clear();
        areaLengths.clear();
    }

    /** Adds the area {@code coder} has just indexed ({@code colours} colours, {@code length} pixels). */
    public void add(TileCoder coder, int colours, int length) {
        int[] palette = Arrays.copyOf(coder.palette(), colours);
        int[] n = coder.counts();
        for (int i = 0; i < colours; i++) {
            counts.add(palette[i], n[i]);
        }
        areaColours.add(palette);
        areaLengths.add(length);
        plane.bytes(coder.indices(), 0, length);
    }

    /**
     * The frame body around {@code commands}: palette changes, command length, the commands, plane
     * length, the plane (translated to the connection's palette), the escaped colours.
     */
    public WireWriter[] body(WireWriter commands) {
        frame++;
        int[] wanted = counts.mostFrequent(Commands.MAX_PALETTE);
        rebuild();
        int[] missing = new int[wanted.length];
        int m = 0;
        for (int c : wanted) {
            int s = find(c);
            if (s == Commands.ESCAPE) {
                missing[m++] = c;
            } else {
                used[s] = frame;
            }
        }
        head.clear();
        head.u8(m);
        if (m > 0) {
            // Slots this frame does not use, least recently used first, take the new colours.
            long[] order = new long[Commands.MAX_PALETTE];
            int free = 0;
            for (int s = 0; s < Commands.MAX_PALETTE; s++) {
                if (used[s] != frame) {
                    order[free++] = used[s] << 8 | s;
                }
            }
            Arrays.sort(order, 0, free);
            for (int i = 0; i < m; i++) {
                int s = (int) (order[i] & 0xFF);
                slots[s] = missing[i];
                used[s] = frame;
                head.u8(s).u24(missing[i]);
            }
            rebuild();
        }
        head.u32(commands.size());
        middle.clear();
        middle.u32(plane.size());
        escapes.clear();
        byte[] p = plane.array();
        int at = 0;
        for (int a = 0; a < areaColours.size(); a++) {
            int[] colours = areaColours.get(a);
            boolean escaped = false;
            for (int i = 0; i < colours.length; i++) {
                translate[i] = (byte) find(colours[i]);
                escaped |= translate[i] == (byte) Commands.ESCAPE;
            }
            int end = at + areaLengths.get(a);
            for (int i = at; i < end; i++) {
                int local = p[i] & 0xFF;
                p[i] = translate[local];
                if (escaped && translate[local] == (byte) Commands.ESCAPE) {
                    escapes.u24(colours[local]);
                }
            }
            at = end;
        }
        return new WireWriter[] {head, commands, middle, plane, escapes};
    }

    private void rebuild() {
        Arrays.fill(lookupUsed, false);
        for (int i = 0; i < Commands.MAX_PALETTE; i++) {
            if (used[i] > 0) {
                int s = slot(slots[i]);
                while (lookupUsed[s]) {
                    s = (s + 1) & 1023;
                }
                lookupUsed[s] = true;
                lookupKeys[s] = slots[i];
                lookupValues[s] = (byte) i;
            }
        }
    }

    private int find(int colour) {
        int s = slot(colour);
        while (lookupUsed[s]) {
            if (lookupKeys[s] == colour) {
                return lookupValues[s] & 0xFF;
            }
            s = (s + 1) & 1023;
        }
        return Commands.ESCAPE;
    }

    private static int slot(int colour) {
        return (colour * 0x9E3779B1) >>> 22;
    }
}
