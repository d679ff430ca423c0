package org.workcell.host.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.workcell.channel.ChannelException;
import org.workcell.channel.ChannelLimits;
import org.workcell.channel.ChannelReader;
import org.workcell.channel.ChannelWriter;
import org.workcell.channel.Direction;
import org.workcell.channel.Message;

/**
 * The host's end of one phone's channel. Reading runs on a thread of its own; writing goes through
 * a bounded queue drained by another, so a phone that stops reading never blocks the host: when
 * the queue is full the phone is reported hung.
 */
final class PhoneChannel {
    /** Starts a thread that blocks on a phone's pipe: a daemon with a small stack, as a host runs hundreds. */
    static Thread startPipeThread(String name, Runnable body) {
        return Thread.ofPlatform().name(name).daemon().stackSize(256 * 1024).start(body);
    }

    static final int QUEUE = 4096;

    interface Handler {
        void received(Message message) throws IOException;

        /** The channel broke: a protocol violation, a hung phone, or the stream ended. */
        void broken(String reason);
    }

    private static final Message CLOSE = new org.workcell.channel.Lock();
    private final ChannelReader reader;
    private final ChannelWriter writer;
    private final BlockingQueue<Message> outbox = new ArrayBlockingQueue<>(QUEUE);
    private final Handler handler;
    private volatile boolean closed;

    PhoneChannel(InputStream fromPhone, OutputStream toPhone, Handler handler) {
        this.reader = new ChannelReader(new BufferedInputStream(fromPhone, 1 << 16), ChannelLimits.DEFAULT, Direction.PHONE_TO_HOST);
        this.writer = new ChannelWriter(new BufferedOutputStream(toPhone, 1 << 16), ChannelLimits.DEFAULT, Direction.HOST_TO_PHONE);
        this.handler = handler;
    }

    void start(String name) {
        // Platform threads: a virtual thread blocked reading or writing a pipe holds its carrier, and
        // the virtual-thread scheduler has at most 256 of them, so a few hundred phones would stall it.
        startPipeThread(name + "-read", this::readLoop);
        startPipeThread(name + "-write", this::writeLoop);
    }

    /** Queues a message for the phone; false if the channel is closed. */
    boolean send(Message message) {
        if (closed) {
            return false;
        }
        if (!outbox.offer(message)) {
            handler.broken("the phone stopped reading its channel (" + QUEUE + " messages waiting)");
            return false;
        }
        return true;
    }

    /** Sends what is queued, then closes the phone's input: a phone takes end of input as its host going away. */
    void close() {
        if (!closed) {
            closed = true;
            outbox.offer(CLOSE);
        }
    }

    private void readLoop() {
        try {
            for (Message m; (m = reader.read()) != null; ) {
                handler.received(m);
            }
            handler.broken("the phone closed its channel");
        } catch (ChannelException e) {
            handler.broken("the phone broke the channel protocol: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            handler.broken("the channel failed: " + e.getMessage());
        }
    }

    private void writeLoop() {
        try {
            while (true) {
                Message m = outbox.take();
                if (m == CLOSE) {
                    writer.close();
                    return;
                }
                writer.write(m);
                if (outbox.isEmpty()) {
                    writer.flush();
                }
            }
        } catch (IOException e) {
            closed = true; // the phone is gone; its exit is reported elsewhere
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
