package org.workcell.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.workcell.core.crypto.Ed25519;
import org.workcell.core.json.Json;
import org.workcell.core.jws.CompactJws;
import org.workcell.core.protocol.DeviceInfo;
import org.workcell.core.protocol.DeviceRequest;
import org.workcell.core.protocol.EnrollmentResponse;
import org.workcell.core.protocol.Lease;
import org.workcell.core.protocol.PinnedKey;
import org.workcell.core.protocol.ServerKeys;
import org.workcell.core.protocol.TokenTypes;
import org.workcell.server.testing.MutableClock;

/**
 * The agent trusts nothing from the network that the keys pinned at enrolment did not sign, and
 * takes a lease only as the answer to the check-in it just sent. A hostile server on loopback
 * plays the network.
 */
class DeviceAgentTest {
    private static final DeviceInfo DEVICE = new DeviceInfo("test phone", "test os", "ab".repeat(32), "0.1.0");

    @TempDir
    Path temp;

    private final KeyPair leaseKey = Ed25519.generate();
    private final KeyPair imageKey = Ed25519.generate();
    private final KeyPair attackerKey = Ed25519.generate();
    private final MutableClock clock = MutableClock.startingNow();
    /** What the hostile server answers to a check-in, given the signed request it received. */
    private final AtomicReference<Function<DeviceRequest, String>> checkinAnswer = new AtomicReference<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void acceptsALeaseSignedByThePinnedKeyThatAnswersItsOwnCheckin() throws Exception {
        DeviceAgent agent = enrolledAgent();
        checkinAnswer.set(request -> sign(leaseKey, leaseFor(request.deviceId(), request.sequence())));
        Lease lease = agent.checkin(null, List.of());
        assertThat(agent.status().disableAt()).isEqualTo(lease.disableAt());
        assertThat(agent.status().state()).isEqualTo("activated");
    }

    @Test
    void rejectsALeaseSignedByAnyOtherKeyAndKeepsItsState() throws Exception {
        DeviceAgent agent = enrolledAgent();
        checkinAnswer.set(request -> sign(leaseKey, leaseFor(request.deviceId(), request.sequence())));
        Lease good = agent.checkin(null, List.of());
        // The attacker's lease would grant ten more years.
        checkinAnswer.set(request -> sign(attackerKey, withWipeAt(leaseFor(request.deviceId(), request.sequence()),
                clock.instant().plus(Duration.ofDays(3650)))));
        assertThatThrownBy(() -> agent.checkin(null, List.of())).isInstanceOf(AgentException.class)
                .hasMessageContaining("not signed by the pinned lease key");
        assertThat(agent.status().wipeAt()).isEqualTo(good.wipeAt());
    }

    @Test
    void rejectsAReplayedOlderLeaseAndALeaseForAnotherDevice() throws Exception {
        DeviceAgent agent = enrolledAgent();
        AtomicReference<String> first = new AtomicReference<>();
        checkinAnswer.set(request -> {
            String token = sign(leaseKey, leaseFor(request.deviceId(), request.sequence()));
            first.compareAndSet(null, token);
            return token;
        });
        Lease good = agent.checkin(null, List.of());
        clock.advance(Duration.ofMinutes(20));
        checkinAnswer.set(request -> first.get());
        assertThatThrownBy(() -> agent.checkin(null, List.of())).isInstanceOf(AgentException.class)
                .hasMessageContaining("not this one");
        checkinAnswer.set(request -> sign(leaseKey, leaseFor("another-device", request.sequence())));
        assertThatThrownBy(() -> agent.checkin(null, List.of())).isInstanceOf(AgentException.class)
                .hasMessageContaining("another device");
        assertThat(agent.status().renewBy()).isEqualTo(good.renewBy());
    }

