package org.workcell.image.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.workcell.image.ChunkRef;

/**
 * The one thread that writes the partial payload and its journal. Downloads and copies hand it
 * verified chunks; it writes each at its positions, then records them in the journal.
 *
 * <p>It is a thread of its own because file channels close when a thread using them is
 * interrupted, and a fetch is cancelled by interrupting its workers: were the workers to write,
 * cancelling would close the partial file under every other worker and lose the journal's tail.
 * This thread is never interrupted; on cancel it still writes (and journals) every chunk already
 * handed to it, so a resumed fetch need not download those again.
 */
final class PartialWriter {
    private record Item(int[] positions, byte[] data) {}

    private static final Item END = new Item(new int[0], new byte[0]);

    private final FileChannel partial;
    private final FetchJournal journal;
    private final List<ChunkRef> chunks;
    private final ProgressMeter meter;
    private final long syncIntervalNanos;
    private final Consumer<IOException> onFailure;
    private final BlockingQueue<Item> queue;
    private final Thread thread;
    private final BitSet written;
    private final LongConsumer writtenPrefix;
    private int firstUnwritten;
    private volatile IOException failure;

    /**
     * {@code done} is what the partial file already holds; {@code writtenPrefix} hears, from the
     * writer's thread, each time the bytes written from the start of the payload grow.
     */
    PartialWriter(FileChannel partial, FetchJournal journal, List<ChunkRef> chunks, BitSet done, ProgressMeter meter,
                  long syncIntervalNanos, int capacity, LongConsumer writtenPrefix, Consumer<IOException> onFailure) {
        this.written = (BitSet) done.clone();
        this.writtenPrefix = writtenPrefix;
        this.partial = partial;
        this.journal = journal;
        this.chunks = chunks;
        this.meter = meter;
        this.syncIntervalNanos = syncIntervalNanos;
        this.onFailure = onFailure;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = Thread.ofVirtual().name("image-fetch-writer").unstarted(this::run);
    }

    void start() {
        advancePrefix();
        thread.start();
    }

    /** Hands over a verified chunk to write at {@code positions}; blocks while the writer is behind. */
    void submit(int[] positions, byte[] data) throws InterruptedException {
        queue.put(new Item(positions, data));
    }

    /** Writes what is queued, syncs, and stops; returns the write error, if there was one. */
    IOException finish() {
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(END);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return failure;
    }

    private void run() {
        long nextSync = System.nanoTime() + syncIntervalNanos;
        while (true) {
            Item item = take();
            if (item == END) {
                break;
            }
            if (failure != null) {
                continue; // keep draining, so that no worker blocks on a full queue
            }
            try {
                write(item);
                if (System.nanoTime() - nextSync >= 0) {
                    sync();
                    nextSync = System.nanoTime() + syncIntervalNanos;
                }
            } catch (IOException e) {
                fail(e);
            }
        }
        if (failure == null) {
            try {
                sync();
            } catch (IOException e) {
                fail(e);
            }
        }
    }

    private void write(Item item) throws IOException {
        for (int position : item.positions()) {
            ChunkRef ref = chunks.get(position);
            ByteBuffer buffer = ByteBuffer.wrap(item.data());
            long at = ref.offset();
            while (buffer.hasRemaining()) {
                at += partial.write(buffer, at);
            }
        }
        // After the data: a killed process leaves both in the OS, so a record never outlives its data.
        journal.append(item.positions());
        meter.add((long) item.data().length * item.positions().length);
        for (int position : item.positions()) {
            written.set(position);
        }
        advancePrefix();
    }

    private void advancePrefix() {
        int first = written.nextClearBit(firstUnwritten);
        if (first != firstUnwritten || first == 0) {
            firstUnwritten = first;
            writtenPrefix.accept(first < chunks.size() ? chunks.get(first).offset() : chunks.isEmpty() ? 0 : chunks.getLast().end());
        }
    }

    // Data before journal, so that after a power cut a synced record's data is (nearly always) on disk too.
    private void sync() throws IOException {
        partial.force(true);
        journal.sync();
    }

    private void fail(IOException e) {
        failure = e;
        onFailure.accept(e);
    }

    private Item take() {
        while (true) {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                // Never interrupted by design (see the class comment); if it is, carry on.
            }
        }
    }
}
