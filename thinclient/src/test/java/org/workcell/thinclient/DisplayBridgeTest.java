package org.workcell.thinclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.workcell.channel.FrameUpdate;
import org.workcell.channel.Message;
import org.workcell.channel.PixelsRect;
import org.workcell.channel.Touch;
import org.workcell.display.ClientAck;
import org.workcell.display.ClientHello;
import org.workcell.display.ClientMessages;
import org.workcell.display.ClientTouch;
import org.workcell.display.DisplayProtocol;
import org.workcell.display.FrameDecoder;
import org.workcell.display.ServerMessages;
import org.workcell.host.DisplayListener;
import org.workcell.host.DisplaySession;
import org.workcell.host.Host;
import org.workcell.host.HostStatus;
import org.workcell.host.PhoneImage;
import org.workcell.host.PhoneInfo;
import org.workcell.host.PhoneRequest;

/**
 * The bridge on its own, over a host that shows a fixed screen and records what reaches the phone:
 * (the real host and phone are exercised by the server's cloud display tests). Whatever bytes a
 * browser sends, nothing reaches the phone unless it is valid input after HELLO and WELCOME.
 */
class DisplayBridgeTest {
    private static final int W = 96;
    private static final int H = 160;
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aBrowserGetsWelcomeThenTheScreenAndItsTouchesReachThePhone() throws Exception {
        ScreenHost host = new ScreenHost();
        Socket socket = new Socket();
        DisplayBridge bridge = new DisplayBridge(host, "p1", new ViewerSettings(160, false, "Ann"), socket, Clock.systemUTC());
        bridge.received(ByteBuffer.wrap(ClientMessages.encode(new ClientHello(1, 1, 400, 800, 320))));
        socket.await(2);
        assertThat(ServerMessages.parse(socket.sent.get(0))).isInstanceOf(org.workcell.display.ServerWelcome.class);
        FrameDecoder decoder = new FrameDecoder();
        long frame = decoder.apply(socket.sent.get(1)).frame();
        assertThat(decoder.pixels()).isEqualTo(host.screen);

        bridge.received(ByteBuffer.wrap(ClientMessages.encode(new ClientAck(frame))));
        bridge.received(ByteBuffer.wrap(ClientMessages.encode(new ClientTouch(Touch.Action.DOWN, 0, 10, 20))));
        assertThat(host.received).singleElement().isInstanceOfSatisfying(Touch.class, t -> {
            assertThat(t.x()).isEqualTo(10);
            assertThat(t.y()).isEqualTo(20);
        });
        bridge.closed();
    }

    @Test
    void aSecondFrameWaitsForTheFirstToBeAcknowledged() throws Exception {
        ScreenHost host = new ScreenHost();
        Socket socket = new Socket();
        DisplayBridge bridge = new DisplayBridge(host, "p1", new ViewerSettings(160, false, ""), socket, Clock.systemUTC());
        bridge.received(ByteBuffer.wrap(ClientMessages.encode(new ClientHello(1, 1, 400, 800, 320))));
        socket.await(2);
        host.change(); // changes on the phone while frame 1 is in flight are merged, not sent
        host.change();
        bridge.received(ByteBuffer.wrap(ClientMessages.encode(new ClientAck(1))));
        socket.await(3);
        assertThat(host.takes()).isEqualTo(2);
        bridge.closed();
    }

    @Property(tries = 300)
    void nothingABrowserSendsBeforeHelloOrMalformedReachesThePhone(@ForAll("junk") byte[] message) throws Exception {
        ScreenHost host = new ScreenHost();
        Socket socket = new Socket();
        DisplayBridge bridge = new DisplayBridge(host, "p1", new ViewerSettings(160, false, ""), socket, Clock.systemUTC());
        bridge.received(ByteBuffer.wrap(message));
        boolean valid;
        try {
            ClientMessages.parse(message);
            valid = true;
        } catch (org.workcell.display.DisplayProtocolException e) {
            valid = false;
        }
        if (!valid) {
            socket.awaitClose();
            assertThat(socket.closeCode).isEqualTo(DisplayBridge.PROTOCOL_ERROR);
        }
        assertThat(host.received).as("input before WELCOME is dropped, invalid input refused").isEmpty();
        bridge.closed();
    }

    @Property(tries = 300)
    void touchesOffTheScreenEndTheConnectionAndNeverReachThePhone(@ForAll @IntRange(min = 0, max = 8191) int x,
                                                                 @ForAll @IntRange(min = 0, max = 8191) int y) throws Exception {
        ScreenHost host = new ScreenHost();
        Socket socket = new Socket();
        DisplayBridge bridge = new DisplayBridge(host, "p1", new ViewerSettings(160, false, ""), socket, Clock.systemUTC());
        bridge.received(ByteBuffer.wrap(ClientMessages.encode(new ClientHello(1, 1, 400, 800, 320))));
        socket.await(2);
        bridge.received(ByteBuffer.wrap(ClientMessages.encode(new ClientTouch(Touch.Action.DOWN, 0, x, y))));
        if (x < W && y < H) {
            assertThat(host.received).hasSize(1);
        } else {
            socket.awaitClose();
            assertThat(socket.closeCode).isEqualTo(DisplayBridge.PROTOCOL_ERROR);
            assertThat(host.received).isEmpty();
        }
        bridge.closed();
    }

