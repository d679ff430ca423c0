package org.workcell.image.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.workcell.image.ChunkId;
import org.workcell.image.ChunkRef;
import org.workcell.image.ChunkStore;

/**
 * Hashes, compresses and stores chunks on a pool of threads while the caller goes on cutting.
 * Each chunk is copied into one of a fixed set of buffers; when all are in flight the caller
 * waits, so memory stays bounded however fast the input comes. The chunk list comes out in
 * payload order whatever order the workers finish in. Per chunk this keeps an offset, a length
 * and an id in flat arrays: an image of millions of chunks costs no more than its index.
 */
public final class ChunkUploader implements ChunkingOutputStream.Consumer, AutoCloseable {
    private static final int BLOCK = 1 << 14; // ids per block: blocks are made by the caller, filled by workers

    private final ChunkStore store;
    private final ExecutorService workers;
    private final BlockingQueue<byte[]> buffers;
    private final int bufferSize;
    private final int bufferLimit;
    private int buffersMade;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private long[] offsets = new long[1024];
    private int[] lengths = new int[1024];
    private final List<AtomicReferenceArray<ChunkId>> ids = new ArrayList<>();
    private int count;

    public ChunkUploader(ChunkStore store, int threads, int maxChunkBytes) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        this.store = store;
        AtomicInteger names = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "image-chunk-" + names.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.bufferSize = maxChunkBytes;
        this.bufferLimit = threads * 8; // enough in flight that a slow file write does not stall the cutting
        this.buffers = new ArrayBlockingQueue<>(bufferLimit);
    }

    @Override
    public void accept(long payloadOffset, byte[] data, int offset, int length) throws IOException {
        rethrowFailure();
        byte[] buffer = takeBuffer();
        System.arraycopy(data, offset, buffer, 0, length);
        int index = count++;
        if (index == offsets.length) {
            offsets = Arrays.copyOf(offsets, index * 2);
            lengths = Arrays.copyOf(lengths, index * 2);
        }
        offsets[index] = payloadOffset;
        lengths[index] = length;
        if (index % BLOCK == 0) {
            ids.add(new AtomicReferenceArray<>(BLOCK));
        }
        AtomicReferenceArray<ChunkId> block = ids.get(index / BLOCK);
        workers.execute(() -> {
            try {
                if (failure.get() == null) {
                    block.set(index % BLOCK, store.put(buffer, 0, length));
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            } finally {
                buffers.offer(buffer);
            }
        });
    }

    private byte[] takeBuffer() throws IOException {
        byte[] buffer = buffers.poll();
        if (buffer != null) {
            return buffer;
        }
        if (buffersMade < bufferLimit) {
            buffersMade++;
            return new byte[bufferSize];
        }
        try {
            while (true) {
                buffer = buffers.poll(100, TimeUnit.MILLISECONDS);
                if (buffer != null) {
                    return buffer;
                }
                rethrowFailure(); // a failed worker still hands its buffer back, but do not wait on a broken pipeline
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while storing chunks");
        }
    }

    private void rethrowFailure() throws IOException {
        Throwable t = failure.get();
        if (t instanceof IOException io) {
            throw io;
        }
        if (t != null) {
            throw new IOException("storing a chunk failed: " + t, t);
        }
    }

    /** Waits for every chunk to be stored and returns them in payload order. */
    public List<ChunkRef> finish() throws IOException {
        workers.shutdown();
        try {
            while (!workers.awaitTermination(1, TimeUnit.SECONDS)) {
                rethrowFailure();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while storing chunks");
        }
        rethrowFailure();
        List<ChunkRef> chunks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            chunks.add(new ChunkRef(offsets[i], lengths[i], ids.get(i / BLOCK).get(i % BLOCK)));
        }
        return chunks;
    }

    @Override
    public void close() {
        workers.shutdownNow();
        try {
            // Let workers that are mid-write finish or clean up their temporary files before we return.
            workers.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
