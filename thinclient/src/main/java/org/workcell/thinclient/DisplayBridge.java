package org.workcell.thinclient;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.workcell.channel.FrameUpdate;
import org.workcell.channel.Framebuffer;
import org.workcell.channel.Resize;
import org.workcell.channel.Text;
import org.workcell.display.ClientAck;
import org.workcell.display.ClientHello;
import org.workcell.display.ClientKey;
import org.workcell.display.ClientMessage;
import org.workcell.display.ClientMessages;
import org.workcell.display.ClientPing;
import org.workcell.display.ClientResize;
import org.workcell.display.ClientText;
import org.workcell.display.ClientTouch;
import org.workcell.display.DisplayProtocol;
import org.workcell.display.DisplayProtocolException;
import org.workcell.display.DisplayStatus;
import org.workcell.display.EncoderOptions;
import org.workcell.display.FrameEncoder;
import org.workcell.display.ServerMessages;
import org.workcell.host.DisplayListener;
import org.workcell.host.DisplaySession;
import org.workcell.host.Host;
import org.workcell.host.HostException;

/**
 * One browser connected to one phone: reads the browser's messages strictly, passes its input to
 * the phone through the {@link Host}, and sends the phone's screen back as FRAMEs, one at a time.
 *
 * <p>Flow control is the browser's ACK: a frame is sent only once the one before it is drawn, and
 * whatever changed meanwhile is merged by the host into the next one. A slow link therefore gets
 * fewer, larger frames and never a queue. Each bridge has its own virtual thread that takes,
 * encodes and sends; the socket's threads only parse and hand over, so a slow browser blocks
 * nobody else.
 *
 * <p>Anything the protocol does not allow (a malformed message, a touch off the screen, an ACK for
 * a frame not in flight, input faster than any person types) ends the connection with
 * {@link #PROTOCOL_ERROR} and a reason; nothing of it reaches the phone.
 */
public final class DisplayBridge {
    private static final Logger log = LoggerFactory.getLogger(DisplayBridge.class);

    /** WebSocket close codes (RFC 6455). */
    public static final int NORMAL = 1000;
    public static final int PROTOCOL_ERROR = 1002;
    public static final int POLICY_VIOLATION = 1008;
    public static final int TRY_AGAIN = 1013;

    /** How long a browser has to say HELLO after connecting. */
    static final Duration HELLO_TIMEOUT = Duration.ofSeconds(10);
    /** Input messages per second a connection may send, sustained and as a burst: ten fingers moving at 120 Hz fit twice over. */
    static final int INPUT_RATE = 2_400;
    /** Control messages (PONG, CLIPBOARD) waiting to be sent; a browser that pings faster than it reads is dropped. */
    private static final int MAX_CONTROL = 64;
    /** The shortest and longest a phone's long side may be, as a multiple of its short side, when a browser asks to resize it. */
    private static final double MIN_ASPECT = 4.0 / 3;
    private static final double MAX_ASPECT = 2.4;

    /** Where the bridge's messages go: one WebSocket. */
    public interface Outbound {
        /** Sends one binary message, returning once it is written (or throwing when the connection is gone). */
        void send(ByteBuffer message) throws IOException;

        /** Closes the connection with a WebSocket close code and a reason for the browser. */
        void close(int code, String reason);
    }

    /** What an admin sees of a live viewer. */
    public record Info(String phoneId, Instant connectedAt, Instant lastInputAt, long framesSent, long bytesSent) {}

    private final Host host;
    private final String phoneId;
    private final ViewerSettings settings;
    private final Outbound out;
    private final InstantSource clock;
    private final Instant connectedAt;
    private final Object lock = new Object();
    private final AtomicLong framesSent = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private final TokenBucket input;

