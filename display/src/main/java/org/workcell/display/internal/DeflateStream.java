package org.workcell.display.internal;

import java.util.zip.Deflater;

/**
 * One zlib stream for the whole connection, flushed at the end of every frame. Later frames can
 * refer back to the last 32 KiB of earlier ones (the same glyphs, icons and palettes come again
 * and again), and a frame costs no stream header or block set-up of its own.
 */
public final class DeflateStream implements AutoCloseable {
    /** What a sync flush always ends with: an empty stored block. Left off the wire; the reader adds it. */
    public static final byte[] FLUSH_TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};

    private final Deflater deflater;

    public DeflateStream(int level) {
        deflater = new Deflater(level);
    }

    /**
     * Appends to {@code out} the given parts, in order, compressed as one frame's piece of the
     * stream (without the flush tail).
     */
    public void compress(WireWriter out, WireWriter... parts) {
        int start = out.size();
        for (int p = 0; p < parts.length; p++) {
            boolean last = p == parts.length - 1;
            deflater.setInput(parts[p].array(), 0, parts[p].size());
            while (true) {
                out.ensure(Math.max(4096, parts[p].size() / 4));
                int free = out.array().length - out.size();
                int n = deflater.deflate(out.array(), out.size(), free, last ? Deflater.SYNC_FLUSH : Deflater.NO_FLUSH);
                out.reserve(n);
                if (last ? n < free : deflater.needsInput()) {
                    break;
                }
            }
        }
        int end = out.size();
        byte[] b = out.array();
        if (end - start < 4 || b[end - 4] != 0 || b[end - 3] != 0 || b[end - 2] != (byte) 0xFF || b[end - 1] != (byte) 0xFF) {
            throw new IllegalStateException("zlib's sync flush did not end with an empty stored block");
        }
        out.truncate(end - 4);
    }

    @Override
    public void close() {
        deflater.end();
    }
}
