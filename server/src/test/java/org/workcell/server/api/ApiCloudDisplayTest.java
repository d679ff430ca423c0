package org.workcell.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.workcell.channel.Touch;
import org.workcell.core.json.Json;
import org.workcell.display.ClientAck;
import org.workcell.display.ClientTouch;
import org.workcell.display.DisplayStatus;
import org.workcell.server.testing.TestDatabase;
import org.workcell.thinclient.DisplayBridge;
import org.workcell.thinclient.DisplayClient;

/**
 * The display socket end to end with a real phone in a real sandbox: a signed-in user sees their
 * own phone and uses it, a second window takes it over, an admin sees and ends sessions, bad input
 * ends only the connection that sent it, and a phone nobody watches stops after its group's idle timeout.
 */
class ApiCloudDisplayTest {
    private static final String PASSWORD = "correct horse battery";
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Rows below the status bar (its clock changes by the minute). */
    private static final int FIRST_STABLE_ROW = 64;
    /** The home screen's Notes tile on a 720 x 1560 phone. */
    private static final int NOTES_X = 442;
    private static final int NOTES_Y = 360;

    @TempDir
    static Path temp;
    private static Harness h;

    @BeforeAll
    static void start() throws IOException {
        // Phones run as users of their own and must pass through every folder above their data.
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwx--x--x"));
        h = Harness.start(TestDatabase.Kind.H2, temp, Map.of("cloud.sweep-interval", "PT0.2S"));
    }

    @AfterAll
    static void stop() {
        if (h != null) {
            h.close();
        }
    }

    private record Account(String user, String cookie) {}

    /** A user of a new group without a PIN (the PIN flow has its own tests), signed in. */
    private static Account signedIn(Map<String, Object> policy) {
        String group = h.createGroup();
        Map<String, Object> patch = new HashMap<>(policy);
        patch.put("pinRequired", false);
        assertThat(h.patch("/api/v1/groups/" + group + "/policy", patch).status()).isEqualTo(200);
        String user = h.createUser(group);
        assertThat(h.send("PUT", "/api/v1/users/" + user + "/password", h.adminToken(), Harness.JSON_TYPE,
                Harness.jsonBytes(Map.of("password", PASSWORD))).status()).isEqualTo(204);
        h.clock.advance(Duration.ofMinutes(2)); // a fresh minute for the per-address sign-in limit
        Harness.Response r = h.sendWithHeaders("POST", "/api/v1/cloud/login", Map.of(), Harness.JSON_TYPE,
                HttpRequest.BodyPublishers.ofByteArray(Harness.jsonBytes(Map.of("user", user, "password", PASSWORD))));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        String header = r.headers().firstValue("Set-Cookie").orElseThrow();
        return new Account(user, header.substring("workcell_session=".length(), header.indexOf(';')));
    }

    private static String origin() {
        URI url = URI.create(h.server.url());
        return url.getScheme() + "://" + url.getAuthority();
    }

    private static DisplayClient connect(Account a) throws IOException {
        return connect(Map.of("Cookie", "workcell_session=" + a.cookie(), "Origin", origin()));
    }

    private static DisplayClient connect(Map<String, String> headers) throws IOException {
        URI socket = URI.create(h.server.url().replace("http://", "ws://") + "/api/v1/cloud/display");
        return DisplayClient.connect(h.http, socket, headers, 1080, 2340);
    }

    private static int[] stableRows(DisplayClient c) {
        int[] screen = c.screen();
        return Arrays.copyOfRange(screen, FIRST_STABLE_ROW * c.width(), screen.length);
    }

    private static void tap(DisplayClient c, int x, int y) {
        c.send(new ClientTouch(Touch.Action.DOWN, 0, x, y));
        c.send(new ClientTouch(Touch.Action.UP, 0, x, y));
    }