    @Property
    void aResizedPhoneKeepsItsShortSideAndTakesTheBrowsersShape(@ForAll @IntRange(min = 200, max = 2000) int shortSide,
                                                               @ForAll @IntRange(min = 1, max = 8192) int width,
                                                               @ForAll @IntRange(min = 1, max = 8192) int height) {
        int[] fitted = DisplayBridge.fit(shortSide, width, height);
        assertThat(Math.min(fitted[0], fitted[1])).isEqualTo(shortSide);
        assertThat(fitted[0] > fitted[1]).isEqualTo(width > height);
        double aspect = Math.max(fitted[0], fitted[1]) / (double) shortSide;
        assertThat(aspect).isBetween(4.0 / 3 - 0.01, 2.41);
        assertThat(Math.max(fitted[0], fitted[1]) % 2).isZero();
    }

    @Provide
    Arbitrary<byte[]> junk() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(64);
        Arbitrary<byte[]> typed = Arbitraries.integers().between(0x81, 0x87).flatMap(type -> Arbitraries.bytes().array(byte[].class)
                .ofMinSize(0).ofMaxSize(16).map(rest -> {
                    byte[] m = Arrays.copyOf(new byte[] {(byte) (int) type}, rest.length + 1);
                    System.arraycopy(rest, 0, m, 1, rest.length);
                    return m;
                }));
        return Arbitraries.oneOf(random, typed).filter(m -> m.length == 0 || (m[0] & 0xFF) != DisplayProtocol.HELLO);
    }

    /** The browser's end of the socket: what the bridge sent, and how it closed. */
    private static final class Socket implements DisplayBridge.Outbound {
        final List<byte[]> sent = new CopyOnWriteArrayList<>();
        volatile Integer closeCode;

        @Override
        public synchronized void send(ByteBuffer message) {
            byte[] bytes = new byte[message.remaining()];
            message.get(bytes);
            sent.add(bytes);
            notifyAll();
        }

        @Override
        public synchronized void close(int code, String reason) {
            closeCode = code;
            notifyAll();
        }

        synchronized void await(int messages) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (sent.size() < messages) {
                long left = deadline - System.nanoTime();
                assertThat(left).as("waiting for %d messages, have %d", messages, sent.size()).isPositive();
                wait(Math.max(1, left / 1_000_000));
            }
        }

        synchronized void awaitClose() throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (closeCode == null) {
                long left = deadline - System.nanoTime();
                assertThat(left).as("waiting for the bridge to close").isPositive();
                wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** A host with one phone showing a fixed screen that changes on request; it records what is sent to the phone. */
    private static final class ScreenHost implements Host {
        final int[] screen = new int[W * H];
        final List<Message> received = new CopyOnWriteArrayList<>();
        private final List<FrameUpdate> pending = new ArrayList<>();
        private DisplayListener listener;
        private int takes;

        ScreenHost() {
            for (int i = 0; i < screen.length; i++) {
                screen[i] = (i * 2654435761L) % 7 == 0 ? 0x336699 : 0xF0F0F0;
            }
            pending.add(new FrameUpdate(1, List.of(new PixelsRect(0, 0, W, H, screen.clone()))));
        }

        synchronized void change() {
            screen[0] ^= 0xFFFFFF;
            pending.add(new FrameUpdate(pending.size() + 1, List.of(new PixelsRect(0, 0, 1, 1, new int[] {screen[0]}))));
            listener.frameReady();
        }

        synchronized int takes() {
            return takes;
        }

        @Override
        public synchronized DisplaySession attach(String phoneId, DisplayListener l) {
            listener = l;
            l.frameReady();
            return new DisplaySession() {
                @Override
                public String phoneId() {
                    return phoneId;
                }

                @Override
                public Optional<FrameUpdate> take() {
                    synchronized (ScreenHost.this) {
                        if (pending.isEmpty()) {
                            return Optional.empty();
                        }
                        takes++;
                        List<org.workcell.channel.Rect> rects = new ArrayList<>();
                        pending.forEach(u -> rects.addAll(u.rects()));
                        pending.clear();
                        return Optional.of(new FrameUpdate(takes, rects));
                    }
                }

                @Override
                public int width() {
                    return W;
                }

                @Override
                public int height() {
                    return H;
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public void send(String phoneId, Message message) {
            received.add(message);
        }

        @Override
        public HostStatus status() {
            throw new UnsupportedOperationException();
        }

        @Override
        public PhoneInfo start(PhoneRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<PhoneInfo> list() {
            return List.of();
        }

        @Override
        public Optional<PhoneInfo> get(String phoneId) {
            return Optional.empty();
        }

        @Override
        public void suspend(String phoneId) {
        }

        @Override
        public void resume(String phoneId) {
        }

        @Override
        public int suspendIdle() {
            return 0;
        }

        @Override
        public void stop(String phoneId) {
        }

        @Override
        public PhoneInfo upgrade(String phoneId, PhoneImage image) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void tearDown(String phoneId) {
        }

        @Override
        public void close() {
        }
    }
}
