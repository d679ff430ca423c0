package org.workcell.display.internal;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.workcell.display.DisplayProtocolException;

/** The reading side of {@link DeflateStream}: one zlib stream across all of a connection's frames. */
public final class InflateStream implements AutoCloseable {
    private final Inflater inflater = new Inflater();
    private final byte[] probe = new byte[1];

    /**
     * Inflates one frame's part of the stream, {@code in[from, from + length)} plus the flush tail
     * the sender left off, which must yield exactly {@code expected} bytes.
     */
    public byte[] inflate(byte[] in, int from, int length, int expected) {
        byte[] input = new byte[length + DeflateStream.FLUSH_TAIL.length];
        System.arraycopy(in, from, input, 0, length);
        System.arraycopy(DeflateStream.FLUSH_TAIL, 0, input, length, DeflateStream.FLUSH_TAIL.length);
        inflater.setInput(input);
        byte[] out = new byte[expected];
        try {
            int n = 0;
            while (n < expected) {
                int k = inflater.inflate(out, n, expected - n);
                if (k == 0) { // zlib makes no progress only when out of input, at the stream's end or wanting a dictionary
                    throw new DisplayProtocolException("FRAME body inflates to " + n + " bytes, not the " + expected + " announced");
                }
                n += k;
            }
            // The frame's part must end exactly at its flush: no more output, no input left over.
            if (inflater.inflate(probe) != 0 || inflater.getRemaining() != 0 || inflater.finished()) {
                throw new DisplayProtocolException("FRAME body inflates to more than the " + expected + " bytes announced");
            }
        } catch (DataFormatException e) {
            throw new DisplayProtocolException("FRAME body is not valid deflate data: " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public void close() {
        inflater.end();
    }
}
