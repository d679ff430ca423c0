package org.workcell.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    static Stream<Arguments> acceptedSpellings() {
        return Stream.of(
                Arguments.of("90s", Duration.ofSeconds(90)),
                Arguments.of("15m", Duration.ofMinutes(15)),
                Arguments.of("2h", Duration.ofHours(2)),
                Arguments.of("1d", Duration.ofDays(1)),
                Arguments.of("1w", Duration.ofDays(7)),
                Arguments.of("1h30m", Duration.ofMinutes(90)),
                Arguments.of("1w2d3h4m5s", Duration.ofDays(9).plusHours(3).plusMinutes(4).plusSeconds(5)),
                Arguments.of("0s", Duration.ZERO),
                Arguments.of("0m", Duration.ZERO),
                Arguments.of("120m", Duration.ofHours(2)),
                Arguments.of("1H30M", Duration.ofMinutes(90)),
                Arguments.of("  15m\t", Duration.ofMinutes(15)),
                Arguments.of("999999999s", Duration.ofSeconds(999_999_999)),
                Arguments.of("PT15M", Duration.ofMinutes(15)),
                Arguments.of("P1D", Duration.ofDays(1)),
                Arguments.of("p1d", Duration.ofDays(1)),
                Arguments.of("PT0S", Duration.ZERO),
                Arguments.of("P1DT2H", Duration.ofHours(26)),
                Arguments.of("PT1.5S", Duration.ofMillis(1500)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedSpellings")
    void parseAcceptsShortAndIsoSpellings(String text, Duration expected) {
        assertThat(Durations.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "''{0}''")
    @NullAndEmptySource
    @ValueSource(strings = {
        "   ", "abc", "-5m", "+5m", "PT-1S", "P-1D", "-PT1S", "15", "1x", "m", "s", "1m1h", "1s1m", "1h 30m", "1.5h", "1e3s",
        "0x10s", "1d1d", "1w1w", "1y", "1ms", "P1W", "P", "PT", "P1Y", "5 m", "\u0663m", "１５m"})
    void parseRejectsWhatIsNotADuration(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isExactlyInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parseRejectsOverlyLongInputEvenIfItWouldOtherwiseBeValid() {
        String longIso = "PT" + "0".repeat(60) + "1S";
        assertThat(java.time.Duration.parse(longIso)).as("valid ISO-8601 for the JDK").isEqualTo(Duration.ofSeconds(1));

        assertThatThrownBy(() -> Durations.parse(longIso)).isExactlyInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Durations.parse("1s".repeat(30))).isExactlyInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Durations.parse("x".repeat(100_000)))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("x".repeat(41));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "9999999999s", "99999999999999999999w", "9223372036854775807s",
        "P106751991167301D", "PT9223372036854775808S", "P106751991167300DT24H", "PT153722867280912931M",
        "PT2562047788015216H", "P99999999999999999D"})
    void parseRejectsNumbersTooLargeToRepresentWithIllegalArgumentException(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text);
    }

    @Test
    void parseAcceptsTheLargestShortFormWithoutOverflow() {
        // Nine digits per unit, as many units as fit in the 40-character limit.
        Duration expected = Duration.ofDays(7L * 999_999_999).plusDays(999_999_999).plusHours(999_999_999)
                .plusMinutes(999_999);

        assertThat(Durations.parse("999999999w999999999d999999999h999999m")).isEqualTo(expected);
    }

    @Test
    void parseErrorMessagesShowExamplesOfValidInput() {
        assertThatThrownBy(() -> Durations.parse("soon")).hasMessageContaining("'soon'").hasMessageContaining("15m");
        assertThatThrownBy(() -> Durations.parse("PTsoon")).hasMessageContaining("'PTsoon'").hasMessageContaining("PT15M");
        assertThatThrownBy(() -> Durations.parse("")).hasMessageContaining("required");
    }

    static Stream<Arguments> formats() {
        return Stream.of(
                Arguments.of(Duration.ZERO, "0s"),
                Arguments.of(Duration.ofSeconds(90), "1m30s"),
                Arguments.of(Duration.ofMinutes(15), "15m"),
                Arguments.of(Duration.ofMinutes(90), "1h30m"),
                Arguments.of(Duration.ofDays(1), "1d"),
                Arguments.of(Duration.ofDays(7), "7d"),
                Arguments.of(Duration.ofDays(1).plusSeconds(1), "1d1s"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("formats")
    void formatWritesTheShortestShortForm(Duration duration, String expected) {
        assertThat(Durations.format(duration)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PT0.5S", "PT0.000000001S", "PT1.5S", "PT24H0.25S"})
    void formatOfADurationWithAFractionOfASecondIsExactAndParsesBack(String iso) {
        Duration duration = Duration.parse(iso);

        String text = Durations.format(duration);

        assertThat(text).isNotEmpty();
        assertThat(Durations.parse(text)).isEqualTo(duration);
    }

    @Test
    void formatOfANegativeDurationIsNotEmptyAndNotMistakenForAPositiveOne() {
        String text = Durations.format(Duration.ofSeconds(-90));

        assertThat(text).isNotEmpty();
        assertThat(Duration.parse(text)).isEqualTo(Duration.ofSeconds(-90));
    }

    @Test
    void aBareZeroMeansNoTimeAtAll() {
        assertThat(Durations.parse("0")).isZero();
        assertThat(Durations.parse(" 0 ")).isZero();
        assertThatThrownBy(() -> Durations.parse("00")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"15m\u0000", "\u000015m", "15m\u0007", "1\u0000d"})
    void controlCharactersAreNotSilentlyDropped(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