    @Test
    void aLeaseEditedInTheStateFileIsNotBelieved() throws Exception {
        DeviceAgent agent = enrolledAgent();
        checkinAnswer.set(request -> sign(leaseKey, leaseFor(request.deviceId(), request.sequence())));
        agent.checkin(null, List.of());
        Path state = temp.resolve("home").resolve("state.json");
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(Files.readAllBytes(state));
        String token = tree.get("leaseToken").asText();
        String[] parts = token.split("\\.");
        String forgedPayload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                Json.write(withWipeAt(leaseFor(tree.get("deviceId").asText(), 1), clock.instant().plus(Duration.ofDays(3650)))));
        tree.put("leaseToken", parts[0] + "." + forgedPayload + "." + parts[2]);
        Files.write(state, Json.write(tree));
        AgentStatus status = agent.status();
        assertThat(status.wipeAt()).isNull();
        assertThat(status.state()).isNotEqualTo("activated");
    }

    @Test
    void sequenceNumbersNeverRepeatEvenWhenTheClockGoesBack() throws Exception {
        DeviceAgent agent = enrolledAgent();
        List<Long> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        checkinAnswer.set(request -> {
            seen.add(request.sequence());
            return sign(leaseKey, leaseFor(request.deviceId(), request.sequence()));
        });
        agent.checkin(null, List.of());
        clock.set(clock.instant().minus(Duration.ofDays(2)));
        agent.checkin(null, List.of());
        // A fresh agent object on the same home (a restart) continues from the stored sequence.
        new DeviceAgent(temp.resolve("home"), clock, HttpClient.newHttpClient()).checkin(null, List.of());
        assertThat(seen).hasSize(3);
        assertThat(seen.get(1)).isGreaterThan(seen.get(0));
        assertThat(seen.get(2)).isGreaterThan(seen.get(1));
    }

    @Test
    void refusesToEnrolAgainstAServerThatPinsMalformedKeys() throws Exception {
        startHostileServer(new EnrollmentResponse("dev-1", "erin", "sales",
                new ServerKeys(new PinnedKey("wrong-kid", Ed25519.publicKeyToBase64(leaseKey.getPublic())), pinned(imageKey)), Instant.now()));
        DeviceAgent agent = new DeviceAgent(temp.resolve("home"), clock, HttpClient.newHttpClient());
        assertThatThrownBy(() -> agent.enroll(url(), "CODE", DEVICE)).isInstanceOf(AgentException.class)
                .hasMessageContaining("does not match its key id");
        assertThat(agent.status().enrolled()).isFalse();
    }

    private DeviceAgent enrolledAgent() throws Exception {
        startHostileServer(new EnrollmentResponse("dev-1", "erin", "sales", new ServerKeys(pinned(leaseKey), pinned(imageKey)), clock.instant()));
        DeviceAgent agent = new DeviceAgent(temp.resolve("home"), clock, HttpClient.newHttpClient());
        agent.enroll(url(), "ABCD-EFGH-JKMN", DEVICE);
        return agent;
    }

    private void startHostileServer(EnrollmentResponse enrollment) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/enroll", exchange -> respond(exchange, Json.write(enrollment)));
        server.createContext("/api/v1/device/checkin", exchange -> {
            String token = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.US_ASCII);
            DeviceRequest request;
            try {
                request = CompactJws.readPayload(CompactJws.parse(token, TokenTypes.DEVICE_REQUEST).payload(), DeviceRequest.class);
            } catch (org.workcell.core.jws.JwsException e) {
                throw new IOException(e);
            }
            respond(exchange, checkinAnswer.get().apply(request).getBytes(StandardCharsets.US_ASCII));
        });
        server.start();
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, byte[] body) throws IOException {
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private Lease leaseFor(String deviceId, long sequence) {
        Instant now = clock.instant();
        return new Lease(deviceId, sequence, now, now.plus(Duration.ofMinutes(15)), now.plus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(4)), 1, "0.1.0", "activated", Duration.ofMinutes(15), List.of());
    }

    private static Lease withWipeAt(Lease l, Instant wipeAt) {
        return new Lease(l.deviceId(), l.sequence(), l.issuedAt(), l.renewBy(), wipeAt, wipeAt, l.policyVersion(), l.imageVersion(),
                l.deviceState(), l.leaseInterval(), l.commands());
    }

    private static String sign(KeyPair key, Lease lease) {
        return CompactJws.signJson(TokenTypes.LEASE, Ed25519.keyId(key.getPublic()), lease, key.getPrivate());
    }

    private static PinnedKey pinned(KeyPair key) {
        return new PinnedKey(Ed25519.keyId(key.getPublic()), Ed25519.publicKeyToBase64(key.getPublic()));
    }
}
