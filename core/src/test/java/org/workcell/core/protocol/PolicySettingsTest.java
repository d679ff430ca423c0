package org.workcell.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.workcell.core.protocol.Policies.fields;
import static org.workcell.core.protocol.Policies.with;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.workcell.core.json.Json;
import org.workcell.core.problem.Problem.FieldError;

class PolicySettingsTest {

    @Test
    void defaultsAreValid() {
        assertThat(PolicySettings.defaults().validate()).isEmpty();
    }

    @Test
    void defaultsDisableBeforeTheyWipe() {
        PolicySettings p = PolicySettings.defaults();

        assertThat(p.leaseInterval()).isLessThan(p.disableAfter());
        assertThat(p.disableAfter()).isLessThan(p.wipeAfter());
    }

    // ---------------------------------------------------------------- timing

    @ParameterizedTest
    @ValueSource(strings = {"PT24H", "PT23H59M59S", "PT1H", "PT0S"})
    void wipeAfterNotLongerThanDisableAfterIsRejectedNamingWipeAfter(String wipeAfter) {
        List<FieldError> errors = with("disableAfter", Duration.ofDays(1), "wipeAfter", Duration.parse(wipeAfter)).validate();

        assertThat(fields(errors)).containsExactly("wipeAfter");
        assertThat(errors.getFirst().message()).contains("disableAfter");
    }

    @Test
    void wipeAfterOneSecondLongerThanDisableAfterIsAccepted() {
        assertThat(with("disableAfter", Duration.ofDays(1), "wipeAfter", Duration.ofDays(1).plusSeconds(1)).validate()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT15M", "PT14M59S", "PT1M"})
    void disableAfterNotLongerThanTheLeaseIntervalIsRejected(String disableAfter) {
        List<FieldError> errors = with("leaseInterval", Duration.ofMinutes(15), "disableAfter", Duration.parse(disableAfter)).validate();

        assertThat(fields(errors)).containsExactly("disableAfter");
        assertThat(errors.getFirst().message()).contains("lease interval").contains("15m");
    }

    @Test
    void disableAfterOneSecondLongerThanTheLeaseIntervalIsAccepted() {
        assertThat(with("leaseInterval", Duration.ofMinutes(15), "disableAfter", Duration.ofMinutes(15).plusSeconds(1)).validate())
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT4S", "PT4.999S", "PT1S", "PT0S", "PT-15M"})
    void leaseIntervalBelowFiveSecondsIsRejected(String leaseInterval) {
        assertThat(fields(with("leaseInterval", Duration.parse(leaseInterval)).validate())).containsExactly("leaseInterval");
    }

    @Test
    void leaseIntervalOfFiveSecondsIsAccepted() {
        assertThat(with("leaseInterval", Duration.ofSeconds(5)).validate()).isEmpty();
        assertThat(PolicySettings.MIN_LEASE_INTERVAL).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void leaseIntervalAboveOneDayIsRejected() {
        PolicySettings oneDay = with("leaseInterval", Duration.ofDays(1), "disableAfter", Duration.ofDays(2), "wipeAfter", Duration.ofDays(3));
        PolicySettings more = with("leaseInterval", Duration.ofDays(1).plusSeconds(1), "disableAfter", Duration.ofDays(2),
                "wipeAfter", Duration.ofDays(3));

        assertThat(oneDay.validate()).isEmpty();
        assertThat(fields(more.validate())).containsExactly("leaseInterval");
    }

    @Test
    void offlineLimitsAreAtMost365Days() {
        assertThat(with("disableAfter", Duration.ofDays(364), "wipeAfter", Duration.ofDays(365)).validate()).isEmpty();
        assertThat(fields(with("disableAfter", Duration.ofDays(364), "wipeAfter", Duration.ofDays(365).plusSeconds(1)).validate()))
                .containsExactly("wipeAfter");
        assertThat(fields(with("disableAfter", Duration.ofDays(366), "wipeAfter", Duration.ofDays(367)).validate()))
                .containsExactlyInAnyOrder("disableAfter", "wipeAfter");
    }

    // ---------------------------------------------------------------- PIN

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 3, 33, 1000})
    void pinMinLengthOutside4To32IsRejected(int length) {
        assertThat(fields(with("pinMinLength", length).validate())).containsExactly("pinMinLength");
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 6, 32})
    void pinMinLengthFrom4To32IsAccepted(int length) {
        assertThat(with("pinMinLength", length).validate()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 2, 101})
    void pinMaxAttemptsOutside3To100IsRejected(int attempts) {
        assertThat(fields(with("pinMaxAttempts", attempts).validate())).containsExactly("pinMaxAttempts");
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 100})
    void pinMaxAttemptsAtItsBoundsIsAccepted(int attempts) {
        assertThat(with("pinMaxAttempts", attempts).validate()).isEmpty();
    }

    // ---------------------------------------------------------------- idle and sessions

