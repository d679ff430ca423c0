package org.workcell.image.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The SHA-256 of the assembled payload, read back from the partial file while the fetch still
 * runs: the {@link PartialWriter} says how far from the start every byte has been written, and
 * this hashes up to there. Hashing after the last download instead left one core idle for the
 * whole pass (a second of a 1 GiB fetch); the bytes hashed are the same ones, read from the file.
 */
final class PayloadHasher {
    private static final int BUFFER = 1 << 20;

    private final Path partial;
    private final long size;
    private final ProgressMeter meter;
    private long available;
    private long hashed;
    private boolean counting;

    PayloadHasher(Path partial, long size, ProgressMeter meter) {
        this.partial = partial;
        this.size = size;
        this.meter = meter;
    }

    /** Every byte before {@code bytes} is written and will not change. */
    synchronized void advance(long bytes) {
        if (bytes > available) {
            available = bytes;
            notifyAll();
        }
    }

    /**
     * Nothing more will be written: hash to the end whatever the writer reported, so that a gap
     * (which the writer would never report) shows as a wrong digest rather than a wait. The rest
     * of the hashing is the meter's "verify" phase.
     */
    synchronized void finish() {
        meter.phase("verify", hashed, size);
        available = size;
        counting = true;
        notifyAll();
    }

    /** Hashes the payload as it becomes available; returns its digest in hex. Interrupt to stop it. */
    String run() throws IOException, InterruptedException {
        MessageDigest sha = Sha256.newDigest();
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.READ)) {
            long at = 0;
            while (at < size) {
                long until = awaitBeyond(at);
                while (at < until) {
                    buffer.clear().limit((int) Math.min(BUFFER, until - at));
                    int n = channel.read(buffer, at);
                    if (n < 0) {
                        throw new IOException(partial + " ended early");
                    }
                    sha.update(buffer.array(), 0, n);
                    at += n;
                    progressed(n);
                }
            }
            if (channel.size() != size) {
                throw new IOException(partial + " is " + channel.size() + " bytes after assembly, not " + size);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private synchronized long awaitBeyond(long at) throws InterruptedException {
        while (available <= at) {
            wait();
        }
        return available;
    }

    private void progressed(int n) {
        boolean report;
        synchronized (this) {
            hashed += n;
            report = counting;
        }
        if (report) {
            meter.add(n);
        }
    }
}
