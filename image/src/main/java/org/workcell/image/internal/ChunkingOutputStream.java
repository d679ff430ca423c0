package org.workcell.image.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Cuts what is written to it into content-defined chunks and hands each to a {@link Consumer},
 * in order, while hashing the whole stream (SHA-256). Bytes are gathered in one large window and
 * cut in bulk; the only copy is into the window. Not thread-safe.
 */
public final class ChunkingOutputStream extends OutputStream {
    /** Receives each chunk; {@code data[offset, offset + length)} is valid only during the call. */
    @FunctionalInterface
    public interface Consumer {
        void accept(long payloadOffset, byte[] data, int offset, int length) throws IOException;
    }

    // Hash and cut every STEP bytes, while they are still in the CPU's cache, not a whole window at a time.
    private static final int STEP = 512 << 10;

    private final FastCdc chunker;
    private final int step;
    private final int min;
    private final int max;
    private final Consumer consumer;
    private final MessageDigest digest = Sha256.newDigest();
    private final byte[] window;
    private int start; // first byte not yet in a chunk
    private int end; // first free byte
    private int digested; // first byte not yet hashed
    private long windowBase; // payload offset of window[0]
    private long[] forced = new long[64]; // payload offsets to cut at, ascending
    private int forcedHead;
    private int forcedTail;
    private boolean finished;
    private byte[] payloadDigest;

    public ChunkingOutputStream(FastCdc chunker, Consumer consumer) {
        // Big enough that the unfinished chunk is moved to the front rarely.
        this(chunker, consumer, Math.max(8 << 20, 4 * chunker.params().max()));
    }

    ChunkingOutputStream(FastCdc chunker, Consumer consumer, int windowBytes) {
        this.chunker = chunker;
        this.min = chunker.params().min();
        this.max = chunker.params().max();
        this.consumer = consumer;
        if (windowBytes < 2 * max) {
            throw new IllegalArgumentException("the window must hold two chunks of the largest size");
        }
        this.window = new byte[windowBytes];
        this.step = Math.min(STEP, windowBytes / 4);
    }

    /** Bytes written so far: the payload offset of the next byte. */
    public long position() {
        return windowBase + end;
    }

    /** Asks for a chunk to start at the next byte written, if the chunk before it is at least {@code min} long by then. */
    public void cutHere() {
        long at = position();
        if (forcedTail > forcedHead && forced[forcedTail - 1] == at) {
            return;
        }
        if (forcedTail == forced.length) {
            int live = forcedTail - forcedHead;
            if (forcedHead > forced.length / 2) {
                System.arraycopy(forced, forcedHead, forced, 0, live);
            } else {
                forced = Arrays.copyOfRange(forced, forcedHead, forcedHead + forced.length * 2);
            }
            forcedHead = 0;
            forcedTail = live;
        }
        forced[forcedTail++] = at;
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        if (end == window.length) {
            cut(false);
        }
        window[end++] = (byte) b;
    }


    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        while (len > 0) {
            if (end == window.length) {
                cut(false);
            }
            int n = Math.min(len, window.length - end);
            System.arraycopy(b, off, window, end, n);
            end += n;
            off += n;
            len -= n;
            if (end - digested >= step) {
                cut(false);
            }
        }
    }

    /** Cuts and hands over the last chunks; returns the SHA-256 of everything written. Idempotent. */
    public byte[] finish() throws IOException {
        if (!finished) {
            cut(true);
            finished = true;
            payloadDigest = digest.digest();
        }
        return payloadDigest.clone();
    }

    @Override
    public void close() throws IOException {
        finish();
    }

    private void ensureOpen() throws IOException {
        if (finished) {
            throw new IOException("the payload is finished");
        }
    }

    private void cut(boolean eof) throws IOException {
        digest.update(window, digested, end - digested);
        digested = end;
        // Before the end, cut only where a whole maximum-size chunk is at hand: there the chunker always
        // finds the cut, so no byte is scanned twice waiting for more data.
        while (eof ? start < end : end - start >= max) {
            long chunkStart = windowBase + start;
            while (forcedHead < forcedTail && forced[forcedHead] < chunkStart + min) {
                forcedHead++;
            }
            int forcedIndex = Integer.MAX_VALUE;
            if (forcedHead < forcedTail) {
                forcedIndex = (int) Math.min(Integer.MAX_VALUE, forced[forcedHead] - windowBase);
            }
            int length = chunker.nextCut(window, start, end, eof, forcedIndex);
            if (length <= 0) {
                break;
            }
            consumer.accept(chunkStart, window, start, length);
            start += length;
        }
        // Move the unfinished chunk to the front only when the window is full: rarely, and never more than max bytes.
        if (start > 0 && (eof || end == window.length)) {
            System.arraycopy(window, start, window, 0, end - start);
            windowBase += start;
            end -= start;
            digested -= start;
            start = 0;
        }
    }
}
