package org.workcell.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.workcell.core.crypto.Ed25519;
import org.workcell.core.json.Json;
import org.workcell.core.jws.CompactJws;
import org.workcell.core.jws.JwsException;
import org.workcell.core.protocol.CheckinReport;
import org.workcell.core.protocol.DeviceInfo;
import org.workcell.core.protocol.DeviceRequest;
import org.workcell.core.protocol.EnrollmentRequest;
import org.workcell.core.protocol.EnrollmentResponse;
import org.workcell.core.protocol.Lease;
import org.workcell.core.protocol.TokenTypes;
import org.workcell.server.testing.MutableClock;
import org.workcell.server.testing.TestDatabase;
import org.workcell.server.testing.TestServer;

/**
 * One real server over one database kind, with a client that speaks its API as an admin and as
 * devices do, and a second database connection that can dump every table to prove that a refused
 * request changed nothing.
 */
final class Harness implements AutoCloseable {
    static final String PROBLEM_TYPE = "application/problem+json";
    static final String JOSE = TokenTypes.MEDIA_TYPE;
    static final String JSON_TYPE = "application/json";

    final TestDatabase.Kind kind;
    final MutableClock clock;
    final TestServer server;
    final HttpClient http;
    private final AtomicInteger names = new AtomicInteger();
    private String adminToken;
    private Instant adminTokenExpires = Instant.MIN;
    private String sharedGroup;
    private String sharedUser;

    private Harness(TestDatabase.Kind kind, MutableClock clock, TestServer server) {
        this.kind = kind;
        this.clock = clock;
        this.server = server;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    static Harness start(TestDatabase.Kind kind, Path tempDir) throws IOException {
        return start(kind, tempDir, Map.of());
    }

    /** A harness over a server with some settings changed from their defaults. */
    static Harness start(TestDatabase.Kind kind, Path tempDir, Map<String, String> settings) throws IOException {
        MutableClock clock = MutableClock.startingNow();
        return new Harness(kind, clock, TestServer.start(kind, tempDir, clock, settings));
    }

    @Override
    public void close() {
        // Abort what is still open (push streams): close() would wait for them forever.
        http.shutdownNow();
        server.close();
    }

    @Override
    public String toString() {
        return kind.name();
    }

    /** A fresh, valid resource name. */
    String name(String prefix) {
        return prefix + "-" + kind.name().toLowerCase(Locale.ROOT) + "-" + names.incrementAndGet();
    }

    // ---- HTTP ----------------------------------------------------------------------------------

    record Response(int status, HttpHeaders headers, String body) {
        String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + contentType() + " " + (body.length() > 2000 ? body.substring(0, 2000) + "…" : body);
        }
    }

