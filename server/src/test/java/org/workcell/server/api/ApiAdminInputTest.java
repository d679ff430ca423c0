package org.workcell.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.workcell.server.api.Harness.ok;
import static org.workcell.server.api.Harness.problem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.workcell.core.json.Json;
import org.workcell.server.api.Harness.Response;
import org.workcell.server.testing.TestDatabase;

/**
 * The admin API reads JSON strictly: malformed, unknown-field, oversized and mistyped bodies, bad
 * names and bad values are refused with a problem that says what is wrong, and change nothing;
 * text that looks like an attack is stored and returned as it was sent, never run.
 */
class ApiAdminInputTest {
    @RegisterExtension
    static final Servers servers = new Servers();

    /** Things that exist on each server for the endpoints below to act on. */
    private record Targets(String group, String user, String device) {}

    private static final Map<TestDatabase.Kind, Targets> TARGETS = new EnumMap<>(TestDatabase.Kind.class);

    private static Targets targets(Harness h) {
        return TARGETS.computeIfAbsent(h.kind, k -> {
            String group = h.createGroup();
            String user = h.createUser(group);
            return new Targets(group, user, h.enroll(h.createCode(user)).id());
        });
    }

    /** An admin endpoint that takes a JSON body, and a body it accepts. */
    private record Endpoint(String label, String method, Function<Targets, String> path, Function<Harness, Map<String, Object>> valid,
                            int created, boolean needsAuth) {
        @Override
        public String toString() {
            return label;
        }
    }

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST groups", "POST", t -> "/api/v1/groups", h -> Map.of("name", h.name("g")), 201, true),
            new Endpoint("PATCH group", "PATCH", t -> "/api/v1/groups/" + t.group(), h -> Map.of("description", "updated"), 200, true),
            new Endpoint("PATCH policy", "PATCH", t -> "/api/v1/groups/" + t.group() + "/policy",
                    h -> Map.of("leaseInterval", "20m"), 200, true),
            new Endpoint("POST users", "POST", t -> "/api/v1/users",
                    h -> Map.of("name", h.name("u"), "group", targets(h).group()), 201, true),
            new Endpoint("PATCH user", "PATCH", t -> "/api/v1/users/" + t.user(), h -> Map.of("displayName", "Someone"), 200, true),
            new Endpoint("POST enrollment-codes", "POST", t -> "/api/v1/users/" + t.user() + "/enrollment-codes",
                    h -> Map.of("validFor", "1d"), 201, true),
            new Endpoint("POST device command", "POST", t -> "/api/v1/devices/" + t.device() + "/commands",
                    h -> Map.of("type", "lock"), 202, true),
            new Endpoint("POST admins", "POST", t -> "/api/v1/admins",
                    h -> Map.of("name", h.name("adm"), "password", "a long enough password", "role", "auditor"), 201, true),
            new Endpoint("POST login", "POST", t -> "/api/v1/auth/login",
                    h -> Map.of("user", "admin", "password", org.workcell.server.testing.TestServer.ADMIN_PASSWORD), 200, false));

    static Stream<Arguments> kindsAndEndpoints() {
        return TestDatabase.kinds().stream().flatMap(k -> ENDPOINTS.stream().map(e -> Arguments.of(k, e)));
    }

    private static Response send(Harness h, Endpoint e, String contentType, byte[] body) {
        return h.send(e.method(), e.path().apply(targets(h)), e.needsAuth() ? h.adminToken() : null, contentType, body);
    }

    private static Response send(Harness h, Endpoint e, String body) {
        return send(h, e, Harness.JSON_TYPE, body.getBytes(StandardCharsets.UTF_8));
    }

    /** After a refused request, a valid one still works: the refusal was about the input. */
    private static void validStillWorks(Harness h, Endpoint e) {
        Response r = send(h, e, Harness.JSON_TYPE, Json.write(e.valid().apply(h)));
        assertThat(r.status()).as("%s with a valid body: %s", e, r).isEqualTo(e.created());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kindsAndEndpoints")
    void malformedJsonIsRefused(TestDatabase.Kind kind, Endpoint e) {
        Harness h = servers.get(kind);
        targets(h);
        Map<String, Object> valid = e.valid().apply(h);
        var first = valid.entrySet().iterator().next();
        String value = Json.writeString(first.getValue());
        List<String> bodies = new ArrayList<>(List.of("{", "}", "[]", "null", "nul", "{\"" + first.getKey() + "\":}",
                "{'" + first.getKey() + "':" + value + "}", "{\"" + first.getKey() + "\":" + value + "}{}",
                "{\"" + first.getKey() + "\":" + value + ",\"" + first.getKey() + "\":" + value + "}",
                "{\"" + first.getKey() + "\":" + value + ",}", "{\"" + first.getKey() + "\":{\"nested\":[1,2]}}",
                "\u00ff\u00fe{}", "[".repeat(100) + "]".repeat(100)));
        if (!e.label().equals("POST enrollment-codes")) {
            bodies.add(""); // that endpoint takes no body at all as "the defaults"
        }
        var before = h.dump();
        for (String body : bodies) {
            Response r = send(h, e, body);
            problem(r, 400, "malformed-json");
        }
        assertThat(h.dump()).isEqualTo(before);
        validStillWorks(h, e);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kindsAndEndpoints")
    void unknownFieldIsRefusedByName(TestDatabase.Kind kind, Endpoint e) {
        Harness h = servers.get(kind);
        targets(h);
        var before = h.dump();
        for (String field : List.of("isAdmin", "id", "createdAt", "passwordHash")) {
            Map<String, Object> body = new LinkedHashMap<>(e.valid().apply(h));
            body.put(field, true);
            JsonNode p = problem(send(h, e, Harness.JSON_TYPE, Json.write(body)), 400, "invalid-request");
            assertThat(p.path("detail").asText()).contains("'" + field + "'");
            assertThat(p.path("errors").get(0).path("field").asText()).isEqualTo(field);
        }
        assertThat(h.dump()).isEqualTo(before);
        validStillWorks(h, e);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kindsAndEndpoints")
    void oversizedBodyIsRefused(TestDatabase.Kind kind, Endpoint e) {
        Harness h = servers.get(kind);
        targets(h);
        ObjectNode body = Json.MAPPER.valueToTree(e.valid().apply(h));
        body.put("padding", "p".repeat(65 * 1024));
        byte[] big = Json.write(body);
        assertThat(big.length).isGreaterThan(64 * 1024);
        var before = h.dump();
        problem(send(h, e, Harness.JSON_TYPE, big), 413, "payload-too-large");
        // Without a declared length (chunked) the server counts as it reads.
        problem(h.send(e.method(), e.path().apply(targets(h)), e.needsAuth() ? h.adminToken() : null, Harness.JSON_TYPE,
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))), 413, "payload-too-large");
        assertThat(h.dump()).isEqualTo(before);
        validStillWorks(h, e);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kindsAndEndpoints")
    void wrongContentTypeIsRefused(TestDatabase.Kind kind, Endpoint e) {
        Harness h = servers.get(kind);
        targets(h);
        byte[] body = Json.write(e.valid().apply(h));
        var before = h.dump();
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded", "application/jose",
                "application/problem+json")) {
            problem(send(h, e, type, body), 415, "unsupported-media-type");
        }
        problem(send(h, e, null, body), 415, "unsupported-media-type");
        assertThat(h.dump()).isEqualTo(before);
        validStillWorks(h, e);
    }

    // ---- names ---------------------------------------------------------------------------------

    static final List<String> BAD_NAMES = List.of("Upper", "UPPER", "has space", "a".repeat(65), "../x", "..", "a;DROP TABLE users",
            "", " ", "-lead", ".hidden", "_under", "naïve", "a/b", "a\\b", "a\u0000b", "%00", "' OR 1=1 --", "<script>", "a\nb", "tab\t");

    static Stream<Arguments> kindsAndBadNames() {
        return TestDatabase.kinds().stream().flatMap(k -> BAD_NAMES.stream().map(n -> Arguments.of(k, n)));
    }

    @ParameterizedTest(name = "{0} \"{1}\"")
    @MethodSource("kindsAndBadNames")
    void invalidNamesCreateNothing(TestDatabase.Kind kind, String bad) {
        Harness h = servers.get(kind);
        Targets t = targets(h);
        var before = h.dump();
        fieldError(h.post("/api/v1/groups", Map.of("name", bad)), "name");
        fieldError(h.post("/api/v1/users", Map.of("name", bad, "group", t.group())), "name");
        fieldError(h.post("/api/v1/users", Map.of("name", h.name("u"), "group", bad)), "group");
        fieldError(h.post("/api/v1/admins", Map.of("name", bad, "password", "a long enough password", "role", "auditor")), "name");
        fieldError(h.patch("/api/v1/users/" + t.user(), Map.of("group", bad)), "group");
        fieldError(h.send("POST", "/api/v1/auth/login", null, Harness.JSON_TYPE, Json.write(Map.of("user", bad, "password", "whatever it is"))),
                "user");
        // The same names in paths and query parameters.
        if (!bad.isEmpty() && !bad.isBlank()) {
            String encoded = URLEncoder.encode(bad, StandardCharsets.UTF_8).replace("+", "%20");
            pathRefused(h.get("/api/v1/groups/" + encoded));
            pathRefused(h.patch("/api/v1/groups/" + encoded, Map.of("description", "x")));
            pathRefused(h.delete("/api/v1/groups/" + encoded));
            pathRefused(h.get("/api/v1/groups/" + encoded + "/policy"));
            pathRefused(h.patch("/api/v1/groups/" + encoded + "/policy", Map.of("leaseInterval", "20m")));
            pathRefused(h.get("/api/v1/users/" + encoded));
            pathRefused(h.patch("/api/v1/users/" + encoded, Map.of("displayName", "x")));
            pathRefused(h.delete("/api/v1/users/" + encoded));
            pathRefused(h.send("POST", "/api/v1/users/" + encoded + "/enrollment-codes", h.adminToken(), null, (byte[]) null));
            pathRefused(h.post("/api/v1/devices/" + encoded + "/commands", Map.of("type", "wipe")));
            fieldError(h.get("/api/v1/users?group=" + encoded), "group");
            fieldError(h.get("/api/v1/users?after=" + encoded), "after");
            fieldError(h.get("/api/v1/devices?user=" + encoded), "user");
            fieldError(h.get("/api/v1/devices?group=" + encoded), "group");
        }
        assertThat(h.dump()).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void longestNameIsFine(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        String name = (h.name("g") + "-" + "x".repeat(64)).substring(0, 64);
        ok(h.post("/api/v1/groups", Map.of("name", name)), 201);
        assertThat(ok(h.get("/api/v1/groups/" + name), 200).path("name").asText()).isEqualTo(name);
    }

    private static void fieldError(Response r, String field) {
        JsonNode p = problem(r, 400, "invalid-request");
        assertThat(p.path("errors").get(0).path("field").asText()).as("%s", r).isEqualTo(field);
    }

    /** A bad name in a path: refused as invalid, or (where it splits the path) as no such endpoint. */
    private static void pathRefused(Response r) {
        assertThat(r.status()).as("%s", r).isIn(400, 404);
        problem(r, r.status());
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void requestsRefusedBeforeAnyRouteAreProblemsToo(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        var before = h.dump();
        // Characters no path may hold, a request line too long, headers too big.
        for (String path : List.of("/api/v1/groups/a%00b", "/api/v1/users/%00", "/api/v1/devices/%00/commands")) {
            problem(h.get(path), 400, "invalid-request");
        }
        Response longUri = h.get("/api/v1/groups?q=" + "x".repeat(16 * 1024));
        assertThat(longUri.status()).as("%s", longUri).isBetween(400, 499);
        problem(longUri, longUri.status());
        Response bigHeader = h.send("GET", "/api/v1/groups", "Bearer " + h.adminToken() + " " + "y".repeat(16 * 1024), null, (byte[]) null);
        assertThat(bigHeader.status()).as("%s", bigHeader).isBetween(400, 499);
        problem(bigHeader, bigHeader.status());
        assertThat(h.dump()).isEqualTo(before);
    }

    // ---- values ----------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void invalidValuesAreRefusedAndChangeNothing(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        Targets t = targets(h);
        String group = "/api/v1/groups/" + t.group();
        long policyVersion = ok(h.get(group + "/policy"), 200).path("version").asLong();
        var before = h.dump();
        // Policies: each bad value named.
        Map<Map<String, Object>, String> policies = new LinkedHashMap<>();
        policies.put(Map.of("leaseInterval", "1s"), "leaseInterval");
        policies.put(Map.of("leaseInterval", "banana"), "leaseInterval");
        policies.put(Map.of("disableAfter", "-PT1H"), "disableAfter");
        policies.put(Map.of("wipeAfter", "1h"), "wipeAfter");
        policies.put(Map.of("wipeAfter", "999d"), "wipeAfter");
        policies.put(Map.of("pinMinLength", 2), "pinMinLength");
        policies.put(Map.of("pinMaxAttempts", 1000), "pinMaxAttempts");
        policies.put(Map.of("lockAfterIdle", "2d"), "lockAfterIdle");
        policies.put(Map.of("leaseInterval", "P" + "9".repeat(40) + "D"), "leaseInterval");
        for (var p : policies.entrySet()) {
            fieldError(h.patch(group + "/policy", p.getKey()), p.getValue());
        }
        for (String body : List.of("{\"pinMaxAttempts\":\"ten\"}", "{\"pinRequired\":\"yes\"}", "{\"pinMinLength\":1e400}",
                "{\"pinMinLength\":99999999999999999999}")) {
            problem(h.patch(group + "/policy", body), 400);
        }
        // Groups: images.
        fieldError(h.post("/api/v1/groups", Map.of("name", h.name("g"), "imageName", "../../etc/passwd")), "imageName");
        fieldError(h.post("/api/v1/groups", Map.of("name", h.name("g"), "imageVersion", "1.0; rm -rf /")), "imageVersion");
        fieldError(h.patch(group, Map.of("imageName", "Image")), "imageName");
        fieldError(h.patch(group, Map.of("imageVersion", "")), "imageVersion");
        fieldError(h.patch(group, Map.of("description", "d".repeat(501))), "description");
        fieldError(h.patch(group, Map.of("description", "bell\u0007")), "description");
        fieldError(h.post("/api/v1/groups", Map.of("name", h.name("g"), "description", "nul\u0000")), "description");
        // Users: e-mail and display names.
        for (String email : List.of("not-an-email", "' OR 1=1 --", "a@b", "two@@example.com", "sp ace@example.com", "x".repeat(255))) {
            fieldError(h.post("/api/v1/users", Map.of("name", h.name("u"), "group", t.group(), "email", email)), "email");
            fieldError(h.patch("/api/v1/users/" + t.user(), Map.of("email", email)), "email");
        }
        fieldError(h.post("/api/v1/users", Map.of("name", h.name("u"), "group", t.group(), "displayName", "x".repeat(201))), "displayName");
        fieldError(h.patch("/api/v1/users/" + t.user(), Map.of("displayName", "line\nbreak")), "displayName");
        // Enrolment codes: validity.
        for (String validFor : List.of("0s", "59s", "31d", "banana", "-1d", "P-1D", "1y", "9".repeat(41))) {
            fieldError(h.post("/api/v1/users/" + t.user() + "/enrollment-codes", Map.of("validFor", validFor)), "validFor");
        }
        // Admins: passwords and roles.
        fieldError(h.post("/api/v1/admins", Map.of("name", h.name("a"), "password", "short")), "password");
        fieldError(h.post("/api/v1/admins", Map.of("name", h.name("a"), "password", "p".repeat(257))), "password");
        fieldError(h.post("/api/v1/admins", Map.of("name", h.name("a"), "password", "a long enough password", "role", "root")), "role");
        fieldError(h.post("/api/v1/admins", Map.of("name", h.name("a"))), "password");
        // Required fields.
        fieldError(h.post("/api/v1/groups", Map.of()), "name");
        fieldError(h.post("/api/v1/users", Map.of("name", h.name("u"))), "group");
        fieldError(h.post("/api/v1/devices/" + t.device() + "/commands", Map.of()), "type");
        fieldError(h.send("POST", "/api/v1/auth/login", null, Harness.JSON_TYPE, "{\"user\":\"admin\"}"), "password");
        // Things that clash with what exists, or do not exist.
        problem(h.post("/api/v1/groups", Map.of("name", t.group())), 409, "conflict");
        problem(h.post("/api/v1/users", Map.of("name", t.user(), "group", t.group())), 409, "conflict");
        problem(h.post("/api/v1/admins", Map.of("name", "admin", "password", "a long enough password")), 409, "conflict");
        problem(h.delete(group), 409, "conflict");
        problem(h.post("/api/v1/users", Map.of("name", h.name("u"), "group", "no-such-group")), 404, "not-found");
        problem(h.patch("/api/v1/users/" + t.user(), Map.of("group", "no-such-group")), 404, "not-found");
        problem(h.get("/api/v1/groups/no-such-group"), 404, "not-found");
        problem(h.patch("/api/v1/groups/no-such-group", Map.of("description", "x")), 404, "not-found");
        problem(h.patch("/api/v1/groups/no-such-group/policy", Map.of("leaseInterval", "20m")), 404, "not-found");
        problem(h.delete("/api/v1/groups/no-such-group"), 404, "not-found");
        problem(h.delete("/api/v1/users/no-such-user"), 404, "not-found");
        problem(h.send("POST", "/api/v1/users/no-such-user/enrollment-codes", h.adminToken(), null, (byte[]) null), 404, "not-found");
        problem(h.get("/api/v1/devices/00000000-0000-0000-0000-000000000000"), 404, "not-found");
        problem(h.post("/api/v1/devices/00000000-0000-0000-0000-000000000000/commands", Map.of("type", "wipe")), 404, "not-found");
        fieldError(h.get("/api/v1/devices/not-a-uuid"), "id");
        fieldError(h.post("/api/v1/devices/not-a-uuid/commands", Map.of("type", "wipe")), "id");
        assertThat(h.dump()).isEqualTo(before);
        assertThat(ok(h.get(group + "/policy"), 200).path("version").asLong()).isEqualTo(policyVersion);
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void badQueryParametersAreRefused(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        targets(h);
        var before = h.dump();
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("/api/v1/audit?limit=0", "limit");
        cases.put("/api/v1/audit?limit=1001", "limit");
        cases.put("/api/v1/audit?limit=ten", "limit");
        cases.put("/api/v1/audit?limit=1%3BDROP%20TABLE%20audit_log", "limit");
        cases.put("/api/v1/users?limit=-1", "limit");
        cases.put("/api/v1/devices?limit=99999999999", "limit");
        cases.put("/api/v1/audit?since=yesterday", "since");
        cases.put("/api/v1/audit?until=%27%20OR%201%3D1%20--", "until");
        cases.put("/api/v1/audit?before=1%20OR%201%3D1", "before");
        cases.put("/api/v1/audit?actor=%00", "actor");
        cases.put("/api/v1/audit?action=a%0Ab", "action");
        cases.put("/api/v1/audit?targetId=" + "t".repeat(129), "targetId");
        cases.put("/api/v1/devices?state=%27%20OR%201%3D1%20--", "state");
        cases.put("/api/v1/devices?state=%00", "state");
        cases.put("/api/v1/devices?before=%27%3B--", "before");
        cases.put("/api/v1/groups/" + targets(h).group() + "/policy/history?limit=0", "limit");
        for (var c : cases.entrySet()) {
            fieldError(h.get(c.getKey()), c.getValue());
        }
        assertThat(h.dump()).isEqualTo(before);
    }

    // ---- text that looks like an attack ----------------------------------------------------------

    static final List<String> HOSTILE = List.of("' OR 1=1 --", "'; DROP TABLE business_groups; --", "Robert'); DROP TABLE users;--",
            "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "%00", "%27%20OR%201%3D1", "${jndi:ldap://evil/x}",
            "{{7*7}}", "\\x00\\n", "\\\"; }", "日本語 ✓ 🙂", "\t tab and trailing space ");

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void hostileTextIsStoredAndReturnedVerbatim(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        Targets t = targets(h);
        for (String text : HOSTILE) {
            var before = h.dump();
            String group = h.name("g");
            JsonNode created = ok(h.post("/api/v1/groups", Map.of("name", group, "description", text)), 201);
            assertThat(created.path("description").asText()).isEqualTo(text);
            assertThat(ok(h.get("/api/v1/groups/" + group), 200).path("description").asText()).isEqualTo(text);
            assertThat(listed(h, "/api/v1/groups", "name", group).path("description").asText()).isEqualTo(text);

            String user = h.name("u");
            JsonNode u = ok(h.post("/api/v1/users", Map.of("name", user, "group", group, "displayName", text)), 201);
            assertThat(u.path("displayName").asText()).isEqualTo(text);
            assertThat(ok(h.get("/api/v1/users/" + user), 200).path("displayName").asText()).isEqualTo(text);
            assertThat(listed(h, "/api/v1/users?group=" + group, "name", user).path("displayName").asText()).isEqualTo(text);

            // Added: the group with its first policy, the user, an audit entry each. Nothing else.
            assertOnlyAdded(before, h.dump(), Map.of("business_groups", 1, "group_policies", 1, "users", 1, "audit_log", 2));

            // Changed in place, the same.
            ok(h.patch("/api/v1/groups/" + t.group(), Map.of("description", text)), 200);
            assertThat(ok(h.get("/api/v1/groups/" + t.group()), 200).path("description").asText()).isEqualTo(text);
            ok(h.patch("/api/v1/users/" + t.user(), Map.of("displayName", text)), 200);
            assertThat(ok(h.get("/api/v1/users/" + t.user()), 200).path("displayName").asText()).isEqualTo(text);

            // As filters, they find nothing and break nothing.
            var quiet = h.dump();
            String q = URLEncoder.encode(text, StandardCharsets.UTF_8);
            for (String param : List.of("actor", "action", "targetType", "targetId")) {
                Response r = h.get("/api/v1/audit?" + param + "=" + q);
                if (r.status() == 200) {
                    assertThat(r.json().path("items")).as("%s=%s", param, text).isEmpty();
                } else {
                    problem(r, 400, "invalid-request"); // too long for the field, or control characters
                }
            }
            assertThat(h.dump()).isEqualTo(quiet);
        }
        // The tables the strings named are all still there, and the audit trail shows each string as sent.
        assertThat(h.count("SELECT COUNT(*) FROM users")).isPositive();
        assertThat(h.count("SELECT COUNT(*) FROM business_groups")).isPositive();
        JsonNode updates = ok(h.get("/api/v1/audit?action=group.update&targetId=" + t.group() + "&limit=1000"), 200).path("items");
        List<String> described = new ArrayList<>();
        updates.forEach(e -> described.add(e.path("after").path("description").asText()));
        assertThat(described).containsAll(HOSTILE);
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void hostileButValidEmailsAreStoredVerbatim(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        Targets t = targets(h);
        for (String email : List.of("o'reilly+<script>@example.com", "x'--@example.com", "%00@example.com", "a\"b@example.com",
                "';DROP_TABLE_users;--@example.com")) {
            String user = h.name("u");
            assertThat(ok(h.post("/api/v1/users", Map.of("name", user, "group", t.group(), "email", email)), 201).path("email").asText())
                    .isEqualTo(email);
            assertThat(ok(h.get("/api/v1/users/" + user), 200).path("email").asText()).isEqualTo(email);
        }
        assertThat(h.count("SELECT COUNT(*) FROM users")).isPositive();
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void controlCharactersAreRefusedNotStored(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        Targets t = targets(h);
        var before = h.dump();
        for (String text : List.of("nul\u0000byte", "escape\u001b[31m", "cr\rlf\n")) {
            fieldError(h.post("/api/v1/groups", Map.of("name", h.name("g"), "description", text)), "description");
            fieldError(h.post("/api/v1/users", Map.of("name", h.name("u"), "group", t.group(), "displayName", text)), "displayName");
            fieldError(h.post("/api/v1/users", Map.of("name", h.name("u"), "group", t.group(), "email", text + "@example.com")), "email");
            fieldError(h.patch("/api/v1/users/" + t.user(), Map.of("displayName", text)), "displayName");
        }
        assertThat(h.dump()).isEqualTo(before);
    }

    private static JsonNode listed(Harness h, String path, String key, String value) {
        for (JsonNode item : ok(h.get(path), 200).path("items")) {
            if (item.path(key).asText().equals(value)) {
                return item;
            }
        }
        throw new AssertionError(value + " is not listed by " + path);
    }

    /** {@code after} holds every row of {@code before}, plus exactly {@code added} more rows in the tables named. */
    static void assertOnlyAdded(Map<String, List<String>> before, Map<String, List<String>> after, Map<String, Integer> added) {
        assertThat(after.keySet()).isEqualTo(before.keySet());
        Map<String, Integer> actual = new HashMap<>();
        for (String table : before.keySet()) {
            assertThat(after.get(table)).as("rows of %s", table).containsAll(before.get(table));
            int n = after.get(table).size() - before.get(table).size();
            if (n != 0) {
                actual.put(table, n);
            }
        }
        assertThat(actual).isEqualTo(added);
    }
}