    private static JsonNode sessions() {
        Harness.Response r = h.get("/api/v1/cloud-phones");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        try {
            return Json.MAPPER.readTree(r.body()).path("sessions");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode sessionOf(String user) {
        for (JsonNode s : sessions()) {
            if (s.path("user").asText().equals(user)) {
                return s;
            }
        }
        return null;
    }

    @Test
    void aSignedInUserSeesTheirOwnPhoneAndOpensAnAppWithATap() throws Exception {
        Account a = signedIn(Map.of("watermark", true));
        try (DisplayClient c = connect(a)) {
            c.await(x -> x.frames() >= 1, WAIT);
            assertThat(c.welcome().width()).isEqualTo(720);
            assertThat(c.welcome().height()).isEqualTo(1560);
            assertThat(c.welcome().watermark()).contains(a.user());
            int[] home = stableRows(c);
            assertThat(Arrays.stream(home).distinct().count()).as("a home screen, not a blank one").isGreaterThan(20);

            tap(c, NOTES_X, NOTES_Y);
            c.await(x -> !Arrays.equals(stableRows(x), home), WAIT);
            JsonNode session = sessionOf(a.user());
            assertThat(session.path("connected").asBoolean()).isTrue();
            assertThat(session.path("state").asText()).isEqualTo("running");
            assertThat(session.path("framesSent").asLong()).isGreaterThanOrEqualTo(2);
            assertThat(c.statuses()).extracting(s -> s.status()).containsOnly(DisplayStatus.STARTING);
        }
    }

    @Test
    void aSecondWindowTakesThePhoneOverAndTheFirstIsTold() throws Exception {
        Account a = signedIn(Map.of());
        try (DisplayClient first = connect(a)) {
            first.await(x -> x.frames() >= 1, WAIT);
            tap(first, NOTES_X, NOTES_Y); // the second window must see the phone where the first left it
            int[] home = stableRows(first);
            first.await(x -> !Arrays.equals(stableRows(x), home), WAIT);
            try (DisplayClient second = connect(a)) {
                first.await(x -> x.closeCode() != null, WAIT);
                assertThat(first.statuses()).extracting(s -> s.status()).last().isEqualTo(DisplayStatus.TAKEN_OVER);
                second.await(x -> x.frames() >= 1, WAIT);
                // The same phone, still in the app the first window opened (a new phone would show its home screen).
                second.await(x -> x.frames() >= 1 && !Arrays.equals(stableRows(x), home), WAIT);
            }
        }
    }

    @Test
    void theDisplayOpensOnlyWithALiveSessionFromTheServersOwnPage() {
        Account a = signedIn(Map.of());
        assertThatThrownBy(() -> connect(Map.of("Origin", origin()))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> connect(Map.of("Cookie", "workcell_session=" + a.cookie(), "Origin", "https://evil.example")))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> connect(Map.of("Cookie", "workcell_session=" + a.cookie()))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> connect(Map.of("Cookie", "workcell_session=wcu_forged", "Origin", origin())))
                .isInstanceOf(IOException.class);
        assertThat(sessionOf(a.user())).as("no phone started for refused connections").isNull();
    }

    @Test
    void badMessagesEndOnlyTheConnectionThatSentThemAndThePhoneGoesOn() throws Exception {
        Account a = signedIn(Map.of());
        byte[][] bad = {
            {(byte) 0x99},                                            // unknown type
            {(byte) 0x82, 0, 0},                                      // a TOUCH cut short
            {(byte) 0x82, 0, 0, 0x03, (byte) 0xE8, 0x00, 0x10},       // a TOUCH at x 1000 on a 720-wide screen
            {(byte) 0x86, 0, 0, 0x01, 0},                              // an ACK for a frame never sent
            {(byte) 0x84, 0, 1, 0x07},                                 // TEXT with a control character
            new byte[5000],                                            // larger than any client message
        };
        for (byte[] message : bad) {
            try (DisplayClient c = connect(a)) {
                c.await(x -> x.frames() >= 1, WAIT);
                c.sendRaw(message);
                c.await(x -> x.closeCode() != null, WAIT);
                assertThat(c.closeCode()).as("close code for %s", Arrays.toString(Arrays.copyOf(message, Math.min(8, message.length))))
                        .isIn(DisplayBridge.PROTOCOL_ERROR, 1009);
            }
        }
        JsonNode session = sessionOf(a.user());
        assertThat(session.path("state").asText()).isEqualTo("running");
        try (DisplayClient c = connect(a)) {
            c.await(x -> x.frames() >= 1, WAIT);
            int[] home = stableRows(c);
            tap(c, NOTES_X, NOTES_Y);
            c.await(x -> !Arrays.equals(stableRows(x), home), WAIT);
        }
        assertThat(h.get("/api/v1/audit?action=user.phone-connected").body()).contains(a.user());
    }

    @Test
    void aSessionThatEndsEndsItsDisplay() throws Exception {
        Account a = signedIn(Map.of());
        try (DisplayClient c = connect(a)) {
            c.await(x -> x.frames() >= 1, WAIT);
            assertThat(h.sendWithHeaders("POST", "/api/v1/cloud/logout", Map.of("Cookie", "workcell_session=" + a.cookie(),
                    "Origin", origin()), null, null).status()).isEqualTo(204);
            c.await(x -> x.closeCode() != null, WAIT);
            assertThat(c.statuses()).extracting(s -> s.status()).last().isEqualTo(DisplayStatus.SESSION_EXPIRED);
        }
        Account b = signedIn(Map.of());
        try (DisplayClient c = connect(b)) {
            c.await(x -> x.frames() >= 1, WAIT);
            // An admin's new password ends the user's sign-ins; the sweep ends the display that used one.
            assertThat(h.send("PUT", "/api/v1/users/" + b.user() + "/password", h.adminToken(), Harness.JSON_TYPE,
                    Harness.jsonBytes(Map.of("password", PASSWORD + " 2"))).status()).isEqualTo(204);
            c.await(x -> x.closeCode() != null, WAIT);
            assertThat(c.statuses()).extracting(s -> s.status()).last().isEqualTo(DisplayStatus.SESSION_EXPIRED);
        }
    }

    @Test
    void anAdminSeesLiveSessionsAndEndsOne() throws Exception {
        Account a = signedIn(Map.of());
        try (DisplayClient c = connect(a)) {
            c.await(x -> x.frames() >= 1, WAIT);
            JsonNode live = sessionOf(a.user());
            assertThat(live.path("connected").asBoolean()).isTrue();
            assertThat(live.path("address").asText()).isEqualTo("127.0.0.1");

            Harness.Response bad = h.send("POST", "/api/v1/cloud-phones/nobody-here/disconnect", h.adminToken(), null, (byte[]) null);
            assertThat(bad.status()).isEqualTo(404);
            Harness.Response r = h.send("POST", "/api/v1/cloud-phones/" + a.user() + "/disconnect", h.adminToken(),
                    Harness.JSON_TYPE, Harness.jsonBytes(Map.of("stopPhone", true)));
            assertThat(r.status()).as(r.body()).isEqualTo(204);
            c.await(x -> x.closeCode() != null, WAIT);
            assertThat(c.statuses()).extracting(s -> s.text()).last().isEqualTo("An administrator ended your session.");
        }
        assertThat(sessionOf(a.user())).as("the phone was stopped").isNull();
        assertThat(h.sendWithHeaders("GET", "/api/v1/cloud/me", Map.of("Cookie", "workcell_session=" + a.cookie()), null, null).status())
                .isEqualTo(401);
        assertThat(h.get("/api/v1/audit?action=cloud.disconnect").body()).contains(a.user());
    }

    @Test
    void aPhoneNobodyWatchesStopsAfterItsGroupsIdleTimeoutAndComesBackWhereItWas() throws Exception {
        Account a = signedIn(Map.of("cloudSessionIdleTimeout", "5m"));
        int[] inNotes;
        try (DisplayClient c = connect(a)) {
            c.await(x -> x.frames() >= 1, WAIT);
            int[] home = stableRows(c);
            tap(c, NOTES_X, NOTES_Y);
            c.await(x -> !Arrays.equals(stableRows(x), home), WAIT);
            inNotes = stableRows(c);
        }
        waitFor(() -> !sessionOf(a.user()).path("unwatchedSince").isNull());
        h.clock.advance(Duration.ofMinutes(4));
        // Nothing to wait for when nothing should happen: give the 200 ms sweep several turns, then look.
        Thread.sleep(1_000);
        assertThat(sessionOf(a.user())).isNotNull();
        h.clock.advance(Duration.ofMinutes(2));
        waitFor(() -> sessionOf(a.user()) == null);
        assertThat(h.get("/api/v1/audit?action=cloud.phone-stopped").body()).contains(a.user());

        try (DisplayClient c = connect(a)) {
            c.await(x -> x.frames() >= 1 && Arrays.equals(stableRows(x), inNotes), WAIT);
        }
    }

    @Test
    void everyFrameIsAcknowledgedBeforeTheNextIsSent() throws Exception {
        Account a = signedIn(Map.of());
        try (DisplayClient c = connect(a)) {
            c.await(x -> x.frames() >= 1, WAIT);
            long frames = c.frames();
            // A second ACK for the frame already acknowledged is not in flight any more: the server refuses it.
            c.send(new ClientAck(frames));
            c.await(x -> x.closeCode() != null, WAIT);
            assertThat(c.closeCode()).isEqualTo(DisplayBridge.PROTOCOL_ERROR);
            assertThat(c.closeReason()).contains("ACK");
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + WAIT);
            }
            Thread.sleep(50);
        }
    }
}
