package org.workcell.thinclient;

import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Callback;
import org.workcell.display.DisplayProtocol;

/**
 * The display protocol's WebSocket endpoint for Javalin: each connection gets a {@link DisplayBridge}
 * from the {@link Connector} (which has checked who is connecting at upgrade time and started their
 * phone), and the socket's messages go to it.
 */
public final class DisplaySocket {
    /** How long a send may take before the browser counts as gone: a frame is at most a few megabytes. */
    static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    /** A browser pings every 15 s; one that says nothing for this long is gone. */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);

    /** Makes the bridge for a new connection, or throws {@link Refused} to close it with a reason. */
    @FunctionalInterface
    public interface Connector {
        DisplayBridge connect(WsContext connection, DisplayBridge.Outbound out);
    }

    /** The connection is not served; the browser hears {@code code} and {@code reason}. */
    public static final class Refused extends RuntimeException {
        private final int code;

        public Refused(int code, String reason) {
            super(reason);
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    private DisplaySocket() {}

    public static Consumer<WsConfig> handler(Connector connector) {
        Map<String, DisplayBridge> bridges = new ConcurrentHashMap<>();
        return ws -> {
            ws.onConnect(ctx -> {
                ctx.session.setMaxBinaryMessageSize(DisplayProtocol.MAX_CLIENT_MESSAGE_BYTES);
                ctx.session.setMaxTextMessageSize(DisplayProtocol.MAX_CLIENT_MESSAGE_BYTES);
                ctx.session.setIdleTimeout(IDLE_TIMEOUT);
                try {
                    bridges.put(ctx.sessionId(), connector.connect(ctx, new Socket(ctx)));
                } catch (Refused e) {
                    ctx.closeSession(e.code(), e.getMessage());
                }
            });
            ws.onBinaryMessage(ctx -> {
                DisplayBridge bridge = bridges.get(ctx.sessionId());
                if (bridge != null) {
                    bridge.received(ctx.data());
                }
            });
            ws.onMessage(ctx -> {
                DisplayBridge bridge = bridges.get(ctx.sessionId());
                if (bridge != null) {
                    bridge.refuse("the display protocol has binary messages only");
                }
            });
            ws.onClose(ctx -> {
                DisplayBridge bridge = bridges.remove(ctx.sessionId());
                if (bridge != null) {
                    bridge.closed();
                }
            });
            ws.onError(ctx -> {
                DisplayBridge bridge = bridges.remove(ctx.sessionId());
                if (bridge != null) {
                    bridge.closed();
                }
            });
        };
    }

    /** Sends through Jetty and waits for the write, so that the bridge's thread feels a slow browser. */
    private record Socket(WsContext ctx) implements DisplayBridge.Outbound {
        @Override
        public void send(ByteBuffer message) throws IOException {
            Callback.Completable done = new Callback.Completable();
            ctx.session.sendBinary(message, done);
            try {
                done.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new IOException("the display connection failed", e.getCause());
            } catch (TimeoutException e) {
                throw new IOException("the browser did not read a frame for " + SEND_TIMEOUT.toSeconds() + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while sending", e);
            }
        }

        @Override
        public void close(int code, String reason) {
            // A close reason is at most 123 bytes of UTF-8.
            String cut = reason.length() > 100 ? reason.substring(0, 100) + "…" : reason;
            ctx.closeSession(code, cut);
        }
    }
}