    @ParameterizedTest
    @ValueSource(strings = {"PT0S", "PT10S", "PT5M", "PT24H"})
    void lockAfterIdleOfZeroOrTenSecondsToADayIsAccepted(String idle) {
        assertThat(with("lockAfterIdle", Duration.parse(idle)).validate()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT5S", "PT9.999S", "PT0.001S", "PT-1S", "PT24H0.001S", "P2D"})
    void lockAfterIdleBetweenZeroAndTenSecondsOrOverADayIsRejected(String idle) {
        assertThat(fields(with("lockAfterIdle", Duration.parse(idle)).validate())).containsExactly("lockAfterIdle");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT59S", "PT0S", "P7DT1S", "PT-1M"})
    void cloudSessionIdleTimeoutOutsideAMinuteToAWeekIsRejected(String timeout) {
        assertThat(fields(with("cloudSessionIdleTimeout", Duration.parse(timeout)).validate())).containsExactly("cloudSessionIdleTimeout");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT1M", "P7D"})
    void cloudSessionIdleTimeoutAtItsBoundsIsAccepted(String timeout) {
        assertThat(with("cloudSessionIdleTimeout", Duration.parse(timeout)).validate()).isEmpty();
    }

    @Test
    void missingDurationsAreReportedPerFieldNotThrown() {
        PolicySettings empty = new PolicySettings(null, null, null, false, 6, 10, null, false, false, false, null);

        assertThat(fields(empty.validate())).containsExactlyInAnyOrder(
                "leaseInterval", "disableAfter", "wipeAfter", "lockAfterIdle", "cloudSessionIdleTimeout");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        PolicySettings bad = new PolicySettings(Duration.ofSeconds(1), Duration.ZERO, Duration.ZERO, true, 1, 1,
                Duration.ofSeconds(1), false, false, false, Duration.ZERO);

        assertThat(fields(bad.validate())).containsExactlyInAnyOrder("leaseInterval", "disableAfter", "wipeAfter",
                "pinMinLength", "pinMaxAttempts", "lockAfterIdle", "cloudSessionIdleTimeout");
    }

    // ---------------------------------------------------------------- JSON

    @Test
    void jsonRoundTripPreservesTheDefaults() throws IOException {
        PolicySettings p = PolicySettings.defaults();

        assertThat(Json.read(Json.write(p), PolicySettings.class)).isEqualTo(p);
    }

    @Test
    void durationsAreWrittenAsIso8601Strings() throws IOException {
        PolicySettings p = with("leaseInterval", Duration.ofSeconds(90), "lockAfterIdle", Duration.ZERO);

        JsonNode tree = Json.MAPPER.readTree(Json.write(p));

        for (String field : List.of("leaseInterval", "disableAfter", "wipeAfter", "lockAfterIdle", "cloudSessionIdleTimeout")) {
            assertThat(tree.get(field).isTextual()).as(field).isTrue();
        }
        assertThat(tree.get("leaseInterval").asText()).isEqualTo("PT1M30S");
        assertThat(tree.get("disableAfter").asText()).isEqualTo("PT24H");
        assertThat(tree.get("lockAfterIdle").asText()).isEqualTo("PT0S");
    }

    @Test
    void jsonWrittenByHandWithIsoDurationsIsRead() throws IOException {
        String json = """
                {"leaseInterval":"PT10M","disableAfter":"P2D","wipeAfter":"P7D","pinRequired":false,"pinMinLength":8,
                 "pinMaxAttempts":5,"lockAfterIdle":"PT0S","clipboardOut":true,"screenshots":true,"watermark":false,
                 "cloudSessionIdleTimeout":"PT1H"}""";

        PolicySettings p = Json.read(json.getBytes(StandardCharsets.UTF_8), PolicySettings.class);

        assertThat(p).isEqualTo(new PolicySettings(Duration.ofMinutes(10), Duration.ofDays(2), Duration.ofDays(7), false, 8, 5,
                Duration.ZERO, true, true, false, Duration.ofHours(1)));
        assertThat(p.validate()).isEmpty();
    }

    @Test
    void jsonWithAnUnknownFieldIsRejected() {
        ObjectNode tree = Json.MAPPER.valueToTree(PolicySettings.defaults());
        tree.put("usbDebugging", true);

        assertThatThrownBy(() -> Json.read(Json.write(tree), PolicySettings.class)).isInstanceOf(IOException.class)
                .hasMessageContaining("usbDebugging");
    }

    @Test
    void jsonWithAMissingNumberIsRejectedRatherThanReadAsZero() {
        ObjectNode tree = Json.MAPPER.valueToTree(PolicySettings.defaults());
        tree.remove("pinMaxAttempts");

        assertThatThrownBy(() -> Json.read(Json.write(tree), PolicySettings.class)).isInstanceOf(IOException.class);
    }

    @Test
    void jsonWithANullBooleanIsRejected() {
        ObjectNode tree = Json.MAPPER.valueToTree(PolicySettings.defaults());
        tree.putNull("pinRequired");

        assertThatThrownBy(() -> Json.read(Json.write(tree), PolicySettings.class)).isInstanceOf(IOException.class);
    }
}
