package org.workcell.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.workcell.server.api.Harness.ok;
import static org.workcell.server.api.Harness.problem;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.workcell.core.protocol.DeviceRequest;
import org.workcell.server.api.Harness.Device;
import org.workcell.server.testing.TestDatabase;

/**
 * The push channel nudges a device's open stream when a command is queued or its policy changes,
 * and refuses a stream that is not validly signed before opening it; metrics are for admins only
 * and count what happened.
 */
class PushAndMetricsTest {
    @RegisterExtension
    static final Servers servers = new Servers();

    /** An open event stream: its lines arrive on a queue as the server sends them. */
    private record Stream0(CompletableFuture<HttpResponse<Stream<String>>> response, BlockingQueue<String> lines) {
        void close() throws Exception {
            response.get(20, TimeUnit.SECONDS).body().close();
        }

        String next() throws InterruptedException {
            String line = lines.poll(20, TimeUnit.SECONDS);
            assertThat(line).as("a line from the push stream within 20 s").isNotNull();
            return line;
        }

        /** The data of the next event of type {@code type}, skipping comments and keep-alives. */
        String nextEvent(String type) throws InterruptedException {
            while (true) {
                String line = next();
                if (line.equals("event: " + type)) {
                    String data = next();
                    assertThat(data).startsWith("data: ");
                    return data.substring(6);
                }
            }
        }
    }

    private static Stream0 open(Harness h, String authorization) throws InterruptedException {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(h.server.url() + "/api/v1/device/events"))
                .header("Accept", "text/event-stream");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        var response = h.http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
        // Read on a thread of its own: a callback on an already completed future would run on the test's thread.
        Thread.ofVirtual().start(() -> {
            try {
                response.join().body().forEach(lines::add);
            } catch (RuntimeException closed) {
                // the test closed the stream, or the request failed; next() reports a missing line
            }
        });
        return new Stream0(response, lines);
    }

    private static String eventsAuth(Harness h, Device d, long sequence) {
        return "Workcell-Device " + h.deviceToken(d, DeviceRequest.Purpose.EVENTS, sequence, h.clock.instant(), null);
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void aQueuedCommandAndAPolicyChangeNudgeTheDeviceToCheckIn(TestDatabase.Kind kind) throws Exception {
        Harness h = servers.get(kind);
        String group = h.createGroup();
        Device d = h.enroll(h.createCode(h.createUser(group)));
        Stream0 stream = open(h, eventsAuth(h, d, d.nextSequence()));
        assertThat(stream.response().get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(stream.next()).isEqualTo(": connected");

        ok(h.command(d.id(), "lock"), 202);
        assertThat(stream.nextEvent("checkin")).contains("\"reason\":\"command\"");

        ok(h.patch("/api/v1/groups/" + group + "/policy", Map.of("leaseInterval", "1m")), 200);
        assertThat(stream.nextEvent("checkin")).contains("\"reason\":\"policy-changed\"");

        // The nudge carries no authority: the lock arrives in the signed lease of the check-in.
        assertThat(h.checkinOk(d).commands()).extracting(c -> c.type()).containsExactly("lock");
        stream.close();
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void aStreamThatIsNotValidlySignedIsRefusedBeforeItOpens(TestDatabase.Kind kind) throws Exception {
        Harness h = servers.get(kind);
        Device d = h.newDevice();
        Device other = h.newDevice();
        problem(h.send("GET", "/api/v1/device/events", null, null, (byte[]) null), 401, "unauthenticated");
        problem(h.send("GET", "/api/v1/device/events", "Workcell-Device not.a.token", null, (byte[]) null), 401, "bad-signature");
        // Signed by another device's key under this device's id.
        String forged = "Workcell-Device " + Harness.signDeviceRequest(other.keys().getPrivate(), d.id(),
                new DeviceRequest(d.id(), 10_000, h.clock.instant(), DeviceRequest.Purpose.EVENTS, null));
        problem(h.send("GET", "/api/v1/device/events", forged, null, (byte[]) null), 401, "bad-signature");
        // A check-in token cannot open a stream.
        String checkin = "Workcell-Device " + h.checkinToken(d);
        problem(h.send("GET", "/api/v1/device/events", checkin, null, (byte[]) null), 401, "bad-signature");
        // A replayed stream request is refused.
        String auth = eventsAuth(h, d, d.nextSequence());
        Stream0 first = open(h, auth);
        assertThat(first.next()).isEqualTo(": connected");
        problem(h.send("GET", "/api/v1/device/events", auth, null, (byte[]) null), 409, "replayed");
        first.close();
    }

    @Test
    void withAPushIntervalTheServerNudgesConnectedDevicesOnATimer(@TempDir Path temp) throws Exception {
        try (Harness h = Harness.start(TestDatabase.Kind.H2, temp, Map.of("push-interval", "1s"))) {
            Device d = h.newDevice();
            Stream0 stream = open(h, eventsAuth(h, d, d.nextSequence()));
            assertThat(stream.next()).isEqualTo(": connected");
            assertThat(stream.nextEvent("checkin")).contains("\"reason\":\"periodic\"");
            assertThat(stream.nextEvent("checkin")).contains("\"reason\":\"periodic\"");
            stream.close();
        }
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void metricsAreForAdminsAndCountCheckinsAndDevices(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        problem(h.send("GET", "/metrics", null, null, (byte[]) null), 401, "unauthenticated");
        Device d = h.newDevice();
        h.checkinOk(d);
        double before = okCheckins(h);
        h.checkinOk(d);
        h.checkinOk(d);
        assertThat(okCheckins(h)).isEqualTo(before + 2);
        h.checkin(h.checkinToken(d).replace('.', '!'));
        String text = h.send("GET", "/metrics", h.auditorToken(), null, (byte[]) null).body();
        assertThat(text).contains("workcell_checkins_total{result=\"bad-signature\"}");
        assertThat(text).containsPattern("workcell_devices\\{state=\"enrolled\"\\} [1-9]");
        assertThat(text).contains("workcell_http_request_duration_seconds_bucket{method=\"POST\",route=\"/api/v1/device/checkin\"");
    }

    private static double okCheckins(Harness h) {
        var r = h.send("GET", "/metrics", h.adminToken(), null, (byte[]) null);
        assertThat(r.status()).isEqualTo(200);
        return r.body().lines().filter(l -> l.startsWith("workcell_checkins_total{result=\"ok\"}"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(0);
    }

}
