package org.workcell.image.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.workcell.image.ChunkId;
import org.workcell.image.ChunkRef;
import org.workcell.image.ChunkStore;

/**
 * Hashes, compresses and stores chunks on a pool of threads while the caller goes on cutting.
 * Each chunk is copied into one of a fixed set of buffers; when all are in flight the caller
 * waits, so memory stays bounded however fast the input comes. The chunk list comes out in
 * payload order whatever order the workers finish in.
 */
public final class ChunkUploader implements ChunkingOutputStream.Consumer, AutoCloseable {
    private final ChunkStore store;
    private final ExecutorService workers;
    private final BlockingQueue<byte[]> buffers;
    private final int bufferSize;
    private final AtomicInteger buffersMade = new AtomicInteger();
    private final int bufferLimit;
    private final List<Pending> pending = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private record Pending(long offset, int length, CompletableFuture<ChunkId> id) {}

    public ChunkUploader(ChunkStore store, int threads, int maxChunkBytes) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        this.store = store;
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "image-chunk-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.bufferSize = maxChunkBytes;
        this.bufferLimit = threads * 4;
        this.buffers = new ArrayBlockingQueue<>(bufferLimit);
    }

    @Override
    public void accept(long payloadOffset, byte[] data, int offset, int length) throws IOException {
        rethrowFailure();
        byte[] buffer = takeBuffer();
        System.arraycopy(data, offset, buffer, 0, length);
        CompletableFuture<ChunkId> id = CompletableFuture.supplyAsync(() -> {
            try {
                return store.put(buffer, 0, length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                buffers.offer(buffer);
            }
        }, workers);
        id.whenComplete((ok, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
        });
        pending.add(new Pending(payloadOffset, length, id));
    }

    private byte[] takeBuffer() throws IOException {
        byte[] buffer = buffers.poll();
        if (buffer != null) {
            return buffer;
        }
        if (buffersMade.get() < bufferLimit) {
            buffersMade.incrementAndGet();
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
        if (t != null) {
            throw asIoException(t);
        }
    }

    /** Waits for every chunk to be stored and returns them in payload order. */
    public List<ChunkRef> finish() throws IOException {
        List<ChunkRef> chunks = new ArrayList<>(pending.size());
        for (Pending p : pending) {
            ChunkId id;
            try {
                id = p.id().join();
            } catch (CompletionException e) {
                throw asIoException(e);
            }
            chunks.add(new ChunkRef(p.offset(), p.length(), id));
        }
        return chunks;
    }

    private static IOException asIoException(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (cause instanceof UncheckedIOException u) {
            return u.getCause();
        }
        if (cause instanceof IOException io) {
            return io;
        }
        return new IOException("storing a chunk failed: " + cause, cause);
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
