package org.workcell.channel;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.locks.ReentrantLock;
import org.workcell.channel.internal.MessageEncoder;

/**
 * Writes messages to a stream; safe for many threads (each message is written whole under a lock).
 * Messages are buffered: call {@link #flush()} after a message or batch that the peer is waiting
 * for (input events, acks, a finished frame).
 *
 * <p>A message that breaks the {@link ChannelLimits}, has an unencodable string, or has a
 * {@link FrameUpdate} rect outside the display of the latest {@link Hello} or {@link Resize} written
 * here, is rejected with a {@link ChannelException} before any of its bytes are written, and the
 * writer stays usable. An I/O error in the middle of a message breaks the writer for good.
 */
public final class ChannelWriter implements Closeable, Flushable {
    // A ReentrantLock rather than synchronized, so virtual threads blocked on a full pipe don't pin.
    private final ReentrantLock lock = new ReentrantLock();
    private final MessageEncoder encoder;
    private IOException broken;
    private boolean closed;

    public ChannelWriter(OutputStream out) {
        this(out, ChannelLimits.DEFAULT);
    }

    public ChannelWriter(OutputStream out, ChannelLimits limits) {
        this(out, limits, null);
    }

    /**
     * @param direction the direction this stream carries (a phone writes {@link Direction#PHONE_TO_HOST});
     *                  messages that never travel that way are rejected. Null allows every type.
     */
    public ChannelWriter(OutputStream out, ChannelLimits limits, Direction direction) {
        this.encoder = new MessageEncoder(out, limits, direction);
    }

    /**
     * Buffers one message (arrays in it are not copied: see {@link PixelsRect}); large payloads go
     * straight to the stream.
     */
    public void write(Message message) throws IOException {
        lock.lock();
        try {
            usable();
            try {
                encoder.write(message);
            } catch (ChannelException e) {
                throw e; // rejected before any byte was buffered
            } catch (IOException | RuntimeException e) {
                broken = e instanceof IOException io ? io : new IOException(e);
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    public void flush() throws IOException {
        lock.lock();
        try {
            usable();
            try {
                encoder.flush();
            } catch (IOException e) {
                broken = e;
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Flushes what is buffered and closes the stream. */
    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (broken != null) {
                encoder.abort(); // half a message is buffered: don't send it
            } else {
                encoder.close();
            }
        } finally {
            lock.unlock();
        }
    }

    private void usable() throws IOException {
        if (closed) {
            throw new ChannelException("channel writer is closed");
        }
        if (broken != null) {
            throw new ChannelException("channel writer is unusable after an earlier I/O error: " + broken.getMessage(), broken);
        }
    }
}
