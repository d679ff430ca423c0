package org.workcell.image.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.workcell.image.Progress;

class ProgressMeterTest {
    @Test
    void reportsAtMostEveryIntervalWithRateAndEtaAndAlwaysAtTheEnd() {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        List<Progress> reports = new ArrayList<>();
        ProgressMeter meter = new ProgressMeter("build", 1000, reports::add, now::get);

        meter.update(10); // no time has passed
        now.addAndGet(ProgressMeter.INTERVAL_NANOS - 1);
        meter.update(20);
        assertThat(reports).isEmpty();

        now.addAndGet(1); // 100 ms in, 100 of 1000 bytes
        meter.update(100);
        assertThat(reports).hasSize(1);
        Progress first = reports.getFirst();
        assertThat(first.doneBytes()).isEqualTo(100);
        assertThat(first.totalBytes()).isEqualTo(1000);
        assertThat(first.bytesPerSecond()).isEqualTo(1000.0);
        assertThat(first.eta()).isEqualTo(Duration.ofMillis(900));

        now.addAndGet(ProgressMeter.INTERVAL_NANOS / 2);
        meter.update(150);
        assertThat(reports).hasSize(1);

        meter.finish(1200); // more than estimated: the total follows
        assertThat(reports).hasSize(2);
        assertThat(reports.getLast().doneBytes()).isEqualTo(1200);
        assertThat(reports.getLast().totalBytes()).isEqualTo(1200);
        assertThat(reports.getLast().eta()).isEqualTo(Duration.ZERO);
    }
}
