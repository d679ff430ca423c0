package org.workcell.display;

import java.nio.ByteBuffer;
import java.util.List;

/** Hand-made first frames around KEEP and REMAP, valid and not, for both decoders. */
final class RemapFrames {
    static final int W = 8;
    static final int H = 4;

    private RemapFrames() {
    }

    /** Tables that move red up by 1, halve green and invert blue. */
    static int[] tables() {
        int[] t = new int[768];
        for (int i = 0; i < 256; i++) {
            t[i] = (i + 1) & 0xFF;
            t[256 + i] = i / 2;
            t[512 + i] = 255 - i;
        }
        return t;
    }

    static int map(int rgb) {
        int[] t = tables();
        return t[rgb >>> 16 & 0xFF] << 16 | t[256 + (rgb >>> 8 & 0xFF)] << 8 | t[512 + (rgb & 0xFF)];
    }

    static void fill(ByteBuffer b, int x, int y, int w, int h, int rgb) {
        b.put((byte) 1).putShort((short) x).putShort((short) y).putShort((short) w).putShort((short) h)
                .put((byte) (rgb >>> 16)).put((byte) (rgb >>> 8)).put((byte) rgb);
    }

    static void keep(ByteBuffer b, int x, int y, int w, int h) {
        b.put((byte) 7).putShort((short) x).putShort((short) y).putShort((short) w).putShort((short) h);
    }

    static void remap(ByteBuffer b, int x, int y, int w, int h, int fromX, int fromY, int source, int tableBytes) {
        b.put((byte) 8).putShort((short) x).putShort((short) y).putShort((short) w).putShort((short) h)
                .putShort((short) fromX).putShort((short) fromY).put((byte) source);
        int[] t = tables();
        for (int i = 0; i < tableBytes; i++) {
            b.put((byte) (t[i] - (i % 256 == 0 ? 0 : t[i - 1])));
        }
    }

    private static byte[] frame(ByteBuffer commands) {
        byte[] c = new byte[commands.position()];
        commands.flip().get(c);
        return TestFrames.first(W, H, TestFrames.body(c));
    }

    /**
     * Columns 0 to 7 filled with 0x102030 * (x + 1); the left half kept; the right half painted over;
     * then columns 1 to 7 remapped from the screen one column to the left (overlapping: it reads the
     * screen as it was), and rows 2 and 3 of columns 4 to 7 remapped from the reference's columns 0 to 3.
     */
    static byte[] valid() {
        ByteBuffer b = ByteBuffer.allocate(4096);
        for (int x = 0; x < W; x++) {
            fill(b, x, 0, 1, H, 0x102030 * (x + 1));
        }
        keep(b, 0, 0, 4, H);
        fill(b, 4, 0, 4, H, 0xABCDEF);
        remap(b, 1, 0, 7, 2, 0, 0, 0, 768);
        remap(b, 4, 2, 4, 2, 0, 2, 1, 768);
        return frame(b);
    }

    /** What {@link #valid()} draws, worked out here independently of the decoders. */
    static int[] validPixels() {
        int[] px = new int[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                px[y * W + x] = x < 4 ? 0x102030 * (x + 1) : 0xABCDEF;
            }
        }
        int[] before = px.clone();
        for (int y = 0; y < 2; y++) {
            for (int x = 1; x < W; x++) {
                px[y * W + x] = map(before[y * W + x - 1]);
            }
        }
        for (int y = 2; y < H; y++) {
            for (int x = 4; x < W; x++) {
                px[y * W + x] = map(0x102030 * (x - 4 + 1));
            }
        }
        return px;
    }

    /** Frames that break the rules for KEEP and REMAP, each with what is wrong. */
    static List<byte[]> invalid() {
        return List.of(
                one(b -> remap(b, 0, 0, 2, 2, 0, 0, 2, 768)), // source neither screen nor reference
                one(b -> remap(b, 7, 0, 2, 2, 0, 0, 1, 768)), // reaches past the right edge
                one(b -> remap(b, 0, 0, 2, 2, 0, 3, 0, 768)), // source reaches past the bottom
                one(b -> remap(b, 0, 0, 0, 2, 0, 0, 0, 768)), // empty
                one(b -> remap(b, 0, 0, 2, 2, 1, 1, 0, 700)), // tables cut short
                one(b -> keep(b, 0, 0, 9, 1)), // wider than the screen
                one(b -> keep(b, 2, 3, 1, 0))); // empty
    }

    private static byte[] one(java.util.function.Consumer<ByteBuffer> command) {
        ByteBuffer b = ByteBuffer.allocate(1024);
        command.accept(b);
        return frame(b);
    }
}
