package org.workcell.host.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.workcell.channel.FrameUpdate;
import org.workcell.channel.Framebuffer;
import org.workcell.channel.GatewayResponse;
import org.workcell.channel.Lifecycle;
import org.workcell.channel.Policy;
import org.workcell.channel.Touch;
import org.workcell.core.crypto.Ed25519;
import org.workcell.host.DisplayListener;
import org.workcell.host.DisplaySession;
import org.workcell.host.Host;
import org.workcell.host.HostConfig;
import org.workcell.host.HostException;
import org.workcell.host.Isolation;
import org.workcell.host.PhoneImage;
import org.workcell.host.PhoneInfo;
import org.workcell.host.PhoneRequest;
import org.workcell.host.PhoneRuntime;
import org.workcell.host.PhoneState;
import org.workcell.host.testing.Await;
import org.workcell.host.testing.EchoPhone;
import org.workcell.host.testing.RecordingKeys;
import org.workcell.host.testing.TestImage;

/** A local host running real phones in real sandboxes (bubblewrap and unshare): their whole life. */
class LocalHostTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    @TempDir
    static Path shared;
    static PhoneImage image;

    @TempDir
    Path temp;

    @BeforeAll
    static void image() throws Exception {
        image = new PhoneImage(TestImage.write(TestImage.openFolder(shared.resolve("images")).resolve("v1")), "v1");
    }

    private static final class Recorder implements DisplayListener {
        final AtomicInteger ready = new AtomicInteger();
        final List<String> detached = new CopyOnWriteArrayList<>();

        @Override
        public void frameReady() {
            ready.incrementAndGet();
        }

        @Override
        public void detached(String reason) {
            detached.add(reason);
        }
    }

    private LocalHost host(Isolation isolation, String main, RecordingKeys keys, InstantSource clock) throws Exception {
        HostConfig config = HostConfig.defaults(TestImage.openFolder(temp.resolve("run")))
                .withIsolation(isolation, false)
                .withRuntime(PhoneRuntime.current().withMainClass(main))
                .withTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofMinutes(10))
                .withRestartBackoff(Duration.ofMillis(200), Duration.ofSeconds(2))
                .withClock(clock)
                .withGateway(keys, (phoneId, user, request) -> {
                    // The gateway's side: the request must verify under the key registered for this phone and user.
                    var reg = keys.active.get(phoneId);
                    boolean ok = reg != null && reg.user().equals(user) && Ed25519.verify(reg.key(),
                            (phoneId + "|" + user).getBytes(StandardCharsets.UTF_8), request.body());
                    return new GatewayResponse(request.id(), ok ? 200 : 403, (ok ? "verified" : "refused").getBytes(StandardCharsets.UTF_8));
                });
        return (LocalHost) org.workcell.host.Hosts.local(config);
    }

    private PhoneRequest request(String id, Path data) throws Exception {
        return new PhoneRequest(id, "alice.martin", image, TestImage.openFolder(data.getParent()).resolve(data.getFileName()));
    }

    private static PhoneInfo awaitState(Host host, String id, PhoneState state) {
        Await.until(id + " " + state, WAIT, () -> host.get(id).map(i -> i.state() == state).orElse(false), () -> host.get(id));
        return host.get(id).orElseThrow();
    }

    @ParameterizedTest
    @EnumSource(value = Isolation.class, names = {"BUBBLEWRAP", "UNSHARE"})
    void aRealPhoneShowsItsHomeScreenTakesInputAndStopsGracefully(Isolation isolation) throws Exception {
        try (LocalHost host = host(isolation, PhoneRuntime.PHONE_MAIN, new RecordingKeys(), InstantSource.system())) {
            assertThat(host.status().isolation()).isEqualTo(isolation);
            assertThat(host.status().seccomp()).isEqualTo(isolation == Isolation.BUBBLEWRAP);
            Path data = temp.resolve("phones").resolve("alice");
            host.start(request("alice", data));
            Recorder display = new Recorder();
            DisplaySession session = host.attach("alice", display);
            awaitState(host, "alice", PhoneState.RUNNING);
            Await.until("a first frame", WAIT, () -> display.ready.get() > 0);

            Framebuffer client = new Framebuffer(session.width(), session.height());
            AtomicReference<FrameUpdate> first = new AtomicReference<>();
            Await.until("the home screen", WAIT, () -> {
                session.take().ifPresent(u -> {
                    client.apply(u);
                    first.set(u);
                });
                return java.util.Arrays.stream(client.pixels()).distinct().limit(30).count() >= 20;
            });
            PhoneInfo running = host.get("alice").orElseThrow();
            assertThat(running.resources().memoryBytes()).isGreaterThan(10L << 20);
            // Shared pages (the JDK's class archive, libraries) count only in part.
            assertThat(running.resources().proportionalBytes()).isGreaterThan(5L << 20).isLessThan(running.resources().memoryBytes());
            assertThat(running.resources().tasks()).isGreaterThan(3).isLessThanOrEqualTo(host.status().defaults().tasks());
            assertThat(running.displayAttached()).isTrue();

            // A drag scrolls the home screen: new frames arrive, and the client's copy stays exact.
            int before = display.ready.get();
            int x = session.width() / 2;
            host.send("alice", new Touch(Touch.Action.DOWN, 0, x, 500, 0));
            for (int i = 1; i <= 8; i++) {
                host.send("alice", new Touch(Touch.Action.MOVE, 0, x, 500 - i * 30, i * 50L));
            }
            host.send("alice", new Touch(Touch.Action.UP, 0, x, 260, 450));
            Await.until("frames after input", WAIT, () -> display.ready.get() > before);

            assertThatThrownBy(() -> host.send("alice", new Lifecycle(Lifecycle.Command.STOP)))
                    .isInstanceOf(IllegalArgumentException.class);

            host.stop("alice");
            PhoneInfo stopped = host.get("alice").orElseThrow();
            assertThat(stopped.state()).isEqualTo(PhoneState.STOPPED);
            assertThat(stopped.lastExit()).startsWith("exit code 0");
            assertThat(display.detached).containsExactly("the phone stopped");
            assertThat(data.resolve("state").resolve("phone.properties")).as("the phone saved its state").exists();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Isolation.class, names = {"BUBBLEWRAP", "UNSHARE"})
    void eachStartGetsAFreshContainerKeyThatTheGatewayVerifiesAndThatIsRevokedOnStop(Isolation isolation) throws Exception {
        RecordingKeys keys = new RecordingKeys();
        try (LocalHost host = host(isolation, EchoPhone.class.getName(), keys, InstantSource.system())) {
            Path data = temp.resolve("phones").resolve("bob");
            host.start(request("bob", data));
            Await.until("the gateway's answer", WAIT, () -> Files.exists(data.resolve("gateway")));
            assertThat(Files.readString(data.resolve("gateway"))).isEqualTo("200 verified");
            var firstKey = keys.active.get("bob").key();
            host.stop("bob");
            assertThat(keys.active).doesNotContainKey("bob");
            assertThat(keys.revoked).contains("bob");

            Files.delete(data.resolve("gateway"));
            host.start(request("bob", data));
            Await.until("the gateway's answer", WAIT, () -> Files.exists(data.resolve("gateway")));
            assertThat(keys.active.get("bob").key()).isNotEqualTo(firstKey);
        }
    }

    /**
     * The sandbox has the kernel kill a phone whose parent goes, and the kernel means the parent
     * thread: a phone started from a request's or a pool's thread used to die when that thread did.
     */
    @ParameterizedTest
    @EnumSource(value = Isolation.class, names = {"BUBBLEWRAP", "UNSHARE"})
    void aPhoneOutlivesTheThreadThatStartedIt(Isolation isolation) throws Exception {
        try (LocalHost host = host(isolation, EchoPhone.class.getName(), new RecordingKeys(), InstantSource.system())) {
            Path data = temp.resolve("phones").resolve("erin");
            PhoneRequest request = request("erin", data);
            Thread starter = Thread.ofPlatform().start(() -> host.start(request));
            starter.join();
            awaitState(host, "erin", PhoneState.RUNNING);
            Recorder display = new Recorder();
            host.attach("erin", display);
            Await.until("the first frame", WAIT, () -> display.ready.get() > 0);
            int before = display.ready.get();
            host.send("erin", new Touch(Touch.Action.DOWN, 0, 5, 5, 0));
            Await.until("the phone's answer to a touch", WAIT, () -> display.ready.get() > before);
            PhoneInfo info = host.get("erin").orElseThrow();
            assertThat(info.restarts()).as("restarts (last exit: %s)", info.lastExit()).isZero();
            assertThat(Files.readString(data.resolve("starts"))).isEqualTo("1");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Isolation.class, names = {"BUBBLEWRAP", "UNSHARE"})
    void aCrashingPhoneIsRestartedWithBackoffAndKeepsItsData(Isolation isolation) throws Exception {
        try (LocalHost host = host(isolation, EchoPhone.class.getName(), new RecordingKeys(), InstantSource.system())) {
            Path data = temp.resolve("phones").resolve("carol");
            PhoneRequest request = request("carol", data);
            Files.createDirectories(data);
            Files.writeString(data.resolve("crashes"), "2");
            host.start(request);
            PhoneInfo info = awaitState(host, "carol", PhoneState.RUNNING);
            Await.until("two restarts", WAIT, () -> host.get("carol").orElseThrow().restarts() == 2
                    && host.get("carol").orElseThrow().state() == PhoneState.RUNNING);
            info = host.get("carol").orElseThrow();
            assertThat(info.restarts()).isEqualTo(2);
            assertThat(info.lastExit()).startsWith("exit code 7");
            assertThat(Files.readString(data.resolve("starts"))).isEqualTo("3");
            assertThat(Files.readString(data.resolve("crashes"))).isEqualTo("0");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Isolation.class, names = {"BUBBLEWRAP", "UNSHARE"})
    void idlePhonesAreSavedAndFrozenAndResumeOnInput(Isolation isolation) throws Exception {
        MutableInstant clock = new MutableInstant(Instant.parse("2026-11-21T10:00:00Z"));
        try (LocalHost host = host(isolation, EchoPhone.class.getName(), new RecordingKeys(), clock)) {
            Path data = temp.resolve("phones").resolve("dave");
            host.start(request("dave", data));
            awaitState(host, "dave", PhoneState.RUNNING);
            Recorder display = new Recorder();
            DisplaySession session = host.attach("dave", display);
            Await.until("a frame", WAIT, () -> session.take().isPresent());
            clock.advance(Duration.ofHours(1));
            assertThat(host.suspendIdle()).as("a phone with a display client is not idle").isZero();
            session.close();
            clock.advance(Duration.ofMinutes(9));
            assertThat(host.suspendIdle()).isZero();
            clock.advance(Duration.ofMinutes(1));
            assertThat(host.suspendIdle()).isEqualTo(1);
            assertThat(host.get("dave").orElseThrow().state()).isEqualTo(PhoneState.SUSPENDED);
            assertThat(Files.readString(data.resolve("saved"))).as("saved before freezing").isEqualTo("1");
            assertThat(host.frozen("dave")).isTrue();

            // Settings sent meanwhile wait; input resumes the phone and is answered.
            host.send("dave", new Policy("{\"watermark\":true}"));
            assertThat(host.get("dave").orElseThrow().state()).isEqualTo(PhoneState.SUSPENDED);
            Recorder again = new Recorder();
            DisplaySession second = host.attach("dave", again);
            assertThat(host.frozen("dave")).isFalse();
            assertThat(host.get("dave").orElseThrow().state()).isEqualTo(PhoneState.RUNNING);
            Await.until("the whole screen", WAIT, () -> second.take().isPresent());
            host.send("dave", new Touch(Touch.Action.DOWN, 0, 5, 5, 0));
            Await.until("a frame answering the touch", WAIT, () -> second.take().isPresent());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Isolation.class, names = {"BUBBLEWRAP", "UNSHARE"})
    void anUpgradeMovesThePhoneToANewImageKeepingItsData(Isolation isolation) throws Exception {
        try (LocalHost host = host(isolation, EchoPhone.class.getName(), new RecordingKeys(), InstantSource.system())) {
            Path data = temp.resolve("phones").resolve("erin");
            host.start(request("erin", data));
            awaitState(host, "erin", PhoneState.RUNNING);
            PhoneImage v2 = new PhoneImage(image.folder(), "v2");
            PhoneInfo upgraded = host.upgrade("erin", v2);
            assertThat(upgraded.imageVersion()).isEqualTo("v2");
            awaitState(host, "erin", PhoneState.RUNNING);
            assertThat(Files.readString(data.resolve("version"))).isEqualTo("v2");
            assertThat(Files.readString(data.resolve("starts"))).isEqualTo("2");
            assertThat(host.get("erin").orElseThrow().restarts()).isZero();

            assertThatThrownBy(() -> host.start(request("frank", data)))
                    .isInstanceOf(HostException.class).hasMessageContaining("already uses");
            host.tearDown("erin");
            assertThat(host.get("erin")).isEmpty();
            assertThat(host.list()).isEmpty();
        }
    }

    /** A clock the test moves. */
    static final class MutableInstant implements InstantSource {
        private volatile Instant now;

        MutableInstant(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
