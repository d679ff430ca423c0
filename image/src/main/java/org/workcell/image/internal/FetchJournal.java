package org.workcell.image.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.BitSet;

/**
 * The record of which chunks of a partial payload are written: a header naming the image (so a
 * journal is never applied to another image's partial file), then one 4-byte chunk position per
 * completed chunk, appended as each is written. A process killed mid-fetch leaves every append it
 * made in the OS, so the next fetch redoes only what was in flight; a power cut can lose what was
 * not yet synced, or (data and journal being synced apart) keep a record whose data is lost,
 * which is why a resuming fetch checks each recorded chunk against its id before trusting it.
 *
 * <p>The journal file is also the fetch's lock: two fetches into one target would overwrite each
 * other's partial file.
 */
final class FetchJournal implements Closeable {
    private static final byte[] MAGIC = {'W', 'C', 'F', 'E', 'T', 'C', 'H', '1'};
    private static final int HEADER_BYTES = MAGIC.length + 32 + 32 + 8;

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final byte[] header;
    private long end;

    /** Another fetch holds the journal. */
    static final class Busy extends IOException {
        Busy(String message) {
            super(message);
        }
    }

    private FetchJournal(Path file, FileChannel channel, FileLock lock, byte[] header) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.header = header;
    }

    /** Opens (creating if need be) and locks the journal of an image with these digests and size. */
    static FetchJournal open(Path file, byte[] payloadDigest, byte[] indexDigest, long size) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).put(MAGIC).put(payloadDigest).put(indexDigest).putLong(size);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new Busy("another fetch is writing " + file);
        }
        return new FetchJournal(file, channel, lock, header.array());
    }

    /**
     * The chunk positions recorded for this image (below {@code chunks}), or null if the journal
     * is empty, torn in its header or for another image. A torn last record is ignored.
     */
    BitSet recorded(int chunks) throws IOException {
        long size = channel.size();
        if (size < HEADER_BYTES) {
            return null;
        }
        ByteBuffer head = ByteBuffer.allocate(HEADER_BYTES);
        readFully(head, 0);
        if (!Arrays.equals(head.array(), header)) {
            return null;
        }
        BitSet recorded = new BitSet(chunks);
        long records = (size - HEADER_BYTES) / 4;
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        long position = HEADER_BYTES;
        long remaining = records * 4;
        while (remaining > 0) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), remaining));
            readFully(buffer, position);
            buffer.flip();
            position += buffer.limit();
            remaining -= buffer.limit();
            while (buffer.remaining() >= 4) {
                int chunk = buffer.getInt();
                if (chunk >= 0 && chunk < chunks) {
                    recorded.set(chunk);
                }
            }
        }
        end = HEADER_BYTES + records * 4;
        return recorded;
    }

    /** Empties the journal for a fetch that starts from nothing, and syncs it. */
    void startOver() throws IOException {
        channel.truncate(0);
        ByteBuffer buffer = ByteBuffer.wrap(header);
        while (buffer.hasRemaining()) {
            channel.write(buffer, buffer.position());
        }
        channel.force(true);
        end = HEADER_BYTES;
    }

    /** Records chunk positions as written (to the OS; {@link #sync()} makes it durable). */
    void append(int[] positions) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(positions.length * 4);
        for (int position : positions) {
            buffer.putInt(position);
        }
        buffer.flip();
        while (buffer.hasRemaining()) {
            end += channel.write(buffer, end);
        }
    }

    void sync() throws IOException {
        channel.force(false);
    }

    /** Removes the journal once its fetch is installed. */
    void delete() throws IOException {
        Files.deleteIfExists(file);
        close();
    }

    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } finally {
            channel.close();
        }
    }

    private void readFully(ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new IOException(file + " shrank while being read");
            }
            at += n;
        }
    }
}
