package org.workcell.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.workcell.server.api.Harness.ok;
import static org.workcell.server.api.Harness.problem;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.workcell.server.api.Harness.Response;
import org.workcell.server.testing.TestDatabase;

/**
 * Cloud users sign in from a browser: a password the admin sets, a PIN the user chooses when the
 * policy asks for one, lockouts for both, and a session cookie that works only for its user and
 * only from the server's own pages.
 */
class ApiCloudLoginTest {
    @RegisterExtension
    static final Servers servers = new Servers();

    private static final String PASSWORD = "correct horse battery";

    private static Response login(Harness h, Map<String, String> body) {
        return h.sendWithHeaders("POST", "/api/v1/cloud/login", Map.of(), Harness.JSON_TYPE,
                HttpRequest.BodyPublishers.ofByteArray(Harness.jsonBytes(body)));
    }

    private static Response login(Harness h, String user, String password, String pin, String newPin) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("user", user);
        body.put("password", password);
        if (pin != null) {
            body.put("pin", pin);
        }
        if (newPin != null) {
            body.put("newPin", newPin);
        }
        return login(h, body);
    }

    /** The session cookie's value from a sign-in answer, after checking how it is set. */
    private static String cookie(Response r) {
        String header = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(header).startsWith("workcell_session=wcu_").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict")
                .contains("Path=/");
        return header.substring("workcell_session=".length(), header.indexOf(';'));
    }

    private static Response asUser(Harness h, String method, String path, String cookie, boolean sameOrigin) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cookie", "workcell_session=" + cookie);
        if (sameOrigin) {
            URI url = URI.create(h.server.url());
            headers.put("Origin", url.getScheme() + "://" + url.getAuthority());
        }
        return h.sendWithHeaders(method, path, headers, null, null);
    }

    private static String userWithPassword(Harness h, String group) {
        String user = h.createUser(group);
        assertThat(h.send("PUT", "/api/v1/users/" + user + "/password", h.adminToken(), Harness.JSON_TYPE,
                Harness.jsonBytes(Map.of("password", PASSWORD))).status()).isEqualTo(204);
        return user;
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void aUserChoosesAPinAtTheFirstSignInAndThenNeedsItEveryTime(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        h.clock.advance(Duration.ofMinutes(2)); // a fresh minute for the per-address sign-in limit
        String user = userWithPassword(h, h.createGroup()); // a new group's policy asks for a PIN of 6 digits

        JsonNode ask = problem(login(h, user, PASSWORD, null, null), 400, "invalid-request");
        assertThat(ask.toString()).contains("newPin");
        problem(login(h, user, PASSWORD, null, "12ab56"), 400, "invalid-request");
        problem(login(h, user, PASSWORD, null, "123"), 400, "invalid-request");
        Response first = login(h, user, PASSWORD, null, "246810");
        JsonNode me = ok(first, 200);
        assertThat(me.path("user").asText()).isEqualTo(user);
        String session = cookie(first);
        assertThat(ok(asUser(h, "GET", "/api/v1/cloud/me", session, false), 200).path("user").asText()).isEqualTo(user);

        JsonNode needPin = problem(login(h, user, PASSWORD, null, null), 400, "invalid-request");
        assertThat(needPin.toString()).contains("\"pin\"");
        problem(login(h, user, PASSWORD, "135791", null), 401, "bad-credentials");
        Response again = login(h, user, PASSWORD, "246810", null);
        ok(again, 200);
        assertThat(cookie(again)).isNotEqualTo(session);
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void wrongPasswordsLockTheAccountForAWhileAndUnknownUsersLookTheSame(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        h.clock.advance(Duration.ofMinutes(2)); // a fresh minute for the per-address sign-in limit
        String user = userWithPassword(h, h.createGroup());
        JsonNode unknown = problem(login(h, "nobody-" + user, PASSWORD, null, null), 401, "bad-credentials");
        JsonNode wrong = problem(login(h, user, "not the password", null, null), 401, "bad-credentials");
        assertThat(unknown.path("detail")).isEqualTo(wrong.path("detail"));
        for (int i = 1; i < 5; i++) {
            problem(login(h, user, "not the password " + i, null, null), 401, "bad-credentials");
        }
        problem(login(h, user, PASSWORD, null, "246810"), 423, "account-locked");
        h.clock.advance(Duration.ofMinutes(16));
        ok(login(h, user, PASSWORD, null, "246810"), 200);
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void tooManyWrongPinsLockUntilTheAdminResetsThePin(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        h.clock.advance(Duration.ofMinutes(2)); // a fresh minute for the per-address sign-in limit
        String group = h.createGroup();
        ok(h.patch("/api/v1/groups/" + group + "/policy", Map.of("pinMaxAttempts", 3)), 200);
        String user = userWithPassword(h, group);
        ok(login(h, user, PASSWORD, null, "246810"), 200);
        problem(login(h, user, PASSWORD, "000000", null), 401, "bad-credentials");
        problem(login(h, user, PASSWORD, "000001", null), 401, "bad-credentials");
        problem(login(h, user, PASSWORD, "000002", null), 423, "account-locked");
        problem(login(h, user, PASSWORD, "246810", null), 423, "account-locked");
        h.clock.advance(Duration.ofDays(2));
        problem(login(h, user, PASSWORD, "246810", null), 423, "account-locked");

        assertThat(h.send("POST", "/api/v1/users/" + user + "/pin-reset", h.adminToken(), null, (byte[]) null).status()).isEqualTo(204);
        problem(login(h, user, PASSWORD, "246810", null), 400, "invalid-request"); // the old PIN is gone: choose a new one
        ok(login(h, user, PASSWORD, null, "975310"), 200);
        List<String> actions = h.get("/api/v1/audit?action=user.").body().lines().toList();
        assertThat(String.join("\n", actions)).contains("user.pin-locked", "user.pin-reset", "user.pin-set");
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void aSessionEndsOnSignOutOnANewPasswordAndWhenItExpires(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        h.clock.advance(Duration.ofMinutes(2)); // a fresh minute for the per-address sign-in limit
        String group = h.createGroup();
        ok(h.patch("/api/v1/groups/" + group + "/policy", Map.of("pinRequired", false)), 200);
        String user = userWithPassword(h, group);

        String a = cookie(login(h, user, PASSWORD, null, null));
        var before = h.dump();
        problem(asUser(h, "POST", "/api/v1/cloud/logout", a, false), 403, "forbidden"); // not from the server's own page
        assertThat(h.dump()).isEqualTo(before);
        assertThat(asUser(h, "POST", "/api/v1/cloud/logout", a, true).status()).isEqualTo(204);
        problem(asUser(h, "GET", "/api/v1/cloud/me", a, false), 401, "unauthenticated");

        String b = cookie(login(h, user, PASSWORD, null, null));
        assertThat(h.send("PUT", "/api/v1/users/" + user + "/password", h.adminToken(), Harness.JSON_TYPE,
                Harness.jsonBytes(Map.of("password", PASSWORD + "!"))).status()).isEqualTo(204);
        problem(asUser(h, "GET", "/api/v1/cloud/me", b, false), 401, "unauthenticated");

        String c = cookie(login(h, user, PASSWORD + "!", null, null));
        ok(asUser(h, "GET", "/api/v1/cloud/me", c, false), 200);
        h.clock.advance(Duration.ofHours(12).plusMinutes(1));
        problem(asUser(h, "GET", "/api/v1/cloud/me", c, false), 401, "unauthenticated");
        // An admin's bearer token is no user session.
        problem(h.send("GET", "/api/v1/cloud/me", h.adminToken(), null, (byte[]) null), 401, "unauthenticated");
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void badPasswordsAndUnknownUsersAreRefusedWithAReason(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        h.clock.advance(Duration.ofMinutes(2)); // a fresh minute for the per-address sign-in limit
        String user = h.createUser(h.createGroup());
        var before = h.dump();
        for (String password : List.of("short", "x".repeat(257))) {
            problem(h.send("PUT", "/api/v1/users/" + user + "/password", h.adminToken(), Harness.JSON_TYPE,
                    Harness.jsonBytes(Map.of("password", password))), 400, "invalid-request");
        }
        problem(h.send("PUT", "/api/v1/users/nobody-here/password", h.adminToken(), Harness.JSON_TYPE,
                Harness.jsonBytes(Map.of("password", PASSWORD))), 404, "not-found");
        problem(h.send("POST", "/api/v1/users/" + user + "/pin-reset", h.adminToken(), null, (byte[]) null), 409, "conflict");
        problem(login(h, user, PASSWORD, null, null), 401, "bad-credentials"); // no password set: no sign-in
        problem(login(h, Map.of("user", user, "password", PASSWORD, "extra", "x")), 400, "invalid-request");
        assertThat(h.dump()).isEqualTo(before);
    }
}
