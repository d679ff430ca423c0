package org.workcell.core.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class DurationsProperties {

    @Provide
    Arbitrary<Long> seconds() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(0, 7 * 86_400L),
                Arbitraries.longs().between(0, 999_999_999L * 86_400L),
                Arbitraries.longs().between(0, Long.MAX_VALUE),
                Arbitraries.of(0L, 1L, 59L, 60L, 3_599L, 3_600L, 86_399L, 86_400L, 999_999_999L * 86_400L + 86_399L,
                        1_000_000_000L * 86_400L, Long.MAX_VALUE));
    }

    @Property(tries = 2000)
    void formatThenParseGivesBackTheSameDuration(@ForAll("seconds") long seconds) {
        Duration d = Duration.ofSeconds(seconds);

        assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
    }

    @Property(tries = 2000)
    void formatIsStableUnderARoundTrip(@ForAll("seconds") long seconds) {
        String text = Durations.format(Duration.ofSeconds(seconds));

        assertThat(Durations.format(Durations.parse(text))).isEqualTo(text);
    }

    @Property(tries = 2000)
    void formatOfWholeSecondsUpToABillionDaysIsTheShortestShortForm(
            @ForAll @LongRange(min = 1, max = 999_999_999L * 86_400L + 86_399L) long seconds) {
        String text = Durations.format(Duration.ofSeconds(seconds));

        // Units in falling order, each below the next larger unit, none written as zero.
        assertThat(text).matches("([1-9]\\d*d)?(([1-9]|1\\d|2[0-3])h)?([1-5]?\\dm)?([1-5]?\\ds)?")
                .doesNotContainPattern("(^|\\D)0[dhms]");
        assertThat(text).hasSizeLessThanOrEqualTo(40);
    }

    @Property(tries = 1000)
    void parseOfAComposedShortFormIsTheSumOfItsParts(
            @ForAll("component") Optional<Integer> w, @ForAll("component") Optional<Integer> d,
            @ForAll("component") Optional<Integer> h, @ForAll("component") Optional<Integer> m,
            @ForAll("component") Optional<Integer> s) {
        String text = w.map(n -> n + "w").orElse("") + d.map(n -> n + "d").orElse("") + h.map(n -> n + "h").orElse("")
                + m.map(n -> n + "m").orElse("") + s.map(n -> n + "s").orElse("");
        Assume.that(!text.isEmpty() && text.length() <= 40);
        Duration expected = Duration.ofDays(7L * w.orElse(0)).plusDays(d.orElse(0)).plusHours(h.orElse(0))
                .plusMinutes(m.orElse(0)).plusSeconds(s.orElse(0));

        assertThat(Durations.parse(text)).isEqualTo(expected);
        assertThat(Durations.parse(text.toUpperCase())).isEqualTo(expected);
    }

    @Provide
    Arbitrary<Optional<Integer>> component() {
        return Arbitraries.oneOf(Arbitraries.integers().between(0, 100), Arbitraries.integers().between(0, 999_999_999))
                .optional(0.6);
    }

    @Property(tries = 1000)
    void parseAcceptsTheIsoFormOfAnyNonNegativeDuration(
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seconds, @ForAll @IntRange(min = 0, max = 999_999_999) int nanos) {
        Duration d = Duration.ofSeconds(seconds, nanos);
        Assume.that(d.toString().length() <= 40);

        assertThat(Durations.parse(d.toString())).isEqualTo(d);
    }

    @Property(tries = 1000)
    void parseRejectsTheIsoFormOfAnyNegativeDuration(
            @ForAll @LongRange(min = Long.MIN_VALUE, max = -1) long seconds, @ForAll @IntRange(min = 0, max = 999_999_999) int nanos) {
        Duration d = Duration.ofSeconds(seconds, nanos);
        Assume.that(d.isNegative());

        assertThatRejected(d.toString());
    }

    @Provide
    Arbitrary<String> durationLike() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(50),
                Arbitraries.strings().withChars("0123456789wdhmsWDHMSPTpt.,-+ :e").ofMaxLength(45),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(30).map(n -> n + "s"),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(30).map(n -> "P" + n + "D"),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(30).map(n -> "PT" + n + "H" + n + "M"));
    }

    @Property(tries = 3000)
    void parseOfAnyTextGivesANonNegativeDurationOrIllegalArgumentException(@ForAll("durationLike") String text) {
        Duration d;
        try {
            d = Durations.parse(text);
        } catch (IllegalArgumentException rejected) {
            assertThat(rejected).isExactlyInstanceOf(IllegalArgumentException.class);
            assertThat(rejected.getMessage()).isNotBlank();
            return;
        }
        assertThat(d.isNegative()).isFalse();
        assertThat(text.trim()).hasSizeLessThanOrEqualTo(40);
    }

    private static void assertThatRejected(String text) {
        try {
            Duration d = Durations.parse(text);
            throw new AssertionError("'" + text + "' was accepted as " + d);
        } catch (IllegalArgumentException expected) {
            assertThat(expected).isExactlyInstanceOf(IllegalArgumentException.class);
        }
    }
}
