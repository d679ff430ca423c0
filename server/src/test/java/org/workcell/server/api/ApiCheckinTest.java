package org.workcell.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.workcell.server.api.Harness.ok;
import static org.workcell.server.api.Harness.problem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.workcell.core.crypto.Ed25519;
import org.workcell.core.json.Json;
import org.workcell.core.jws.CompactJws;
import org.workcell.core.jws.JwsException;
import org.workcell.core.protocol.CheckinReport;
import org.workcell.core.protocol.DeviceRequest;
import org.workcell.core.protocol.DeviceRequest.Purpose;
import org.workcell.core.protocol.Lease;
import org.workcell.core.protocol.PolicySettings;
import org.workcell.core.protocol.TokenTypes;
import org.workcell.server.api.Harness.Device;
import org.workcell.server.api.Harness.Response;
import org.workcell.server.testing.TestDatabase;

/**
 * Check-ins that are forged, replayed, tampered with, meant for another endpoint, malformed, too
 * big or of the wrong type are refused, and leave the device's check-in time and lease history
 * as they were; a good check-in gets a lease signed with the pinned key and timed by the policy.
 */
class ApiCheckinTest {
    @RegisterExtension
    static final Servers servers = new Servers();

    /** A device that has checked in once, so that it has a check-in time and lease history to keep. */
    private static Device checkedIn(Harness h) {
        Device d = h.newDevice();
        h.checkinOk(d);
        return d;
    }

    /** What must not change: the device as admins see it, and every row of the database. */
    private record State(JsonNode detail, Map<String, List<String>> tables) {}

    private static State state(Harness h, Device d) {
        JsonNode detail = h.deviceDetail(d.id());
        assertThat(detail.path("device").path("lastCheckinAt").isTextual()).isTrue();
        assertThat(detail.path("leases").size()).isPositive();
        return new State(detail, h.dump());
    }

