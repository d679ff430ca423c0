package org.workcell.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.workcell.server.api.Harness.ok;
import static org.workcell.server.api.Harness.problem;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.workcell.core.json.Json;
import org.workcell.server.api.Harness.Response;
import org.workcell.server.testing.TestDatabase;
import org.workcell.server.testing.TestServer;

/**
 * Admin routes need a live session of the right role: no token, a bad one or an expired one get
 * 401, an auditor gets 403 on every change and 200 on every read; repeated wrong passwords lock
 * an account for a while; unknown routes and methods are problems too.
 */
class ApiAuthTest {
    @RegisterExtension
    static final Servers servers = new Servers();

    /** An admin request: method, path and (for changes) a body an admin may send. */
    private record Call(String method, String path, Object body) {
        Response send(Harness h, String authorization) {
            return h.send(method, path, authorization, body == null ? null : Harness.JSON_TYPE, body == null ? null : Harness.jsonBytes(body));
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** Every route that changes something, each with a request that an admin could make as it is. */
    private static List<Call> mutating(Harness h) {
        String group = h.createGroup();
        String emptyGroup = h.createGroup();
        String user = h.createUser(group);
        String spareUser = h.createUser(group);
        String device = h.enroll(h.createCode(user)).id();
        List<Call> calls = new ArrayList<>(List.of(
                new Call("POST", "/api/v1/groups", Map.of("name", h.name("g"))),
                new Call("PATCH", "/api/v1/groups/" + group, Map.of("description", "changed")),
                new Call("PATCH", "/api/v1/groups/" + group + "/policy", Map.of("leaseInterval", "20m")),
                new Call("POST", "/api/v1/users", Map.of("name", h.name("u"), "group", group)),
                new Call("PATCH", "/api/v1/users/" + user, Map.of("displayName", "Changed")),
                new Call("POST", "/api/v1/users/" + user + "/enrollment-codes", Map.of("validFor", "1h")),
                new Call("POST", "/api/v1/users/" + user + "/enrollment-codes", null),
                new Call("POST", "/api/v1/admins", Map.of("name", h.name("adm"), "password", "a long enough password", "role", "admin"))));
        for (String type : List.of("lock", "checkin", "disable", "enable", "wipe", "retire")) {
            calls.add(new Call("POST", "/api/v1/devices/" + device + "/commands", Map.of("type", type)));
        }
        calls.add(new Call("DELETE", "/api/v1/users/" + spareUser, null));
        calls.add(new Call("DELETE", "/api/v1/groups/" + emptyGroup, null));
        return calls;
    }

    /** Every read, for a group, user and device that exist. */
    private static List<Call> reads(Harness h) {
        String group = h.sharedGroup();
        String user = h.sharedUser();
        String device = h.newDevice().id();
        return List.of(
                new Call("GET", "/api/v1/groups", null),
                new Call("GET", "/api/v1/groups/" + group, null),
                new Call("GET", "/api/v1/groups/" + group + "/policy", null),
                new Call("GET", "/api/v1/groups/" + group + "/policy/history", null),
                new Call("GET", "/api/v1/users", null),
                new Call("GET", "/api/v1/users?group=" + group, null),
                new Call("GET", "/api/v1/users/" + user, null),
                new Call("GET", "/api/v1/devices", null),
                new Call("GET", "/api/v1/devices?state=enrolled", null),
                new Call("GET", "/api/v1/devices/" + device, null),
                new Call("GET", "/api/v1/audit", null),
                new Call("GET", "/api/v1/audit?action=device.", null),
                new Call("GET", "/api/v1/admins", null),
                new Call("GET", "/api/v1/auth/me", null),
                new Call("GET", "/metrics", null));
    }

    private static void unauthenticated(Response r) {
        problem(r, 401, "unauthenticated");
        assertThat(r.headers().firstValue("WWW-Authenticate")).as("%s", r).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void missingAuthorizationIsRefused(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        List<Call> calls = new ArrayList<>(mutating(h));
        calls.addAll(reads(h));
        calls.add(new Call("POST", "/api/v1/auth/logout", null));
        var before = h.dump();
        for (Call call : calls) {
            unauthenticated(call.send(h, null));
        }
        assertThat(h.dump()).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void badTokensAreRefused(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        List<Call> calls = new ArrayList<>(mutating(h));
        calls.addAll(reads(h));
        String real = h.adminToken();
        List<String> bad = List.of("Bearer nonsense", "Bearer wcs_" + "A".repeat(43), "Bearer " + real + "x", "Bearer " + real.substring(0, real.length() - 1),
                "Bearer wcs_" + "A".repeat(100), "Bearer ' OR 1=1 --", "Basic YWRtaW46Y29ycmVjdCBob3JzZQ==", "Workcell-Device " + real,
                "Token " + real, real);
        var before = h.dump();
        for (Call call : calls) {
            for (String authorization : bad) {
                Response r = call.send(h, authorization.contains(" ") ? authorization : "X " + authorization);
                unauthenticated(r);
            }
        }
        assertThat(h.dump()).isEqualTo(before);
    }

    /**
     * Routes open without a session: health, the API description, sign-in, enrolment and its landing
     * page, the thin client's page, and what devices sign themselves.
     */
    private static boolean open(String route) {
        String path = route.substring(route.indexOf(' ') + 1);
        return path.startsWith("/api/v1/device/") || List.of("GET /healthz", "GET /api/v1/openapi.json", "POST /api/v1/auth/login",
                "POST /api/v1/enroll", "GET /enroll", "POST /api/v1/cloud/login", "GET /app", "GET /app/{file}").contains(route);
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void everyRouteTheServerAnswersIsGuarded(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        String auditor = h.auditorToken();
        List<String> routes = h.server.server().routes();
        assertThat(routes).contains("POST /api/v1/groups", "DELETE /api/v1/users/{user}", "POST /api/v1/devices/{id}/commands");
        var before = h.dump();
        int changes = 0;
        for (String route : routes) {
            if (open(route)) {
                continue;
            }
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "x1");
            if (path.startsWith("/api/v1/cloud/")) {
                // A cloud user's routes take only the user's session cookie: no admin token opens them.
                problem(h.send(method, path, null, Harness.JSON_TYPE, "{}"), 401, "unauthenticated");
                problem(h.send(method, path, auditor, Harness.JSON_TYPE, "{}"), 401, "unauthenticated");
                continue;
            }
            Response anonymous = h.send(method, path, null, Harness.JSON_TYPE, "{}");
            assertThat(anonymous.status()).as("%s without a session: %s", route, anonymous).isEqualTo(401);
            unauthenticated(anonymous);
            if (route.equals("POST /api/v1/auth/logout")) {
                continue; // any account may end its own session
            }
            Response r = h.send(method, path, auditor, Harness.JSON_TYPE, "{}");
            if (method.equals("GET")) {
                assertThat(r.status()).as("%s as auditor: %s", route, r).isNotIn(401, 403);
            } else {
                assertThat(r.status()).as("%s as auditor: %s", route, r).isEqualTo(403);
                problem(r, 403, "forbidden");
                changes++;
            }
        }
        assertThat(changes).isGreaterThanOrEqualTo(10);
        assertThat(h.dump()).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void expiredSessionIsRefused(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        h.adminToken();
        String token = ok(h.login("admin", TestServer.ADMIN_PASSWORD), 200).path("token").asText();
        ok(h.send("GET", "/api/v1/auth/me", token, null, (byte[]) null), 200);
        h.clock.advance(Duration.ofHours(12).minusMinutes(1));
        ok(h.send("GET", "/api/v1/auth/me", token, null, (byte[]) null), 200);
        h.clock.advance(Duration.ofMinutes(1));
        var before = h.dump();
        unauthenticated(h.send("GET", "/api/v1/auth/me", token, null, (byte[]) null));
        unauthenticated(h.send("GET", "/api/v1/groups", token, null, (byte[]) null));
        unauthenticated(h.send("POST", "/api/v1/groups", token, Harness.JSON_TYPE, Json.write(Map.of("name", h.name("g")))));
        assertThat(h.dump()).isEqualTo(before);
        h.clock.advance(Duration.ofDays(30));
        unauthenticated(h.send("GET", "/api/v1/groups", token, null, (byte[]) null));
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void loggedOutSessionIsRefused(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        String token = ok(h.login("admin", TestServer.ADMIN_PASSWORD), 200).path("token").asText();
        assertThat(h.send("POST", "/api/v1/auth/logout", token, null, (byte[]) null).status()).isEqualTo(204);
        var before = h.dump();
        unauthenticated(h.send("GET", "/api/v1/auth/me", token, null, (byte[]) null));
        unauthenticated(h.send("POST", "/api/v1/auth/logout", token, null, (byte[]) null));
        assertThat(h.dump()).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void auditorMayReadButNotChange(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        String auditor = h.auditorToken();
        assertThat(ok(h.send("GET", "/api/v1/auth/me", auditor, null, (byte[]) null), 200).path("role").asText()).isEqualTo("auditor");
        List<Call> changes = mutating(h);
        List<Call> reads = reads(h);
        var before = h.dump();
        for (Call call : changes) {
            problem(call.send(h, auditor), 403, "forbidden");
            // Whatever the body: the role is checked before the request is read.
            problem(h.send(call.method(), call.path(), auditor, Harness.JSON_TYPE, "{not json"), 403, "forbidden");
        }
        for (Call call : reads) {
            Response r = call.send(h, auditor);
            assertThat(r.status()).as("%s: %s", call, r).isEqualTo(200);
        }
        assertThat(h.dump()).isEqualTo(before);
        // Each refused change was one the admin may make.
        for (Call call : changes) {
            Response r = call.send(h, h.adminToken());
            assertThat(r.status()).as("%s as admin: %s", call, r).isBetween(200, 204);
        }
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void wrongPasswordsLockTheAccountForFifteenMinutes(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        h.clock.advance(Duration.ofMinutes(1)); // a fresh minute for the per-address limit
        String name = h.name("locky");
        String password = "the right password " + name;
        ok(h.post("/api/v1/admins", Map.of("name", name, "password", password)), 201);

        // Four wrong, then right: no lock, and the count starts again.
        for (int i = 0; i < 4; i++) {
            problem(h.login(name, "wrong password " + i), 401, "bad-credentials");
        }
        ok(h.login(name, password), 200);
        for (int i = 0; i < 4; i++) {
            problem(h.login(name, "wrong password " + i), 401, "bad-credentials");
        }
        problem(h.login(name, "the fifth wrong password"), 401, "bad-credentials");

        // Locked: even the right password is refused, as is another wrong one.
        JsonNode locked = problem(h.login(name, password), 423, "account-locked");
        assertThat(locked.path("detail").asText()).contains(name);
        problem(h.login(name, "yet another wrong one"), 423, "account-locked");
        h.clock.advance(Duration.ofMinutes(14));
        problem(h.login(name, password), 423, "account-locked");
        // Fifteen minutes after the fifth failure it opens again.
        h.clock.advance(Duration.ofMinutes(1));
        String token = ok(h.login(name, password), 200).path("token").asText();
        ok(h.send("GET", "/api/v1/auth/me", token, null, (byte[]) null), 200);
        // The lock was this account's alone.
        ok(h.login("admin", TestServer.ADMIN_PASSWORD), 200);
        // The audit log tells the story.
        JsonNode entries = ok(h.get("/api/v1/audit?actor=" + name + "&limit=100"), 200).path("items");
        List<String> actions = new ArrayList<>();
        entries.forEach(e -> actions.add(e.path("action").asText()));
        assertThat(actions).contains("admin.locked", "admin.login-failed", "admin.login");
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void badCredentialsSayTheSameForUnknownUsers(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        h.clock.advance(Duration.ofMinutes(1));
        JsonNode unknown = problem(h.login("no-such-admin", "whatever password"), 401, "bad-credentials");
        JsonNode wrong = problem(h.login("admin", "whatever password"), 401, "bad-credentials");
        assertThat(unknown.path("detail")).isEqualTo(wrong.path("detail"));
        ok(h.login("admin", TestServer.ADMIN_PASSWORD), 200); // resets the admin's count
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void oneAddressCannotGuessAtSpeed(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        h.adminToken();
        h.clock.advance(Duration.ofMinutes(1));
        Response last = null;
        int refused = 0;
        for (int i = 0; i < 32; i++) {
            last = h.login("guess-" + i, "guess password " + i);
            if (last.status() == 429) {
                refused++;
            } else {
                problem(last, 401, "bad-credentials");
            }
        }
        assertThat(refused).isPositive();
        problem(last, 429, "too-many-requests");
        problem(h.login("admin", TestServer.ADMIN_PASSWORD), 429, "too-many-requests");
        h.clock.advance(Duration.ofMinutes(1));
        ok(h.login("admin", TestServer.ADMIN_PASSWORD), 200);
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void unknownRoutesAndMethodsAreProblems(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        String token = h.adminToken();
        var before = h.dump();
        for (String path : List.of("/api/v1/nope", "/api/v2/groups", "/nope", "/api/v1/groups/a/b/c", "/api/v1/devices/x/y", "/api")) {
            for (String authorization : new String[] {null, token}) {
                problem(h.send("GET", path, authorization, null, (byte[]) null), 404, "not-found");
                problem(h.send("POST", path, authorization, Harness.JSON_TYPE, "{}"), 404, "not-found");
            }
        }
        for (String[] call : List.of(new String[] {"PUT", "/api/v1/groups"}, new String[] {"DELETE", "/api/v1/audit"},
                new String[] {"GET", "/api/v1/enroll"}, new String[] {"PUT", "/api/v1/device/checkin"},
                new String[] {"GET", "/api/v1/auth/login"}, new String[] {"PATCH", "/api/v1/devices"},
                new String[] {"DELETE", "/api/v1/devices/00000000-0000-0000-0000-000000000000"}, new String[] {"POST", "/healthz"},
                new String[] {"TRACE", "/api/v1/groups"})) {
            Response r = h.send(call[0], call[1], token, Harness.JSON_TYPE, "{}");
            assertThat(r.status()).as("%s %s: %s", call[0], call[1], r).isIn(404, 405);
            problem(r, r.status(), r.status() == 404 ? "not-found" : "method-not-allowed");
        }
        assertThat(h.dump()).isEqualTo(before);
    }
}