    Response send(String method, String path, String token, String contentType, HttpRequest.BodyPublisher body) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        if (token != null) {
            headers.put("Authorization", token.contains(" ") ? token : "Bearer " + token);
        }
        return sendWithHeaders(method, path, headers, contentType, body);
    }

    /** A request with headers of the caller's choosing (cookies, Origin). */
    Response sendWithHeaders(String method, String path, Map<String, String> headers, String contentType, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
        headers.forEach(b::header);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    Response send(String method, String path, String token, String contentType, byte[] body) {
        return send(method, path, token, contentType, body == null ? null : HttpRequest.BodyPublishers.ofByteArray(body));
    }

    Response send(String method, String path, String token, String contentType, String body) {
        return send(method, path, token, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    /** As the admin. */
    Response get(String path) {
        return send("GET", path, adminToken(), null, (byte[]) null);
    }

    /** As the admin; {@code body} is sent as JSON (a String is sent as it is). */
    Response post(String path, Object body) {
        return send("POST", path, adminToken(), JSON_TYPE, jsonBytes(body));
    }

    Response patch(String path, Object body) {
        return send("PATCH", path, adminToken(), JSON_TYPE, jsonBytes(body));
    }

    Response delete(String path) {
        return send("DELETE", path, adminToken(), null, (byte[]) null);
    }

    static byte[] jsonBytes(Object body) {
        return body instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : Json.write(body);
    }

    static JsonNode ok(Response r, int status) {
        assertThat(r.status()).as("%s", r).isEqualTo(status);
        return r.body().isEmpty() ? null : r.json();
    }

    /** Asserts an RFC 9457 problem of this status and code, and returns it. */
    static JsonNode problem(Response r, int status, String code) {
        assertThat(r.status()).as("status of %s", r).isEqualTo(status);
        assertThat(r.contentType()).as("content type of %s", r).startsWith(PROBLEM_TYPE);
        JsonNode p = r.json();
        assertThat(p.path("type").asText()).as("type of %s", r).isEqualTo("urn:workcell:problem:" + code);
        assertThat(p.path("status").asInt()).as("status field of %s", r).isEqualTo(status);
        assertThat(p.path("title").asText()).as("title of %s", r).isNotBlank();
        assertThat(p.path("detail").asText()).as("detail of %s", r).isNotBlank();
        return p;
    }

    /** A problem of this status, whichever code. */
    static JsonNode problem(Response r, int status) {
        assertThat(r.status()).as("status of %s", r).isEqualTo(status);
        assertThat(r.contentType()).as("content type of %s", r).startsWith(PROBLEM_TYPE);
        JsonNode p = r.json();
        assertThat(p.path("type").asText()).as("type of %s", r).startsWith("urn:workcell:problem:");
        assertThat(p.path("status").asInt()).as("status field of %s", r).isEqualTo(status);
        assertThat(p.path("detail").asText()).as("detail of %s", r).isNotBlank();
        return p;
    }

    // ---- admin ---------------------------------------------------------------------------------

    Response login(String user, String password) {
        return send("POST", "/api/v1/auth/login", null, JSON_TYPE, Json.write(Map.of("user", user, "password", password)));
    }

    /** A live session token of the first admin; signs in again when the clock has moved past the last one. */
    String adminToken() {
        if (adminToken == null || !clock.instant().isBefore(adminTokenExpires.minus(Duration.ofMinutes(10)))) {
            JsonNode session = ok(login("admin", TestServer.ADMIN_PASSWORD), 200);
            adminToken = session.path("token").asText();
            adminTokenExpires = Instant.parse(session.path("expiresAt").asText());
        }
        return adminToken;
    }

    String createGroup() {
        String name = name("group");
        ok(post("/api/v1/groups", Map.of("name", name)), 201);
        return name;
    }

    String createUser(String group) {
        String name = name("user");
        ok(post("/api/v1/users", Map.of("name", name, "group", group)), 201);
        return name;
    }

    String sharedGroup() {
        if (sharedGroup == null) {
            sharedGroup = createGroup();
        }
        return sharedGroup;
    }

    String sharedUser() {
        if (sharedUser == null) {
            sharedUser = createUser(sharedGroup());
        }
        return sharedUser;
    }

    String createCode(String user) {
        return ok(send("POST", "/api/v1/users/" + user + "/enrollment-codes", adminToken(), null, (byte[]) null), 201)
                .path("code").asText();
    }

    /** An auditor account and a live session for it. */
    String auditorToken() {
        String name = name("auditor");
        String password = "auditor password " + name;
        ok(post("/api/v1/admins", Map.of("name", name, "password", password, "role", "auditor")), 201);
        return ok(login(name, password), 200).path("token").asText();
    }

    // ---- devices -------------------------------------------------------------------------------

    /** An enrolled device: its id, its key, what the server said at enrolment, and its sequence counter. */
    record Device(String id, KeyPair keys, EnrollmentResponse enrollment, AtomicLong sequence) {
        long nextSequence() {
            return sequence.incrementAndGet();
        }

        PublicKey leaseKey() {
            try {
                PublicKey key = Ed25519.publicKeyFromBase64(enrollment.serverKeys().leaseSigning().publicKey());
                assertThat(Ed25519.keyId(key)).isEqualTo(enrollment.serverKeys().leaseSigning().kid());
                return key;
            } catch (InvalidKeyException e) {
                throw new AssertionError(e);
            }
        }
    }

    static DeviceInfo deviceInfo(String model) {
        return new DeviceInfo(model, "Linux 6.8", sha256Hex(model + UUID.randomUUID()), "0.1.0");
    }

    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An enrolment request as the agent makes it. */
    String enrollmentToken(String code, KeyPair keys) {
        return CompactJws.signJson(TokenTypes.ENROLLMENT, Ed25519.keyId(keys.getPublic()),
                new EnrollmentRequest(code, Ed25519.publicKeyToBase64(keys.getPublic()), deviceInfo("Pixel 9"), clock.instant()),
                keys.getPrivate());
    }

    /**
     * Posts an enrolment. The clock moves a few seconds first, so that the server's per-address
     * limit of enrolment attempts a minute never decides a test.
     */
    Response postEnrollment(String token) {
        clock.advance(Duration.ofSeconds(5));
        return send("POST", "/api/v1/enroll", null, JOSE, token);
    }

    Device enroll(String code) {
        KeyPair keys = Ed25519.generate();
        Response r = postEnrollment(enrollmentToken(code, keys));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        EnrollmentResponse enrolled = Json.readUnchecked(r.body().getBytes(StandardCharsets.UTF_8), EnrollmentResponse.class);
        return new Device(enrolled.deviceId(), keys, enrolled, new AtomicLong());
    }

    /** A device enrolled with a fresh code of the shared user. */
    Device newDevice() {
        return enroll(createCode(sharedUser()));
    }

    static CheckinReport report() {
        return new CheckinReport("0.1.0", null, null, null, List.of());
    }

    String deviceToken(Device d, DeviceRequest.Purpose purpose, long sequence, Instant sentAt, Object body) {
        return signDeviceRequest(d.keys().getPrivate(), d.id(), new DeviceRequest(d.id(), sequence, sentAt, purpose,
                body == null ? null : Json.MAPPER.valueToTree(body)));
    }

    static String signDeviceRequest(PrivateKey key, String kid, DeviceRequest request) {
        return CompactJws.signJson(TokenTypes.DEVICE_REQUEST, kid, request, key);
    }

    String checkinToken(Device d) {
        return deviceToken(d, DeviceRequest.Purpose.CHECKIN, d.nextSequence(), clock.instant(), report());
    }

    Response postDevice(String path, String token) {
        return send("POST", path, null, JOSE, token);
    }

    Response checkin(String token) {
        return postDevice("/api/v1/device/checkin", token);
    }

    /** Checks in and returns the lease, verified with the lease key the device pinned at enrolment. */
    Lease checkinOk(Device d) {
        Response r = checkin(checkinToken(d));
        return lease(d, r);
    }

    static Lease lease(Device d, Response r) {
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.contentType()).startsWith(JOSE);
        try {
            Lease lease = CompactJws.verifyJson(r.body(), TokenTypes.LEASE, d.leaseKey(), Lease.class);
            assertThat(lease.deviceId()).isEqualTo(d.id());
            return lease;
        } catch (JwsException e) {
            throw new AssertionError("the lease does not verify with the pinned lease key: " + e.getMessage(), e);
        }
    }

    JsonNode deviceDetail(String id) {
        return ok(get("/api/v1/devices/" + id), 200);
    }

    Response command(String deviceId, String type) {
        return post("/api/v1/devices/" + deviceId + "/commands", Map.of("type", type));
    }

    // ---- the database, read directly ---------------------------------------------------------

    Connection connect() throws SQLException {
        return DriverManager.getConnection(server.database().url());
    }

    long count(String sql, Object... args) {
        try (Connection c = connect(); var s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new AssertionError(sql + ": " + e.getMessage(), e);
        }
    }

    /**
     * Every row of every table of the server's schema, as text, sorted: equal dumps mean nothing
     * changed. Signs the admin in first, so that a session made on the way is not counted.
     */
    Map<String, List<String>> dump() {
        adminToken();
        Map<String, List<String>> tables = new TreeMap<>();
        try (Connection c = connect()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE", "BASE TABLE"})) {
                while (rs.next()) {
                    String schema = rs.getString("TABLE_SCHEM");
                    String table = rs.getString("TABLE_NAME");
                    if ("public".equalsIgnoreCase(schema) && !table.toLowerCase(Locale.ROOT).startsWith("flyway_")) {
                        names.add(table);
                    }
                }
            }
            assertThat(names).as("tables of the schema").contains("devices", "audit_log", "leases");
            for (String table : names) {
                List<String> rows = new ArrayList<>();
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            Object value = rs.getObject(i);
                            row.append(md.getColumnName(i)).append('=')
                                    .append(value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : String.valueOf(value)).append(' ');
                        }
                        rows.add(row.toString());
                    }
                }
                rows.sort(null);
                tables.put(table, rows);
            }
        } catch (SQLException e) {
            throw new AssertionError("cannot dump the database: " + e.getMessage(), e);
        }
        return tables;
    }

    /** Replaces one character in the middle of part {@code part} (0 header, 1 payload, 2 signature) of a compact JWS. */
    static String tamper(String token, int part) {
        String[] parts = token.split("\\.", -1);
        String p = parts[part];
        int i = p.length() / 2;
        char c = p.charAt(i);
        parts[part] = p.substring(0, i) + (c == 'A' ? 'B' : 'A') + p.substring(i + 1);
        return String.join(".", parts);
    }
}
