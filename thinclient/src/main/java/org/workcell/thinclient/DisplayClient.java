package org.workcell.thinclient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.workcell.display.ClientAck;
import org.workcell.display.ClientHello;
import org.workcell.display.ClientMessage;
import org.workcell.display.ClientMessages;
import org.workcell.display.DecodedFrame;
import org.workcell.display.DisplayProtocol;
import org.workcell.display.FrameDecoder;
import org.workcell.display.ServerMessage;
import org.workcell.display.ServerMessages;
import org.workcell.display.ServerStatus;
import org.workcell.display.ServerWelcome;

/**
 * A viewer in Java: connects to a display socket, decodes and acknowledges every frame as the
 * browser does, and sends input. For tests, benchmarks and tools; thread-safe.
 */
public final class DisplayClient implements AutoCloseable {
    private static final int MAX_MESSAGE = 64 << 20;
    private final WebSocket socket;
    private final FrameDecoder decoder = new FrameDecoder();
    private final List<ServerStatus> statuses = new ArrayList<>();
    private final List<String> clipboard = new ArrayList<>();
    /** Grows on demand up to {@link #MAX_MESSAGE}: a benchmark holds many clients, and most frames are small. */
    private ByteBuffer partial = ByteBuffer.allocate(1 << 20);
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private ServerWelcome welcome;
    private long frames;
    private long bytes;
    private long lastFrameNanos;
    private String closeReason;
    private String failure;

    private DisplayClient(WebSocket.Builder builder, URI uri, Duration timeout) throws IOException {
        try {
            socket = builder.connectTimeout(timeout).buildAsync(uri, new Listener()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("cannot connect to " + uri + ": " + e.getCause().getMessage(), e.getCause());
        } catch (java.util.concurrent.TimeoutException | InterruptedException e) {
            throw new IOException("cannot connect to " + uri + " within " + timeout, e);
        }
    }

    /**
     * Connects with the given request headers (a session cookie, an Origin) and says HELLO for a
     * {@code width x height} viewport.
     */
    public static DisplayClient connect(HttpClient http, URI uri, Map<String, String> headers, int width, int height)
            throws IOException {
        WebSocket.Builder builder = http.newWebSocketBuilder();
        headers.forEach(builder::header);
        DisplayClient client = new DisplayClient(builder, uri, Duration.ofSeconds(10));
        client.send(new ClientHello(DisplayProtocol.VERSION, DisplayProtocol.VERSION, width, height, 320));
        return client;
    }

    public void send(ClientMessage message) {
        sendRaw(ClientMessages.encode(message));
    }

    /** Sends bytes as they are, valid or not (tests of what the server refuses). */
    public void sendRaw(byte[] message) {
        synchronized (socket) {
            socket.sendBinary(ByteBuffer.wrap(message), true).join();
        }
    }

    /** Waits until {@code condition} holds for this client (checked on every message), or throws after {@code timeout}. */
    public void await(Predicate<DisplayClient> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (!condition.test(this)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("timed out after " + timeout + "; frames " + frames + ", statuses " + statuses
                            + ", closed " + closed.getNow(null) + " " + closeReason + (failure != null ? ", failure " + failure : ""));
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    public synchronized ServerWelcome welcome() {
        return welcome;
    }

    public synchronized long frames() {
        return frames;
    }

    public synchronized long bytesReceived() {
        return bytes;
    }

    /** When the last frame was decoded ({@link System#nanoTime()}), or 0. */
    public synchronized long lastFrameNanos() {
        return lastFrameNanos;
    }

    public synchronized List<ServerStatus> statuses() {
        return List.copyOf(statuses);
    }

    public synchronized List<String> clipboard() {
        return List.copyOf(clipboard);
    }

    /** The decoded screen, {@code 0xRRGGBB} row by row (a copy). */
    public synchronized int[] screen() {
        return decoder.pixels().clone();
    }

    /**
     * Whether the decoded screen from row {@code fromRow} down equals that of {@code screen} (one
     * taken earlier by {@link #screen()}); compares in place, for callers that check on every frame.
     */
    public synchronized boolean sameRows(int[] screen, int fromRow) {
        return decoder.sameRows(screen, fromRow);
    }

    public synchronized int width() {
        return decoder.width();
    }

    public synchronized int height() {
        return decoder.height();
    }

    /** The close code the server sent, once the connection closed. */
    public synchronized Integer closeCode() {
        return closed.getNow(null);
    }

    public synchronized String closeReason() {
        return closeReason;
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
            try {
                closed.get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                socket.abort();
            }
        }
    }

    private final class Listener implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            if (data.remaining() > partial.remaining() && partial.capacity() < MAX_MESSAGE) {
                int needed = partial.position() + data.remaining();
                ByteBuffer larger = ByteBuffer.allocate(Math.min(MAX_MESSAGE, Math.max(needed, partial.capacity() * 2)));
                partial.flip();
                larger.put(partial);
                partial = larger;
            }
            partial.put(data);
            if (last) {
                partial.flip();
                byte[] message = new byte[partial.remaining()];
                partial.get(message);
                partial.clear();
                received(message);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            synchronized (DisplayClient.this) {
                closeReason = reason;
                closed.complete(statusCode);
                DisplayClient.this.notifyAll();
            }
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            synchronized (DisplayClient.this) {
                failure = String.valueOf(error);
                closed.complete(-1);
                DisplayClient.this.notifyAll();
            }
        }
    }

    private void received(byte[] message) {
        long ack = -1;
        synchronized (this) {
            try {
                bytes += message.length;
                if (ServerMessages.isFrame(message)) {
                    DecodedFrame frame = decoder.apply(message);
                    frames++;
                    lastFrameNanos = System.nanoTime();
                    ack = frame.frame();
                } else {
                    ServerMessage m = ServerMessages.parse(message);
                    switch (m) {
                        case ServerWelcome w -> welcome = w;
                        case ServerStatus s -> statuses.add(s);
                        case org.workcell.display.ServerClipboard c -> clipboard.add(c.text());
                        default -> { }
                    }
                }
            } catch (RuntimeException e) {
                failure = e.toString();
            }
            notifyAll();
        }
        if (ack >= 0) {
            send(new ClientAck(ack));
        }
    }
}