    // Guarded by lock.
    private final ArrayDeque<byte[]> control = new ArrayDeque<>();
    private boolean hello;
    private boolean dirty;
    private boolean ended;
    private boolean socketGone;
    private long inFlight = -1;
    private int closeCode = NORMAL;
    private String closeReason = "";
    private DisplaySession session;
    private int width;
    private int height;
    private Instant endedAt;
    private volatile Instant lastInputAt;

    /**
     * Starts serving one connection; the phone must have been started. The bridge attaches to the
     * phone once the browser says HELLO (taking over any other viewer of it).
     */
    public DisplayBridge(Host host, String phoneId, ViewerSettings settings, Outbound out, InstantSource clock) {
        this.host = host;
        this.phoneId = phoneId;
        this.settings = settings;
        this.out = out;
        this.clock = clock;
        this.connectedAt = clock.instant();
        this.lastInputAt = connectedAt;
        this.input = new TokenBucket(INPUT_RATE, clock);
        Thread.ofVirtual().name("display-" + phoneId).start(this::run);
    }

    public String phoneId() {
        return phoneId;
    }

    public Info info() {
        return new Info(phoneId, connectedAt, lastInputAt, framesSent.get(), bytesSent.get());
    }

    /** Whether the connection has ended (or is ending). */
    public boolean ended() {
        synchronized (lock) {
            return ended;
        }
    }

    /** When the connection ended (or began to), if it has. */
    public Optional<Instant> endedAt() {
        synchronized (lock) {
            return Optional.ofNullable(endedAt);
        }
    }

    /** Call with the lock held. */
    private void markEnded() {
        if (!ended) {
            ended = true;
            endedAt = clock.instant();
        }
    }

    /** One binary message from the browser. */
    public void received(ByteBuffer message) {
        ClientMessage parsed;
        try {
            parsed = ClientMessages.parse(message);
        } catch (DisplayProtocolException e) {
            refuse(e.getMessage());
            return;
        }
        try {
            handle(parsed);
        } catch (DisplayProtocolException e) {
            refuse(e.getMessage());
        } catch (HostException | IllegalStateException e) {
            end(DisplayStatus.PHONE_STOPPED, "your phone is not running: " + e.getMessage());
        }
    }

    /** The browser sent something the protocol does not allow: the connection ends, the phone hears nothing of it. */
    public void refuse(String reason) {
        log.atInfo().addKeyValue("phone", phoneId).addKeyValue("reason", reason).log("display client refused");
        synchronized (lock) {
            if (ended) {
                return;
            }
            control.clear();
            closeCode = PROTOCOL_ERROR;
            closeReason = reason;
            markEnded();
            lock.notifyAll();
        }
    }

    /**
     * Ends the connection from the server's side: the browser is told why ({@code status}) and the
     * connection closes. Another viewer taking over, an admin's disconnect, a session that expired.
     */
    public void end(DisplayStatus status, String text) {
        synchronized (lock) {
            if (ended) {
                return;
            }
            control.add(ServerMessages.status(status, clip(text)));
            closeReason = status.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
            markEnded();
            lock.notifyAll();
        }
    }

    /** The connection is gone (the browser closed it or the network dropped it). */
    public void closed() {
        synchronized (lock) {
            socketGone = true;
            markEnded();
            lock.notifyAll();
        }
    }

