package org.workcell.display.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The pixels of a frame's PIXELS commands: collected area by area with each area's own colours,
 * then written as one index plane over one palette for the whole frame (the 255 most frequent
 * colours) with the rest escaped. One palette means a glyph or icon has the same bytes wherever it
 * is on the screen, which deflate can then match; per-area palettes would hide that.
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
     * The frame body around {@code commands}: palette size and colours, command length, the
     * commands, plane length, the plane (translated to the frame's palette), the escaped colours.
     */
    public WireWriter[] body(WireWriter commands) {
        int[] palette = counts.palette(Commands.MAX_PALETTE);
        head.clear();
        head.u8(palette.length);
        for (int c : palette) {
            head.u24(c);
        }
        head.u32(commands.size());
        middle.clear();
        middle.u32(plane.size());
        Arrays.fill(lookupUsed, false);
        for (int i = 0; i < palette.length; i++) {
            int s = slot(palette[i]);
            while (lookupUsed[s]) {
                s = (s + 1) & 1023;
            }
            lookupUsed[s] = true;
            lookupKeys[s] = palette[i];
            lookupValues[s] = (byte) i;
        }
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
