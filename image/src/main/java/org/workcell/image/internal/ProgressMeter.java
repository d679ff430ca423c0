package org.workcell.image.internal;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.workcell.image.Progress;

/** Turns a running byte count into {@link Progress} reports, at most one per {@link #INTERVAL_NANOS} and a last one at the end. */
public final class ProgressMeter {
    public static final long INTERVAL_NANOS = 100_000_000L;

    private final String phase;
    private final Progress.Listener listener;
    private final LongSupplier nanoTime;
    private final long started;
    private long total;
    private long lastReport;

    public ProgressMeter(String phase, long totalBytes, Progress.Listener listener) {
        this(phase, totalBytes, listener, System::nanoTime);
    }

    ProgressMeter(String phase, long totalBytes, Progress.Listener listener, LongSupplier nanoTime) {
        this.phase = phase;
        this.total = totalBytes;
        this.listener = listener;
        this.nanoTime = nanoTime;
        this.started = nanoTime.getAsLong();
        this.lastReport = started;
    }

    /** Reports {@code done} if the last report is at least an interval old. */
    public void update(long done) {
        long now = nanoTime.getAsLong();
        if (now - lastReport >= INTERVAL_NANOS) {
            lastReport = now;
            report(done, now);
        }
    }

    /** Reports completion: {@code done} of {@code done} bytes. */
    public void finish(long done) {
        total = done;
        report(done, nanoTime.getAsLong());
    }

    private void report(long done, long now) {
        long shownTotal = Math.max(total, done);
        double seconds = (now - started) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        // Unknown until some bytes are through; the first report comes only after an interval, by when they are.
        Duration eta = rate > 0 ? Duration.ofMillis((long) ((shownTotal - done) / rate * 1000)) : Duration.ZERO;
        listener.progress(new Progress(phase, done, shownTotal, rate, eta));
    }
}