    private void handle(ClientMessage message) {
        if (!(message instanceof ClientAck) && !(message instanceof ClientPing) && !input.take()) {
            throw new DisplayProtocolException("more than " + INPUT_RATE + " input messages a second");
        }
        switch (message) {
            case ClientHello h -> {
                if (h.agreedVersion().isEmpty()) {
                    throw new DisplayProtocolException("this server speaks display protocol version " + DisplayProtocol.VERSION
                            + ", the browser " + h.minVersion() + " to " + h.maxVersion() + ": reload the page");
                }
                synchronized (lock) {
                    if (hello) {
                        throw new DisplayProtocolException("HELLO came twice");
                    }
                    hello = true;
                    lock.notifyAll();
                }
            }
            case ClientAck a -> {
                synchronized (lock) {
                    if (a.frame() != inFlight) {
                        throw new DisplayProtocolException("ACK for frame " + a.frame() + ", but "
                                + (inFlight < 0 ? "no frame" : "frame " + inFlight) + " is in flight");
                    }
                    inFlight = -1;
                    lock.notifyAll();
                }
            }
            case ClientPing p -> queue(ServerMessages.pong(p.value()));
            case ClientTouch t -> {
                int[] size = welcomedSize();
                if (size != null) {
                    t.checkInside(size[0], size[1]);
                    toPhone(t.toChannel(clock.millis()));
                }
            }
            case ClientKey k -> {
                if (welcomedSize() != null) {
                    toPhone(k.toChannel());
                }
            }
            case ClientText t -> {
                if (welcomedSize() != null) {
                    toPhone(new Text(t.text()));
                }
            }
            case ClientResize r -> {
                int[] size = welcomedSize();
                if (size != null) {
                    int[] fitted = fit(Math.min(size[0], size[1]), r.width(), r.height());
                    if (fitted[0] != size[0] || fitted[1] != size[1]) {
                        toPhone(new Resize(fitted[0], fitted[1], settings.densityDpi()));
                    }
                }
            }
        }
    }

    /**
     * The phone size for a browser that shows {@code width x height}: the phone keeps its short
     * side (so its density and the work per frame stay as the image made them) and takes the
     * browser's orientation and, within a phone's range of shapes, its aspect ratio.
     */
    static int[] fit(int shortSide, int width, int height) {
        double aspect = Math.max(width, height) / (double) Math.min(width, height);
        aspect = Math.max(MIN_ASPECT, Math.min(MAX_ASPECT, aspect));
        int longSide = (int) Math.round(shortSide * aspect / 2) * 2;
        longSide = Math.min(longSide, DisplayProtocol.MAX_DIMENSION);
        return width > height ? new int[] {longSide, shortSide} : new int[] {shortSide, longSide};
    }

    /** The screen size the browser was told of, or null before WELCOME: input before it is dropped (the user sees nothing yet). */
    private int[] welcomedSize() {
        synchronized (lock) {
            return width == 0 ? null : new int[] {width, height};
        }
    }

    private void toPhone(org.workcell.channel.Message message) {
        lastInputAt = clock.instant();
        host.send(phoneId, message);
    }

    private void queue(byte[] message) {
        synchronized (lock) {
            if (ended) {
                return;
            }
            if (control.size() >= MAX_CONTROL) {
                throw new DisplayProtocolException("the browser sends PINGs faster than it reads the answers");
            }
            control.add(message);
            lock.notifyAll();
        }
    }