    private static void assertUnchanged(Harness h, Device d, State before) {
        JsonNode detail = h.deviceDetail(d.id());
        assertThat(detail.path("device").path("lastCheckinAt")).isEqualTo(before.detail().path("device").path("lastCheckinAt"));
        assertThat(detail.path("leases")).isEqualTo(before.detail().path("leases"));
        assertThat(detail).isEqualTo(before.detail());
        assertThat(h.dump()).isEqualTo(before.tables());
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void goodCheckinGetsALeaseSignedWithThePinnedKeyAndTimedByThePolicy(TestDatabase.Kind kind) throws Exception {
        Harness h = servers.get(kind);
        // A group of its own, with a policy other than the defaults.
        String group = h.createGroup();
        String user = h.createUser(group);
        ok(h.patch("/api/v1/groups/" + group + "/policy", Map.of("leaseInterval", "10m", "disableAfter", "2d", "wipeAfter", "9d")), 200);
        Device d = h.enroll(h.createCode(user));
        JsonNode policyView = ok(h.get("/api/v1/groups/" + group + "/policy"), 200);
        PolicySettings policy = Json.MAPPER.treeToValue(policyView.path("settings"), PolicySettings.class);
        assertThat(policy.disableAfter()).isEqualTo(Duration.ofDays(2));

        long sequence = d.nextSequence();
        Instant now = h.clock.instant();
        Response r = h.checkin(h.deviceToken(d, Purpose.CHECKIN, sequence, now, Harness.report()));
        Lease lease = Harness.lease(d, r);
        assertThat(lease.sequence()).isEqualTo(sequence);
        assertThat(lease.issuedAt()).isEqualTo(now);
        assertThat(lease.disableAt()).isEqualTo(lease.issuedAt().plus(policy.disableAfter()));
        assertThat(lease.wipeAt()).isEqualTo(lease.issuedAt().plus(policy.wipeAfter()));
        assertThat(lease.renewBy()).isEqualTo(lease.issuedAt().plus(policy.leaseInterval()));
        assertThat(lease.leaseInterval()).isEqualTo(policy.leaseInterval());
        assertThat(lease.policyVersion()).isEqualTo(policyView.path("version").asLong());
        assertThat(lease.deviceState()).isEqualTo("enrolled");
        assertThat(lease.commands()).isEmpty();

        // Signed by the lease key and by no other: not the image key, not the device's own.
        var keys = d.enrollment().serverKeys();
        assertThat(CompactJws.parse(r.body(), TokenTypes.LEASE).header().kid()).isEqualTo(keys.leaseSigning().kid());
        assertThatThrownBy(() -> CompactJws.verifyJson(r.body(), TokenTypes.LEASE,
                Ed25519.publicKeyFromBase64(keys.imageSigning().publicKey()), Lease.class)).isInstanceOf(JwsException.class);
        assertThatThrownBy(() -> CompactJws.verifyJson(r.body(), TokenTypes.LEASE, d.keys().getPublic(), Lease.class))
                .isInstanceOf(JwsException.class);

        // The server recorded what it issued.
        JsonNode detail = h.deviceDetail(d.id());
        assertThat(Instant.parse(detail.path("device").path("lastCheckinAt").asText())).isEqualTo(now);
        assertThat(Instant.parse(detail.path("device").path("disableAt").asText())).isEqualTo(lease.disableAt());
        assertThat(Instant.parse(detail.path("device").path("wipeAt").asText())).isEqualTo(lease.wipeAt());
        assertThat(detail.path("leases")).hasSize(1);
        JsonNode record = detail.path("leases").get(0);
        assertThat(record.path("sequence").asLong()).isEqualTo(sequence);
        assertThat(Instant.parse(record.path("issuedAt").asText())).isEqualTo(now);
        assertThat(Instant.parse(record.path("disableAt").asText())).isEqualTo(lease.disableAt());
        assertThat(Instant.parse(record.path("wipeAt").asText())).isEqualTo(lease.wipeAt());

        // A later check-in is timed from its own issue time. Routine renewals are kept in the history
        // once an hour; the device's own record always shows the latest.
        h.clock.advance(Duration.ofMinutes(7));
        Lease next = h.checkinOk(d);
        assertThat(next.issuedAt()).isEqualTo(now.plus(Duration.ofMinutes(7)));
        assertThat(next.disableAt()).isEqualTo(next.issuedAt().plus(policy.disableAfter()));
        assertThat(next.wipeAt()).isEqualTo(next.issuedAt().plus(policy.wipeAfter()));
        JsonNode later = h.deviceDetail(d.id());
        assertThat(Instant.parse(later.path("device").path("lastCheckinAt").asText())).isEqualTo(next.issuedAt());
        assertThat(Instant.parse(later.path("device").path("disableAt").asText())).isEqualTo(next.disableAt());
        h.clock.advance(Duration.ofHours(1));
        Lease hourLater = h.checkinOk(d);
        JsonNode history = h.deviceDetail(d.id()).path("leases");
        assertThat(history).hasSize(2);
        assertThat(history.get(0).path("sequence").asLong()).isEqualTo(hourLater.sequence());
        assertThat(Instant.parse(history.get(0).path("disableAt").asText())).isEqualTo(hourLater.issuedAt().plus(policy.disableAfter()));
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void forgedCheckinIsRefused(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        Device d = checkedIn(h);
        State before = state(h, d);
        KeyPair other = Ed25519.generate();
        DeviceRequest request = new DeviceRequest(d.id(), d.nextSequence(), h.clock.instant(), Purpose.CHECKIN,
                Json.MAPPER.valueToTree(Harness.report()));
        problem(h.checkin(Harness.signDeviceRequest(other.getPrivate(), d.id(), request)), 401, "bad-signature");
        // Another enrolled device's key does not speak for this one either.
        Device neighbour = h.newDevice();
        State again = state(h, d);
        problem(h.checkin(Harness.signDeviceRequest(neighbour.keys().getPrivate(), d.id(), request)), 401, "bad-signature");
        // Nor does naming this device inside a request signed as the neighbour.
        problem(h.checkin(Harness.signDeviceRequest(neighbour.keys().getPrivate(), neighbour.id(), request)), 401, "bad-signature");
        assertUnchanged(h, d, again);
        assertThat(before.detail()).isEqualTo(again.detail());
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void unknownDeviceIsRefused(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        Device d = checkedIn(h);
        State before = state(h, d);
        KeyPair keys = Ed25519.generate();
        String stranger = UUID.randomUUID().toString();
        DeviceRequest request = new DeviceRequest(stranger, 1, h.clock.instant(), Purpose.CHECKIN, Json.MAPPER.valueToTree(Harness.report()));
        problem(h.checkin(Harness.signDeviceRequest(keys.getPrivate(), stranger, request)), 401, "bad-signature");
        for (String kid : List.of("not-a-uuid", Ed25519.keyId(keys.getPublic()), "'; DELETE FROM devices; --")) {
            problem(h.checkin(Harness.signDeviceRequest(keys.getPrivate(), kid, request)), 401, "bad-signature");
        }
        assertUnchanged(h, d, before);
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void replayedCheckinIsRefused(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        Device d = h.newDevice();
        String token = h.checkinToken(d);
        Harness.lease(d, h.checkin(token));
        State before = state(h, d);
        problem(h.checkin(token), 409, "replayed");
        problem(h.checkin(token), 409, "replayed");
        assertUnchanged(h, d, before);
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void lowerOrEqualSequenceIsRefused(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        Device d = h.newDevice();
        d.sequence().set(100);
        h.checkinOk(d); // 101
        State before = state(h, d);
        for (long sequence : List.of(101L, 100L, 50L, 1L)) {
            problem(h.checkin(h.deviceToken(d, Purpose.CHECKIN, sequence, h.clock.instant(), Harness.report())), 409, "replayed");
        }
        for (long sequence : List.of(0L, -1L, Long.MIN_VALUE)) {
            problem(h.checkin(h.deviceToken(d, Purpose.CHECKIN, sequence, h.clock.instant(), Harness.report())), 400, "invalid-request");
        }
        assertUnchanged(h, d, before);
        assertThat(h.count("SELECT last_sequence FROM devices WHERE id = ?", UUID.fromString(d.id()))).isEqualTo(101);
        // A higher one is fine, with gaps.
        assertThat(Harness.lease(d, h.checkin(h.deviceToken(d, Purpose.CHECKIN, 500, h.clock.instant(), Harness.report()))).sequence())
                .isEqualTo(500);
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void racingCopiesOfOneCheckinCountOnce(TestDatabase.Kind kind) throws Exception {
        Harness h = servers.get(kind);
        Device d = checkedIn(h);
        h.clock.advance(Duration.ofSeconds(30));
        long sequence = d.nextSequence();
        String token = h.deviceToken(d, Purpose.CHECKIN, sequence, h.clock.instant(), Harness.report());
        List<Response> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit((Callable<Response>) () -> h.checkin(token)));
            }
            for (Future<Response> f : futures) {
                answers.add(f.get());
            }
        }
        assertThat(answers.stream().filter(r -> r.status() == 200).count()).as("%s", answers).isEqualTo(1);
        answers.stream().filter(r -> r.status() != 200).forEach(r -> problem(r, 409, "replayed"));
        assertThat(h.count("SELECT last_sequence FROM devices WHERE id = ?", UUID.fromString(d.id()))).isEqualTo(sequence);
        assertThat(Instant.parse(h.deviceDetail(d.id()).path("device").path("lastCheckinAt").asText())).isEqualTo(h.clock.instant());
        assertThat(h.count("SELECT COUNT(*) FROM leases WHERE device_id = ? AND sequence = ?", UUID.fromString(d.id()), sequence))
                .isLessThanOrEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void tamperedCheckinIsRefused(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        Device d = checkedIn(h);
        String token = h.checkinToken(d);
        State before = state(h, d);
        for (int part = 0; part < 3; part++) {
            problem(h.checkin(Harness.tamper(token, part)), 401, "bad-signature");
        }
        // The payload of another of this device's requests under this one's signature.
        String[] parts = token.split("\\.");
        String[] other = h.deviceToken(d, Purpose.CHECKIN, d.sequence().get() + 7, h.clock.instant(), Harness.report()).split("\\.");
        problem(h.checkin(parts[0] + "." + other[1] + "." + parts[2]), 401, "bad-signature");
        problem(h.checkin(parts[0] + "." + parts[1] + "." + other[2]), 401, "bad-signature");
        for (String junk : List.of("", "x", "a.b.c", parts[0] + "." + parts[1], token + ".", token + "=", parts[0] + ".." + parts[2])) {
            problem(h.checkin(junk), 401, "bad-signature");
        }
        assertUnchanged(h, d, before);
        // The untouched original still counts.
        Harness.lease(d, h.checkin(token));
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void requestSignedForAnotherPurposeIsRefused(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        Device d = checkedIn(h);
        State before = state(h, d);
        for (Purpose purpose : List.of(Purpose.PROVISION, Purpose.ACTIVATE, Purpose.EVENTS, Purpose.APP_REQUEST, Purpose.APP_DOWNLOAD)) {
            String token = h.deviceToken(d, purpose, d.nextSequence(), h.clock.instant(), Harness.report());
            problem(h.checkin(token), 401, "bad-signature");
        }
        // A purpose the server has never heard of, or none.
        ObjectNode payload = Json.MAPPER.valueToTree(new DeviceRequest(d.id(), d.nextSequence(), h.clock.instant(), Purpose.CHECKIN,
                Json.MAPPER.valueToTree(Harness.report())));
        payload.put("purpose", "WIPE_EVERYTHING");
        problem(h.checkin(sign(d, payload)), 401, "bad-signature");
        payload.remove("purpose");
        problem(h.checkin(sign(d, payload)), 401, "bad-signature");
        // A check-in signed as another kind of statement (an enrolment, a lease).
        for (String typ : List.of(TokenTypes.ENROLLMENT, TokenTypes.LEASE)) {
            String token = CompactJws.signJson(typ, d.id(), new DeviceRequest(d.id(), d.nextSequence(), h.clock.instant(), Purpose.CHECKIN,
                    Json.MAPPER.valueToTree(Harness.report())), d.keys().getPrivate());
            problem(h.checkin(token), 401, "bad-signature");
        }
        assertUnchanged(h, d, before);
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void clockSkewIsRefused(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        Device d = checkedIn(h);
        State before = state(h, d);
        for (Duration off : List.of(Duration.ofHours(1), Duration.ofHours(-1), Duration.ofMinutes(-6))) {
            problem(h.checkin(h.deviceToken(d, Purpose.CHECKIN, d.nextSequence(), h.clock.instant().plus(off), Harness.report())),
                    400, "clock-skew");
        }
        ObjectNode payload = Json.MAPPER.valueToTree(new DeviceRequest(d.id(), d.nextSequence(), h.clock.instant(), Purpose.CHECKIN,
                Json.MAPPER.valueToTree(Harness.report())));
        payload.remove("sentAt");
        problem(h.checkin(sign(d, payload)), 400, "clock-skew");
        assertUnchanged(h, d, before);
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void malformedReportIsRefused(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        Device d = checkedIn(h);
        State before = state(h, d);
        // An unknown field in the report, named in the answer.
        ObjectNode report = Json.MAPPER.valueToTree(Harness.report());
        report.put("rootShell", true);
        JsonNode p = problem(h.checkin(h.deviceToken(d, Purpose.CHECKIN, d.nextSequence(), h.clock.instant(), report)), 400);
        assertThat(p.path("type").asText()).isIn("urn:workcell:problem:malformed-json", "urn:workcell:problem:invalid-request");
        assertThat(p.path("detail").asText()).contains("rootShell");
        // Wrong shapes and types.
        for (Object body : List.of(List.of(1, 2), "text", 42, Map.of("policyVersion", "latest"), Map.of("completedCommands", "all"),
                Map.of("completedCommands", List.of("x")))) {
            problem(h.checkin(h.deviceToken(d, Purpose.CHECKIN, d.nextSequence(), h.clock.instant(), body)), 400);
        }
        // No report at all, or a JSON null.
        problem(h.checkin(h.deviceToken(d, Purpose.CHECKIN, d.nextSequence(), h.clock.instant(), null)), 400, "invalid-request");
        ObjectNode payload = Json.MAPPER.valueToTree(new DeviceRequest(d.id(), d.nextSequence(), h.clock.instant(), Purpose.CHECKIN, null));
        payload.putNull("body");
        problem(h.checkin(sign(d, payload)), 400, "invalid-request");
        // Values out of bounds.
        List<Long> tooMany = new ArrayList<>();
        for (long i = 1; i <= 101; i++) {
            tooMany.add(i);
        }
        for (CheckinReport bad : List.of(
                new CheckinReport("v".repeat(65), null, null, null, List.of()),
                new CheckinReport("0.1.0\u0000", null, null, null, List.of()),
                new CheckinReport(null, "é", null, null, List.of()),
                new CheckinReport(null, null, null, "s".repeat(33), List.of()),
                new CheckinReport(null, null, null, null, tooMany))) {
            problem(h.checkin(h.deviceToken(d, Purpose.CHECKIN, d.nextSequence(), h.clock.instant(), bad)), 400, "invalid-request");
        }
        // A request envelope with a field it does not have, or that is no request at all, signed by the device.
        ObjectNode extra = Json.MAPPER.valueToTree(new DeviceRequest(d.id(), d.nextSequence(), h.clock.instant(), Purpose.CHECKIN,
                Json.MAPPER.valueToTree(Harness.report())));
        extra.put("admin", true);
        problem(h.checkin(sign(d, extra)), 401, "bad-signature");
        for (String payloadText : List.of("null", "[]", "{}", "7")) {
            String token = CompactJws.sign(TokenTypes.DEVICE_REQUEST, d.id(), payloadText.getBytes(StandardCharsets.UTF_8), d.keys().getPrivate());
            problem(h.checkin(token), 401, "bad-signature");
        }
        assertUnchanged(h, d, before);
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void oversizedCheckinIsRefused(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        Device d = checkedIn(h);
        State before = state(h, d);
        // A validly signed check-in whose report is padded past 16 KiB.
        String big = h.deviceToken(d, Purpose.CHECKIN, d.nextSequence(), h.clock.instant(),
                new CheckinReport("0.1.0", null, null, "x".repeat(17 * 1024), List.of()));
        assertThat(big.length()).isGreaterThan(16 * 1024);
        problem(h.checkin(big), 413, "payload-too-large");
        // The same without a declared length (chunked).
        problem(h.send("POST", "/api/v1/device/checkin", null, Harness.JOSE,
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes(StandardCharsets.US_ASCII)))),
                413, "payload-too-large");
        problem(h.checkin("x".repeat(1 << 20)), 413, "payload-too-large");
        assertUnchanged(h, d, before);
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void wrongContentTypeIsRefused(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        Device d = checkedIn(h);
        String token = h.checkinToken(d);
        State before = state(h, d);
        for (String type : List.of("application/json", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
            problem(h.send("POST", "/api/v1/device/checkin", null, type, token), 415, "unsupported-media-type");
        }
        problem(h.send("POST", "/api/v1/device/checkin", null, null, token), 415, "unsupported-media-type");
        assertUnchanged(h, d, before);
        // Nothing of the request was used up: sent right, the same token counts.
        Harness.lease(d, h.checkin(token));
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void otherDeviceEndpointsRefuseTheSameWay(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        Device d = checkedIn(h);
        State before = state(h, d);
        KeyPair other = Ed25519.generate();
        for (var e : Map.of("/api/v1/device/provision", Purpose.PROVISION, "/api/v1/device/activate", Purpose.ACTIVATE).entrySet()) {
            DeviceRequest request = new DeviceRequest(d.id(), d.nextSequence(), h.clock.instant(), e.getValue(), null);
            problem(h.postDevice(e.getKey(), Harness.signDeviceRequest(other.getPrivate(), d.id(), request)), 401, "bad-signature");
            problem(h.postDevice(e.getKey(), h.deviceToken(d, Purpose.CHECKIN, d.nextSequence(), h.clock.instant(), null)), 401,
                    "bad-signature");
            problem(h.send("POST", e.getKey(), null, "application/json", h.deviceToken(d, e.getValue(), d.nextSequence(), h.clock.instant(),
                    null)), 415, "unsupported-media-type");
            problem(h.postDevice(e.getKey(), "y".repeat(20 * 1024)), 413, "payload-too-large");
        }
        assertUnchanged(h, d, before);
    }

    private static String sign(Device d, JsonNode payload) {
        return CompactJws.sign(TokenTypes.DEVICE_REQUEST, d.id(), Json.write(payload), d.keys().getPrivate());
    }
}
