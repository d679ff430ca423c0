package org.workcell.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.workcell.server.api.Harness.ok;
import static org.workcell.server.api.Harness.problem;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import org.workcell.core.protocol.DeviceInfo;
import org.workcell.core.protocol.DeviceRequest;
import org.workcell.core.protocol.EnrollmentRequest;
import org.workcell.core.protocol.TokenTypes;
import org.workcell.server.api.Harness.Response;
import org.workcell.server.testing.TestDatabase;

/** Enrolment refuses bad codes and bad signatures with a clear problem, and creates no device when it does. */
class ApiEnrollmentTest {
    @RegisterExtension
    static final Servers servers = new Servers();

    // ---- codes ---------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void wrongCodeIsRefusedAndCreatesNothing(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        String real = h.createCode(h.sharedUser());
        var before = h.dump();
        for (String wrong : List.of("AAAA-AAAA-AAAA", "", "not a code at all", real.substring(0, 13), real + "0",
                "' OR 1=1 --", "%00")) {
            problem(h.postEnrollment(h.enrollmentToken(wrong, Ed25519.generate())), 400, "enrollment-code-invalid");
        }
        assertThat(h.dump()).isEqualTo(before);
        // The real code is still good afterwards.
        h.enroll(real);
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void expiredCodeIsGone(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        String code = h.createCode(h.sharedUser());
        h.clock.advance(Duration.ofDays(7).plusMinutes(1));
        long devices = h.count("SELECT COUNT(*) FROM devices");
        var before = h.dump();
        problem(h.postEnrollment(h.enrollmentToken(code, Ed25519.generate())), 410, "enrollment-code-expired");
        assertThat(h.dump()).isEqualTo(before);
        assertThat(h.count("SELECT COUNT(*) FROM devices")).isEqualTo(devices);
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void codeWithShorterValidityExpiresThen(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        String code = ok(h.post("/api/v1/users/" + h.sharedUser() + "/enrollment-codes", Map.of("validFor", "10m")), 201)
                .path("code").asText();
        h.clock.advance(Duration.ofMinutes(10));
        var before = h.dump();
        problem(h.postEnrollment(h.enrollmentToken(code, Ed25519.generate())), 410, "enrollment-code-expired");
        assertThat(h.dump()).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void reusedCodeIsRefused(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        String code = h.createCode(h.sharedUser());
        Harness.Device first = h.enroll(code);
        var before = h.dump();
        problem(h.postEnrollment(h.enrollmentToken(code, Ed25519.generate())), 409, "enrollment-code-used");
        // Presenting the same key again does not get round it either.
        problem(h.postEnrollment(h.enrollmentToken(code, first.keys())), 409, "enrollment-code-used");
        assertThat(h.dump()).isEqualTo(before);
        assertThat(h.count("SELECT COUNT(*) FROM enrollment_codes WHERE device_id = ?", java.util.UUID.fromString(first.id())))
                .isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void codesIgnoreCaseAndDashesButWorkOnce(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        String code = h.createCode(h.sharedUser());
        assertThat(code).matches("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}");
        String typed = code.replace("-", "").toLowerCase(Locale.ROOT);
        long devices = h.count("SELECT COUNT(*) FROM devices");
        Harness.Device device = h.enroll(typed);
        assertThat(h.count("SELECT COUNT(*) FROM devices")).isEqualTo(devices + 1);
        assertThat(h.deviceDetail(device.id()).path("device").path("state").asText()).isEqualTo("enrolled");
        var before = h.dump();
        problem(h.postEnrollment(h.enrollmentToken(code, Ed25519.generate())), 409, "enrollment-code-used");
        problem(h.postEnrollment(h.enrollmentToken(" " + code.toLowerCase(Locale.ROOT) + " ", Ed25519.generate())), 409,
                "enrollment-code-used");
        assertThat(h.dump()).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void aKeyEnrolsOnlyOnce(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        Harness.Device device = h.newDevice();
        String second = h.createCode(h.sharedUser());
        var before = h.dump();
        problem(h.postEnrollment(h.enrollmentToken(second, device.keys())), 409, "conflict");
        assertThat(h.dump()).isEqualTo(before);
        h.enroll(second); // the code was not spent
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void racingDevicesWithOneCodeEnrolOnce(TestDatabase.Kind kind) throws Exception {
        Harness h = servers.get(kind);
        String code = h.createCode(h.sharedUser());
        long devices = h.count("SELECT COUNT(*) FROM devices");
        h.clock.advance(Duration.ofMinutes(1)); // a fresh window for the per-address limit
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            tokens.add(h.enrollmentToken(code, Ed25519.generate()));
        }
        List<Response> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(tokens.size())) {
            List<Future<Response>> futures = new ArrayList<>();
            for (String token : tokens) {
                futures.add(pool.submit((Callable<Response>) () -> h.send("POST", "/api/v1/enroll", null, Harness.JOSE, token)));
            }
            for (Future<Response> f : futures) {
                answers.add(f.get());
            }
        }
        assertThat(answers.stream().filter(r -> r.status() == 200).count()).as("%s", answers).isEqualTo(1);
        for (Response r : answers) {
            if (r.status() != 200) {
                problem(r, 409, "enrollment-code-used");
            }
        }
        assertThat(h.count("SELECT COUNT(*) FROM devices")).isEqualTo(devices + 1);
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void codeOptionsSentChunkedAreReadNotIgnored(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        String path = "/api/v1/users/" + h.sharedUser() + "/enrollment-codes";
        var before = h.dump();
        problem(h.send("POST", path, h.adminToken(), Harness.JSON_TYPE, chunked("{\"validFor\":")), 400, "malformed-json");
        problem(h.send("POST", path, h.adminToken(), Harness.JSON_TYPE, chunked("{\"validFor\":\"45d\"}")), 400, "invalid-request");
        problem(h.send("POST", path, h.adminToken(), Harness.JSON_TYPE, chunked("{\"ttl\":\"10m\"}")), 400, "invalid-request");
        problem(h.send("POST", path, h.adminToken(), "text/plain", chunked("{\"validFor\":\"10m\"}")), 415, "unsupported-media-type");
        assertThat(h.dump()).isEqualTo(before);
        // A valid body sent without a length counts: the code lives ten minutes, not the default seven days.
        Instant now = h.clock.instant();
        var code = ok(h.send("POST", path, h.adminToken(), Harness.JSON_TYPE, chunked("{\"validFor\":\"10m\"}")), 201);
        assertThat(Instant.parse(code.path("expiresAt").asText())).isEqualTo(now.plus(Duration.ofMinutes(10)));
        // No body at all still means the default.
        var plain = ok(h.send("POST", path, h.adminToken(), null, (byte[]) null), 201);
        assertThat(Instant.parse(plain.path("expiresAt").asText())).isEqualTo(now.plus(Duration.ofDays(7)));
    }

    private static java.net.http.HttpRequest.BodyPublisher chunked(String body) {
        return java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                () -> new java.io.ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    // ---- signatures ------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void signedByAnotherKeyThanItPresents(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        String code = h.createCode(h.sharedUser());
        KeyPair presented = Ed25519.generate();
        KeyPair signer = Ed25519.generate();
        var before = h.dump();
        String token = CompactJws.signJson(TokenTypes.ENROLLMENT, Ed25519.keyId(presented.getPublic()),
                request(h, code, presented, h.clock.instant()), signer.getPrivate());
        problem(h.postEnrollment(token), 401, "bad-signature");
        assertThat(h.dump()).isEqualTo(before);
        h.enroll(code);
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void keyIdMustMatchTheKey(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        String code = h.createCode(h.sharedUser());
        KeyPair keys = Ed25519.generate();
        var before = h.dump();
        for (String kid : List.of(Ed25519.keyId(Ed25519.generate().getPublic()), "device", "x".repeat(129))) {
            String token = CompactJws.signJson(TokenTypes.ENROLLMENT, kid, request(h, code, keys, h.clock.instant()), keys.getPrivate());
            problem(h.postEnrollment(token), 401, "bad-signature");
        }
        assertThat(h.dump()).isEqualTo(before);
        h.enroll(code);
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void tamperedRequestsAreRefused(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        String code = h.createCode(h.sharedUser());
        KeyPair keys = Ed25519.generate();
        String good = h.enrollmentToken(code, keys);
        var before = h.dump();
        for (int part = 0; part < 3; part++) {
            problem(h.postEnrollment(Harness.tamper(good, part)), 401, "bad-signature");
        }
        // A payload swapped for another (here: the same request naming another code) keeps the old signature.
        String[] parts = good.split("\\.");
        String other = Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(request(h, "AAAA-AAAA-AAAA", keys, h.clock.instant())));
        problem(h.postEnrollment(parts[0] + "." + other + "." + parts[2]), 401, "bad-signature");
        // Shapes that are not a signed request at all.
        for (String junk : List.of("", "a.b", "a.b.c.d", parts[0] + "." + parts[1] + ".", parts[0] + "==." + parts[1] + "." + parts[2],
                "e30." + parts[1] + "." + parts[2])) {
            problem(h.postEnrollment(junk), 401, "bad-signature");
        }
        assertThat(h.dump()).isEqualTo(before);
        h.enroll(code);
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void payloadsThatAreNotARequestAreRefused(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        KeyPair keys = Ed25519.generate();
        var before = h.dump();
        for (String payload : List.of("null", "[]", "42", "\"text\"", "{}", "{\"code\":\"X\",\"extra\":1}")) {
            String token = CompactJws.sign(TokenTypes.ENROLLMENT, Ed25519.keyId(keys.getPublic()),
                    payload.getBytes(StandardCharsets.UTF_8), keys.getPrivate());
            problem(h.postEnrollment(token), 401, "bad-signature");
        }
        assertThat(h.dump()).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void wrongTokenTypeIsRefused(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        String code = h.createCode(h.sharedUser());
        KeyPair keys = Ed25519.generate();
        var before = h.dump();
        for (String typ : List.of(TokenTypes.DEVICE_REQUEST, TokenTypes.LEASE, "JWT")) {
            String token = CompactJws.signJson(typ, Ed25519.keyId(keys.getPublic()), request(h, code, keys, h.clock.instant()),
                    keys.getPrivate());
            problem(h.postEnrollment(token), 401, "bad-signature");
        }
        // A device request signed by the same key does not enrol either.
        String asDeviceRequest = Harness.signDeviceRequest(keys.getPrivate(), Ed25519.keyId(keys.getPublic()),
                new DeviceRequest("x", 1, h.clock.instant(), DeviceRequest.Purpose.CHECKIN, Json.MAPPER.valueToTree(Map.of("code", code))));
        problem(h.postEnrollment(asDeviceRequest), 401, "bad-signature");
        assertThat(h.dump()).isEqualTo(before);
        h.enroll(code);
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void clockSkewIsRefused(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        String code = h.createCode(h.sharedUser());
        KeyPair keys = Ed25519.generate();
        var before = h.dump();
        for (Duration off : List.of(Duration.ofHours(1), Duration.ofHours(-1), Duration.ofMinutes(6), Duration.ofDays(-400))) {
            h.clock.advance(Duration.ofSeconds(5));
            String token = CompactJws.signJson(TokenTypes.ENROLLMENT, Ed25519.keyId(keys.getPublic()),
                    request(h, code, keys, h.clock.instant().plus(off)), keys.getPrivate());
            problem(h.send("POST", "/api/v1/enroll", null, Harness.JOSE, token), 400, "clock-skew");
        }
        String noTime = CompactJws.signJson(TokenTypes.ENROLLMENT, Ed25519.keyId(keys.getPublic()),
                request(h, code, keys, null), keys.getPrivate());
        problem(h.postEnrollment(noTime), 400, "clock-skew");
        assertThat(h.dump()).isEqualTo(before);
        h.enroll(code);
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void badDeviceDescriptionsAreRefused(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        String code = h.createCode(h.sharedUser());
        KeyPair keys = Ed25519.generate();
        String digest = Harness.sha256Hex("hw");
        var before = h.dump();
        for (DeviceInfo info : List.of(
                new DeviceInfo("", "Linux", digest, "0.1.0"),
                new DeviceInfo("m".repeat(101), "Linux", digest, "0.1.0"),
                new DeviceInfo("Pixel\u0000", "Linux", digest, "0.1.0"),
                new DeviceInfo("Pixel", null, digest, "0.1.0"),
                new DeviceInfo("Pixel", "Linux", digest.toUpperCase(Locale.ROOT), "0.1.0"),
                new DeviceInfo("Pixel", "Linux", "serial-number-in-clear", "0.1.0"),
                new DeviceInfo("Pixel", "Linux", digest, "\n"))) {
            String token = CompactJws.signJson(TokenTypes.ENROLLMENT, Ed25519.keyId(keys.getPublic()),
                    new EnrollmentRequest(code, Ed25519.publicKeyToBase64(keys.getPublic()), info, h.clock.instant()), keys.getPrivate());
            problem(h.postEnrollment(token), 400, "invalid-request");
        }
        String noDevice = CompactJws.signJson(TokenTypes.ENROLLMENT, Ed25519.keyId(keys.getPublic()),
                new EnrollmentRequest(code, Ed25519.publicKeyToBase64(keys.getPublic()), null, h.clock.instant()), keys.getPrivate());
        problem(h.postEnrollment(noDevice), 400, "invalid-request");
        assertThat(h.dump()).isEqualTo(before);
        h.enroll(code);
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void enrolmentBodiesAreBoundedAndTyped(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        String code = h.createCode(h.sharedUser());
        KeyPair keys = Ed25519.generate();
        String token = h.enrollmentToken(code, keys);
        var before = h.dump();
        problem(h.send("POST", "/api/v1/enroll", null, "application/json", token), 415, "unsupported-media-type");
        problem(h.send("POST", "/api/v1/enroll", null, "text/plain", token), 415, "unsupported-media-type");
        problem(h.send("POST", "/api/v1/enroll", null, null, token), 415, "unsupported-media-type");
        problem(h.postEnrollment(token + "x".repeat(17 * 1024)), 413, "payload-too-large");
        assertThat(h.dump()).isEqualTo(before);
        // The very same signed request still works: nothing of it was used up.
        ok(h.postEnrollment(token), 200);
    }

    private static EnrollmentRequest request(Harness h, String code, KeyPair keys, Instant sentAt) {
        return new EnrollmentRequest(code, Ed25519.publicKeyToBase64(keys.getPublic()), Harness.deviceInfo("Pixel 9"), sentAt);
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void theEnrolmentLinkLeadsToAPageThatShowsTheCodeButNeverMarkup(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        String code = h.createCode(h.sharedUser());
        Response page = h.send("GET", "/enroll?code=" + code, null, null, (byte[]) null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'none'"));
        assertThat(page.body()).contains(code).contains("workcell agent enroll --url");
        // Whatever comes in the query, no markup goes out, and the page does not tell a valid code from a guess.
        Response hostile = h.send("GET", "/enroll?code=%3Cscript%3Ealert(1)%3C%2Fscript%3E", null, null, (byte[]) null);
        assertThat(hostile.status()).isEqualTo(200);
        assertThat(hostile.body()).doesNotContain("<script").doesNotContain("alert(1)");
        Response guess = h.send("GET", "/enroll?code=AAAA-BBBB-CCCC", null, null, (byte[]) null);
        assertThat(guess.body().replace("AAAA-BBBB-CCCC", code)).isEqualTo(page.body());
        // The code is still usable: the page consumed nothing.
        h.enroll(code);
    }
}
