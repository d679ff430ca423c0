package org.workcell.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.workcell.core.crypto.Ed25519;
import org.workcell.core.json.Json;
import org.workcell.core.jws.CompactJws;
import org.workcell.core.problem.ProblemException;
import org.workcell.core.problem.ProblemKind;
import org.workcell.core.protocol.DeviceRequest;
import org.workcell.core.protocol.TokenTypes;
import org.workcell.server.internal.audit.AuditLog;
import org.workcell.server.internal.catalog.CatalogService;
import org.workcell.server.internal.db.Database;
import org.workcell.server.internal.device.DeviceAuthenticator;
import org.workcell.server.internal.group.GroupService;
import org.workcell.server.internal.http.Actor;
import org.workcell.server.internal.push.PushHub;
import org.workcell.server.internal.user.UserService;
import org.workcell.server.testing.MutableClock;
import org.workcell.server.testing.TestDatabase;

/**
 * One database per test class, of the kind the subclass names (see the shared {@link TestDatabase}:
 * PostgreSQL tests fail, not skip, when no PostgreSQL answers), emptied before each test, with the
 * services the catalog needs, a clock that moves only when told, and helpers to make groups,
 * users and devices and to sign device requests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CatalogFixture {
    static final Actor ADMIN = new Actor(Actor.Type.ADMIN, "alice", "192.0.2.1");
    /** Where the clock stands at the start of every test. */
    static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    // The audit log is append-only even here: tests see only the entries written since they began.
    private static final List<String> TABLES = List.of("app_requests", "group_apps", "catalog_app_versions", "blobs",
            "catalog_apps", "leases", "device_commands", "enrollment_codes", "devices", "users", "group_policies",
            "business_groups", "admin_sessions", "admins");

    /** A device row and its key; {@link #next} hands out its request sequence numbers. */
    record TestDevice(UUID id, String user, KeyPair keys, long[] sequence) {
        long next() {
            return ++sequence[0];
        }
    }

    TestDatabase db;
    Database database;
    Jdbi jdbi;
    final MutableClock clock = new MutableClock(START);
    AuditLog audit;
    PushHub push;
    GroupService groups;
    UserService users;
    DeviceAuthenticator authenticator;
    CatalogService catalog;
    /** The newest audit entry before the running test began. */
    long auditFloor;

    /** The database the subclass runs the tests on. */
    abstract TestDatabase.Kind kind();

    @BeforeAll
    void openAll(@TempDir Path tempDir) {
        db = TestDatabase.create(kind(), tempDir);
        database = db.open();
        jdbi = database.jdbi();
        audit = new AuditLog(jdbi, clock);
        push = new PushHub(Duration.ZERO, Duration.ofMinutes(5));
        groups = new GroupService(jdbi, clock, audit, push, (name, version) -> java.util.Optional.empty());
        users = new UserService(jdbi, clock, audit, groups);
        authenticator = new DeviceAuthenticator(jdbi, clock, Duration.ofMinutes(5));
        catalog = new CatalogService(jdbi, clock, audit, push);
    }

    @AfterAll
    void closeAll() {
        try {
            if (push != null) {
                push.close();
            }
            if (database != null) {
                database.close();
            }
        } finally {
            if (db != null) {
                db.close();
            }
        }
    }

    @BeforeEach
    void emptyDatabase() {
        clock.set(START);
        jdbi.useTransaction(h -> tablesToEmpty().forEach(t -> h.execute("DELETE FROM " + t)));
        auditFloor = jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(MAX(id), 0) FROM audit_log").mapTo(Long.class).one());
    }

    /** The tables emptied before each test, children before parents. */
    List<String> tablesToEmpty() {
        return TABLES;
    }

    // ---- making things ------------------------------------------------------------------------

    void group(String name) {
        groups.create(name, null, null, null, ADMIN);
    }

    void user(String name, String group) {
        users.create(name, group, null, null, ADMIN);
    }

    TestDevice device(String user) {
        return device(user, "activated");
    }

    TestDevice device(String user, String state) {
        KeyPair keys = Ed25519.generate();
        UUID id = UUID.randomUUID();
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO devices (id, user_id, state, public_key, model, os, hardware_id_hash, agent_version,
                                             enrolled_at, updated_at)
                        VALUES (?, (SELECT id FROM users WHERE name = ?), ?, ?, 'Pixel 9', 'Android 16', ?, '0.1.0', ?, ?)""")
                .bind(0, id).bind(1, user).bind(2, state).bind(3, Ed25519.publicKeyToBase64(keys.getPublic()))
                .bind(4, "hw-" + id).bind(5, clock.instant()).bind(6, clock.instant()).execute());
        return new TestDevice(id, user, keys, new long[] {0});
    }

    void app(String packageId) {
        catalog.createApp(packageId, "App " + packageId, "", ADMIN);
    }

    CatalogService.Upload upload(String packageId, String version, String content) {
        clock.advance(Duration.ofSeconds(1));
        return catalog.uploadVersion(packageId, version, bytes(content), ADMIN);
    }

    // ---- signed device requests ---------------------------------------------------------------

    String sign(TestDevice device, DeviceRequest.Purpose purpose, Object body, long sequence) {
        DeviceRequest request = new DeviceRequest(device.id().toString(), sequence, clock.instant(), purpose,
                body == null ? null : Json.MAPPER.valueToTree(body));
        return CompactJws.signJson(TokenTypes.DEVICE_REQUEST, device.id().toString(), request, device.keys().getPrivate());
    }

    String sign(TestDevice device, DeviceRequest.Purpose purpose, Object body) {
        return sign(device, purpose, body, device.next());
    }

    /** A device asks for an app, through the authenticator as the endpoint does. */
    CatalogService.RequestResult ask(TestDevice device, String packageId) {
        String token = sign(device, DeviceRequest.Purpose.APP_REQUEST, java.util.Map.of("packageId", packageId));
        return catalog.deviceRequest(authenticator.verify(token, DeviceRequest.Purpose.APP_REQUEST), "198.51.100.7");
    }

    // ---- checking -----------------------------------------------------------------------------

    static ProblemException problem(ThrowableAssert.ThrowingCallable call) {
        ProblemException e = catchThrowableOfType(ProblemException.class, call);
        assertThat(e).as("expected a problem").isNotNull();
        return e;
    }

    static void assertProblem(ProblemKind kind, ThrowableAssert.ThrowingCallable call) {
        ProblemException e = problem(call);
        assertThat(e.problem().status()).as(e.problem().toMessage()).isEqualTo(kind.status());
        assertThat(e.problem().code()).as(e.problem().toMessage()).isEqualTo(kind.code());
    }

    long count(String table) {
        String where = table.equals("audit_log") ? " WHERE id > " + auditFloor : "";
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table + where).mapTo(Long.class).one());
    }

    List<String> auditActions() {
        return jdbi.withHandle(h -> h.createQuery("SELECT action FROM audit_log WHERE action LIKE 'catalog.%' AND id > ? ORDER BY id")
                .bind(0, auditFloor).mapTo(String.class).list());
    }

    long lastSequence(TestDevice device) {
        return jdbi.withHandle(h -> h.createQuery("SELECT last_sequence FROM devices WHERE id = ?").bind(0, device.id())
                .mapTo(Long.class).one());
    }

    static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
