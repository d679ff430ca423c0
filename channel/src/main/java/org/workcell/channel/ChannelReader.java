package org.workcell.channel;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import org.workcell.channel.internal.MessageDecoder;

/**
 * Reads messages from a stream, for one reader thread. Every field is validated, and every length
 * is checked against the {@link ChannelLimits} and the rest of the message before anything is
 * allocated for it. {@link FrameUpdate} rects are checked against the display size of the latest
 * {@link Hello} or {@link Resize} this reader returned.
 *
 * <p>Errors: a protocol violation throws {@link ChannelException}; after any exception the reader
 * stays broken and throws again, because the position in the stream is lost.
 */
public final class ChannelReader implements Closeable {
    private final InputStream in;
    private final MessageDecoder decoder;

    public ChannelReader(InputStream in) {
        this(in, ChannelLimits.DEFAULT);
    }

    public ChannelReader(InputStream in, ChannelLimits limits) {
        this(in, limits, null);
    }

    /**
     * @param direction the direction messages on this stream travel (a host reads
     *                  {@link Direction#PHONE_TO_HOST}); messages of the other direction are rejected.
     *                  Null accepts every type.
     */
    public ChannelReader(InputStream in, ChannelLimits limits, Direction direction) {
        this.decoder = new MessageDecoder(in, limits, direction);
        this.in = in;
    }

    /**
     * The next message, blocking until it has fully arrived; null when the stream ends exactly
     * between two messages (an end inside a message is a {@link ChannelException}).
     */
    public Message read() throws IOException {
        return decoder.read();
    }

    /** Closes the underlying stream. */
    @Override
    public void close() throws IOException {
        in.close();
    }
}