    private static String clip(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= DisplayProtocol.MAX_STATUS_BYTES) {
            return text;
        }
        String cut = text.substring(0, Math.min(text.length(), DisplayProtocol.MAX_STATUS_BYTES / 4));
        return cut + "…";
    }

    // ---- the bridge's own thread ----------------------------------------------------------------

    private final DisplayListener listener = new DisplayListener() {
        @Override
        public void frameReady() {
            synchronized (lock) {
                dirty = true;
                lock.notifyAll();
            }
        }

        @Override
        public void clipboard(String text) {
            if (!settings.clipboardOut()) {
                return;
            }
            try {
                queue(ServerMessages.clipboard(text));
            } catch (IllegalArgumentException e) {
                // Too long for one message, or the browser is not reading: the copy does not leave the phone.
            }
        }

        @Override
        public void detached(String reason) {
            end(reason.contains("another display client") ? DisplayStatus.TAKEN_OVER : DisplayStatus.PHONE_STOPPED, reason);
        }
    };

    private void run() {
        FrameEncoder encoder = new FrameEncoder(EncoderOptions.LOSSLESS);
        Framebuffer screen = new Framebuffer(1, 1);
        try {
            if (!awaitHello()) {
                return;
            }
            DisplaySession attached = host.attach(phoneId, listener);
            synchronized (lock) {
                session = attached;
                if (ended) {
                    return;
                }
            }
            if (attached.width() == 0) {
                out.send(ByteBuffer.wrap(ServerMessages.status(DisplayStatus.STARTING, "Starting your phone…")));
            }
            while (true) {
                byte[] next;
                synchronized (lock) {
                    while (control.isEmpty() && !ended && !(dirty && inFlight < 0)) {
                        lock.wait();
                    }
                    if (socketGone || ended && control.isEmpty()) {
                        return;
                    }
                    next = control.poll();
                    if (next == null) {
                        dirty = false;
                    }
                }
                if (next == null) {
                    next = frame(attached, encoder, screen);
                    if (next == null) {
                        continue;
                    }
                }
                out.send(ByteBuffer.wrap(next));
                bytesSent.addAndGet(next.length);
            }
        } catch (HostException e) {
            sendQuietly(ServerMessages.status(DisplayStatus.PHONE_STOPPED, clip("your phone is not running: " + e.getMessage())));
        } catch (IOException e) {
            log.atDebug().addKeyValue("phone", phoneId).log("display connection lost while sending");
            closed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.atError().setCause(e).addKeyValue("phone", phoneId).log("display bridge failed");
            synchronized (lock) {
                closeCode = TRY_AGAIN;
                closeReason = "the server lost its place in the display stream; reconnecting helps";
            }
        } finally {
            DisplaySession attached;
            int code;
            String reason;
            boolean gone;
            synchronized (lock) {
                markEnded();
                attached = session;
                code = closeCode;
                reason = closeReason;
                gone = socketGone;
            }
            if (attached != null) {
                attached.close();
            }
            encoder.close();
            if (!gone) {
                out.close(code, reason);
            }
        }
    }

    private boolean awaitHello() throws InterruptedException {
        long deadline = System.nanoTime() + HELLO_TIMEOUT.toNanos();
        synchronized (lock) {
            while (!hello && !ended) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    closeCode = PROTOCOL_ERROR;
                    closeReason = "no HELLO within " + HELLO_TIMEOUT.toSeconds() + " s";
                    return false;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return !ended;
        }
    }

    /** The next FRAME, or null when nothing changed after all. */
    private byte[] frame(DisplaySession attached, FrameEncoder encoder, Framebuffer screen) throws IOException {
        Optional<FrameUpdate> update = attached.take();
        if (update.isEmpty()) {
            return null;
        }
        int w = attached.width();
        int h = attached.height();
        boolean welcome;
        synchronized (lock) {
            welcome = width == 0;
            width = w;
            height = h;
        }
        if (welcome) {
            out.send(ByteBuffer.wrap(ServerMessages.welcome(w, h, settings.densityDpi(), settings.clipboardOut(),
                    settings.watermark().isEmpty() ? null : settings.watermark())));
        }
        if (screen.width() != w || screen.height() != h) {
            screen.resize(w, h);
        }
        screen.apply(update.get());
        byte[] frame = encoder.encode(update.get(), screen);
        synchronized (lock) {
            inFlight = encoder.frameNumber();
        }
        framesSent.incrementAndGet();
        return frame;
    }

    private void sendQuietly(byte[] message) {
        try {
            out.send(ByteBuffer.wrap(message));
        } catch (IOException e) {
            closed();
        }
    }

    /** Refills {@code rate} tokens a second up to {@code rate}; each input message takes one. */
    private static final class TokenBucket {
        private final int rate;
        private final InstantSource clock;
        private double tokens;
        private long lastNanos;

        TokenBucket(int rate, InstantSource clock) {
            this.rate = rate;
            this.clock = clock;
            this.tokens = rate;
            this.lastNanos = nanos();
        }

        private long nanos() {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        synchronized boolean take() {
            long now = nanos();
            tokens = Math.min(rate, tokens + Math.max(0, now - lastNanos) * rate / 1e9);
            lastNanos = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}
