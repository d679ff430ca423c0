package org.workcell.phone.apps.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.workcell.core.json.Json;
import org.workcell.phone.Phone;
import org.workcell.phone.apps.testkit.TestPhone;
import org.workcell.sdk.ui.Label;

class SettingsAppTest {
    private static final String APP = "org.workcell.settings";

    @TempDir
    Path dir;

    /** A host that records system requests (copies: the phone clears its buffer after sending). */
    static final class Host implements Phone.Output {
        final List<String> bodies = new ArrayList<>();
        long next = 41;

        @Override
        public void clipboard(String text) {}

        @Override
        public long systemRequest(byte[] body) {
            bodies.add(new String(body, StandardCharsets.UTF_8));
            return ++next;
        }
    }

    private String error(TestPhone t) {
        return ((Label) t.await("error")).text();
    }

    private void enter(TestPhone t, String current, String next, String confirm) {
        t.fill("Current PIN", current);
        t.fill("New PIN", next);
        t.fill("Confirm new PIN", confirm);
        t.tap(t.all("Change PIN").getLast());
    }

    @Test
    void showsWhatThePhoneIsAndFollowsPolicyAndLease() throws IOException {
        TestPhone t = new TestPhone(dir);
        t.phone.user("ana@corp.example");
        t.open(APP);
        t.await("Image version: test");
        assertThat(t.shows("User: ana@corp.example")).isTrue();
        assertThat(t.shows("Phone ID: data")).isTrue();
        assertThat(t.shows("Policy version: No policy received yet")).isTrue();
        assertThat(t.shows("Lease: Not reported yet")).isTrue();
        assertThat(t.shows("Resolution: 720 \u00d7 1560 px")).isTrue();
        assertThat(t.shows("Size: 360 \u00d7 780 dp")).isTrue();
        assertThat(t.shows("Density: 320 dpi (2\u00d7)")).isTrue();
        t.await("OS build: unknown"); // this image has no phone.json

        t.phone.policy("{\"version\": 7}");
        t.phone.status("{\"lease\": \"offline\", \"online\": false}");
        t.phone.home();
        t.open(APP);
        t.await("Policy version: 7");
        assertThat(t.shows("Lease: " + SettingsApp.leaseWords("offline"))).isTrue();
        assertThat(SettingsApp.leaseWords("offline")).doesNotContain("offline\"");
    }

    @Test
    void pinIsCheckedOnThePhoneBeforeAnythingIsSent() throws IOException {
        Host host = new Host();
        TestPhone t = new TestPhone(dir, host);
        t.open(APP);
        t.tap("Change PIN");
        enter(t, "1234", "12a45", "12a45");
        assertThat(error(t)).isEqualTo("A PIN has digits only.");
        enter(t, "1234", "123", "123");
        assertThat(error(t)).isEqualTo("A PIN has 4 to 12 digits.");
        enter(t, "1234", "5678", "5679");
        assertThat(error(t)).isEqualTo("The new PIN and its confirmation differ.");
        enter(t, "1234", "1234", "1234");
        assertThat(error(t)).isEqualTo("The new PIN is the same as the current one.");
        enter(t, "", "5678", "5678");
        assertThat(error(t)).isEqualTo("Enter your current PIN.");
        assertThat(host.bodies).isEmpty();
    }

    @Test
    void withoutAHostThePinChangeFailsWithAReason() throws IOException {
        TestPhone t = new TestPhone(dir);
        t.open(APP);
        t.tap("Change PIN");
        enter(t, "1234", "567890", "567890");
        assertThat(error(t)).isEqualTo("PIN changes need the device agent");
        assertThat(t.showsText("Change PIN")).isTrue(); // still on the PIN screen
    }

    @Test
    void theHostGetsTheRequestAndItsAnswerDecides() throws Exception {
        Host host = new Host();
        TestPhone t = new TestPhone(dir, host);
        t.open(APP);
        t.tap("Change PIN");
        enter(t, "1234", "567890", "567890");
        assertThat(host.bodies).hasSize(1);
        JsonNode body = Json.MAPPER.readTree(host.bodies.getFirst());
        assertThat(body.path("system").asText()).isEqualTo("pin.change");
        assertThat(body.path("current").asText()).isEqualTo("1234");
        assertThat(body.path("next").asText()).isEqualTo("567890");
        assertThat(t.shows("Changing…")).isTrue();
        // The fields do not keep the PINs once sent.
        assertThat(t.all(v -> v instanceof org.workcell.sdk.ui.TextField).stream().map(v -> ((org.workcell.sdk.ui.TextField) v).text()))
                .containsOnly("");

        assertThat(t.phone.systemResponse(42, 403, "Wrong current PIN".getBytes(StandardCharsets.UTF_8))).isTrue();
        t.settle();
        assertThat(error(t)).isEqualTo("Wrong current PIN");

        enter(t, "4321", "567890", "567890");
        assertThat(t.phone.systemResponse(999, 200, new byte[0])).isFalse(); // not a request of ours
        assertThat(t.phone.systemResponse(43, 200, "ok".getBytes(StandardCharsets.UTF_8))).isTrue();
        t.settle();
        t.await("Image version: test"); // back on the settings page
        assertThat(t.showsText("PIN changed")).isTrue();
    }

    @Test
    void requestPinChangeClearsThePinsAndTimesOut() throws Exception {
        Host host = new Host();
        TestPhone t = new TestPhone(dir, host);
        char[] current = "2468".toCharArray();
        char[] next = "13579\"\\".toCharArray();
        CompletableFuture<String> f = t.phone.requestPinChange(current, next);
        assertThat(current).containsOnly('\0');
        assertThat(next).containsOnly('\0');
        assertThat(Json.MAPPER.readTree(host.bodies.getFirst()).path("next").asText()).isEqualTo("13579\"\\");
        assertThat(f).isNotDone();
        t.advance(Phone.SYSTEM_REQUEST_TIMEOUT_MILLIS);
        assertThat(f).isCompletedExceptionally();
        assertThat(f.exceptionNow()).hasMessageContaining("did not answer");
        assertThat(t.phone.systemResponse(42, 200, new byte[0])).isFalse(); // too late
    }

    @Test
    void checkAcceptsAGoodChange() {
        assertThat(SettingsApp.check("1234".toCharArray(), "000000000000".toCharArray(), "000000000000".toCharArray())).isNull();
        assertThat(SettingsApp.check("1234".toCharArray(), "0000000000000".toCharArray(), "0000000000000".toCharArray())).isNotNull();
    }
}
