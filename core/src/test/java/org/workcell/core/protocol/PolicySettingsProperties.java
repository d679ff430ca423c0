package org.workcell.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.workcell.core.protocol.Policies.fields;
import static org.workcell.core.protocol.Policies.with;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.workcell.core.json.Json;

class PolicySettingsProperties {
    private static final Set<String> FIELD_NAMES = new HashSet<>(
            Arrays.stream(PolicySettings.class.getRecordComponents()).map(RecordComponent::getName).toList());

    @Provide
    Arbitrary<Duration> durations() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(0, 400L * 86_400).map(Duration::ofSeconds),
                Arbitraries.longs().between(-86_400, 86_400).map(Duration::ofSeconds),
                Arbitraries.longs().between(0, 86_400_000L).map(Duration::ofMillis),
                Arbitraries.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMinutes(1),
                        Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(365), Duration.ofSeconds(Long.MAX_VALUE, 999_999_999),
                        Duration.ofSeconds(Long.MIN_VALUE)),
                Arbitraries.just((Duration) null));
    }

    @Provide
    Arbitrary<PolicySettings> policies() {
        Arbitrary<Integer> ints = Arbitraries.oneOf(Arbitraries.integers().between(-5, 120), Arbitraries.integers());
        return Builders.withBuilder(() -> new Object[11])
                .use(durations()).in((a, v) -> set(a, 0, v))
                .use(durations()).in((a, v) -> set(a, 1, v))
                .use(durations()).in((a, v) -> set(a, 2, v))
                .use(Arbitraries.of(true, false)).in((a, v) -> set(a, 3, v))
                .use(ints).in((a, v) -> set(a, 4, v))
                .use(ints).in((a, v) -> set(a, 5, v))
                .use(durations()).in((a, v) -> set(a, 6, v))
                .use(Arbitraries.of(true, false)).in((a, v) -> set(a, 7, v))
                .use(Arbitraries.of(true, false)).in((a, v) -> set(a, 8, v))
                .use(Arbitraries.of(true, false)).in((a, v) -> set(a, 9, v))
                .use(durations()).in((a, v) -> set(a, 10, v))
                .build(a -> new PolicySettings((Duration) a[0], (Duration) a[1], (Duration) a[2], (Boolean) a[3], (Integer) a[4],
                        (Integer) a[5], (Duration) a[6], (Boolean) a[7], (Boolean) a[8], (Boolean) a[9], (Duration) a[10]));
    }

    private static Object[] set(Object[] a, int i, Object v) {
        a[i] = v;
        return a;
    }

    @Property(tries = 1000)
    void validateNeverThrowsAndNamesEachBadFieldAtMostOnce(@ForAll("policies") PolicySettings policy) {
        List<String> named = fields(policy.validate());

        assertThat(named).doesNotHaveDuplicates();
        assertThat(FIELD_NAMES).containsAll(named);
        assertThat(policy.validate()).allSatisfy(e -> assertThat(e.message()).isNotBlank());
    }

    @Property(tries = 1000)
    void jsonRoundTripPreservesAnyPolicy(@ForAll("policies") PolicySettings policy) throws IOException {
        byte[] json = Json.write(policy);

        assertThat(Json.read(json, PolicySettings.class)).isEqualTo(policy);
    }

    @Property(tries = 2000)
    void timingIsValidExactlyWhenLeaseThenDisableThenWipeGrowWithinBounds(
            @ForAll @LongRange(min = 0, max = 400L * 86_400) long lease,
            @ForAll @LongRange(min = 0, max = 400L * 86_400) long disable,
            @ForAll @LongRange(min = 0, max = 400L * 86_400) long wipe) {
        PolicySettings policy = with(PolicySettings.defaults(), Map.of(
                "leaseInterval", Duration.ofSeconds(lease),
                "disableAfter", Duration.ofSeconds(disable),
                "wipeAfter", Duration.ofSeconds(wipe)));
        long day = 86_400;
        // The documented rules: 5s <= lease <= 1d < ...; lease < disable < wipe; both offline limits <= 365d.
        boolean valid = lease >= 5 && lease <= day && lease < disable && disable < wipe && disable <= 365 * day && wipe <= 365 * day;

        assertThat(policy.validate().isEmpty()).as("lease %ds, disable %ds, wipe %ds: %s", lease, disable, wipe, policy.validate())
                .isEqualTo(valid);
    }

    @Provide
    Arbitrary<Long> nearBoundaries() {
        long day = 86_400;
        return Arbitraries.of(0L, 4L, 5L, 6L, 899L, 900L, 901L, day - 1, day, day + 1, 2 * day, 365 * day - 1, 365 * day,
                365 * day + 1);
    }

    @Property(tries = 2744)
    void timingRulesHoldAtTheirBoundaries(
            @ForAll("nearBoundaries") long lease, @ForAll("nearBoundaries") long disable, @ForAll("nearBoundaries") long wipe) {
        timingIsValidExactlyWhenLeaseThenDisableThenWipeGrowWithinBounds(lease, disable, wipe);
    }
}
