package org.workcell.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.workcell.core.json.Json;
import org.workcell.server.testing.MutableClock;
import org.workcell.server.testing.TestDatabase;
import org.workcell.server.testing.TestServer;

/**
 * The whole cloud path in a real browser: Debian's headless Chromium opens the thin client, signs
 * in (choosing a PIN, as the default policy asks), sees the phone's home screen, opens an app with
 * a click, types into it, loses its network and gets the same phone back where it was.
 */
class ThinClientBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PASSWORD = "correct horse battery";
    /** Where things are on the 720 x 1560 phone: the home screen's Notes tile, Notes' new-note button, the back button. */
    private static final int[] NOTES_TILE = {442, 360};
    private static final int[] NEW_NOTE = {658, 111};
    private static final int[] BACK = {150, 1515};
    private static final int[] NOTE_TEXT = {360, 400};
    private static final String TYPED = "Quarterly numbers from the train";

    @TempDir
    Path temp;

    @Test
    void aUserSignsInUsesTheirPhoneLosesTheNetworkAndResumes() throws Exception {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwx--x--x"));
        try (TestServer server = TestServer.start(TestDatabase.Kind.H2, temp, MutableClock.startingNow());
             CuttableProxy proxy = new CuttableProxy(URI.create(server.url()).getPort());
             Browser browser = Browser.start(temp.resolve("chromium"))) {
            String user = userWithPassword(server.url());
            String app = "http://127.0.0.1:" + proxy.port() + "/app/";

            browser.open(app);
            browser.waitUntil("!document.getElementById('login').hidden", WAIT);
            assertThat(browser.evaluate("navigator.serviceWorker.getRegistration().then(r => !!r)").asBoolean()).isTrue();
            focus(browser, "user");
            browser.type(user);
            focus(browser, "password");
            browser.type(PASSWORD);
            browser.evaluate("document.getElementById('sign-in').click()");
            // The group's policy asks for a PIN: the page asks the user to choose one.
            browser.waitUntil("!document.getElementById('new-pin-rows').hidden", WAIT);
            focus(browser, "new-pin");
            browser.type("246810");
            focus(browser, "new-pin-again");
            browser.type("246810");
            browser.evaluate("document.getElementById('sign-in').click()");

            browser.waitUntil("workcell.state().status === 'connected' && workcell.state().frames > 0", WAIT);
            JsonNode state = browser.evaluate("workcell.state()");
            assertThat(state.path("width").asInt()).isEqualTo(720);
            assertThat(state.path("height").asInt()).isEqualTo(1560);
            assertThat(state.path("watermark").asText()).contains(user);
            String home = screenHash(browser);

            tapPhone(browser, NOTES_TILE);
            String notes = waitForScreenOtherThan(browser, home);
            tapPhone(browser, NEW_NOTE); // the click also gives the page's keyboard input the focus
            String editor = waitForScreenOtherThan(browser, notes);
            tapPhone(browser, NOTE_TEXT); // the note's text field takes the focus, and the phone's keyboard comes up
            String focused = waitForScreenOtherThan(browser, editor);
            browser.type(TYPED);
            String typed = waitForScreenOtherThan(browser, focused);

            // The network drops: the page says so, keeps trying, and gets the same phone back as it was.
            proxy.cut();
            browser.waitUntil("workcell.state().status === 'lost' && /Connection lost/.test(workcell.state().overlay)", WAIT);
            proxy.restore();
            browser.waitUntil("workcell.state().status === 'connected' && workcell.state().overlay === null", WAIT);
            waitForScreen(browser, typed);

            // And it is still usable: back saves the note, which the list then shows.
            tapPhone(browser, BACK);
            waitForScreenOtherThan(browser, typed);
            browser.waitUntil("workcell.state().frames > 0", WAIT);
        }
        // What was typed in the browser reached the app on the phone: the note is in the phone's own data, saved on back.
        assertThat(filesContaining(temp, TYPED)).as("the phone's saved note").isNotEmpty();
    }

    private static java.util.List<Path> filesContaining(Path root, String text) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).filter(p -> p.toString().contains("/cloud/phones/")).filter(p -> {
                try {
                    return new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.UTF_8).contains(text);
                } catch (IOException e) {
                    return false;
                }
            }).toList();
        }
    }

    private static void focus(Browser browser, String id) throws IOException {
        browser.evaluate("document.getElementById('" + id + "').focus()");
    }

    /** The phone's screen below its status bar (whose clock moves), as the page decoded it. */
    private static String screenHash(Browser browser) throws IOException {
        return browser.evaluate("workcell.screenHash(64, 1560)").asText();
    }

    /** Waits until the page shows something else than {@code hash}, and until that holds still; returns what it shows then. */
    private static String waitForScreenOtherThan(Browser browser, String hash) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String now = screenHash(browser);
        while (now.equals(hash)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the phone's screen did not change");
            }
            Thread.sleep(50); // polling the page's screen
            now = screenHash(browser);
        }
        // Animations (an app opening, a page sliding) run for a while: wait until three looks agree.
        String previous = "";
        int same = 0;
        while (same < 3) {
            Thread.sleep(150);
            previous = now;
            now = screenHash(browser);
            same = now.equals(previous) ? same + 1 : 0;
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the phone's screen never held still");
            }
        }
        return now;
    }

    private static void waitForScreen(Browser browser, String hash) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!screenHash(browser).equals(hash)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the page never showed the phone as it was");
            }
            Thread.sleep(50); // polling the page's screen
        }
    }

    /** A mouse click where the phone's point (x, y) is shown on the page. */
    private static void tapPhone(Browser browser, int[] point) throws IOException {
        JsonNode r = browser.evaluate("(() => { const r = document.getElementById('screen').getBoundingClientRect();"
                + " return {x: r.left, y: r.top, w: r.width, h: r.height}; })()");
        double x = r.path("x").asDouble() + (point[0] + 0.5) * r.path("w").asDouble() / 720;
        double y = r.path("y").asDouble() + (point[1] + 0.5) * r.path("h").asDouble() / 1560;
        browser.click(x, y);
    }

    /** A user in a new group with the default policy (PIN required), with a password the admin set. */
    private static String userWithPassword(String url) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        String token = post(http, url, "/api/v1/auth/login", null, Map.of("user", "admin", "password", TestServer.ADMIN_PASSWORD))
                .path("token").asText();
        post(http, url, "/api/v1/groups", token, Map.of("name", "field"));
        post(http, url, "/api/v1/users", token, Map.of("name", "erin", "group", "field", "displayName", "Erin Walsh"));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/users/erin/password"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(Json.writeString(Map.of("password", PASSWORD)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
        return "erin";
    }

    private static JsonNode post(HttpClient http, String url, String path, String token, Map<String, String> body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.writeString(body)));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isBetween(200, 201);
        return Json.MAPPER.readTree(r.body());
    }
}
