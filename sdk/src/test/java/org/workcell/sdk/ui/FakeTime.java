package org.workcell.sdk.ui;

import java.util.function.LongSupplier;

/** A millisecond clock that moves only when told: drives animations and the UI loop in tests. */
final class FakeTime implements LongSupplier {
    private long now = 1_000;

    @Override
    public long getAsLong() {
        return now;
    }

    void advance(long millis) {
        now += millis;
    }
}
