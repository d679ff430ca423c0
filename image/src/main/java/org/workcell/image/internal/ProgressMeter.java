package org.workcell.image.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.workcell.image.Progress;

/**
 * Counts bytes done towards a total and reports to a listener no more often than an interval,
 * whichever thread the bytes are done on: the listener may update a screen or write a line per
 * report, and a fetch completes chunks by the thousand per second.
 */
public final class ProgressMeter {
    /** How often a meter reports unless told otherwise. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(100);

    private final Progress.Listener listener;
    private final long intervalNanos;
    private final AtomicLong done = new AtomicLong();
    private volatile long nextReport;
    private String phase = "";
    private long total;
    private long phaseStart;
    private long phaseStartDone;

    ProgressMeter(Progress.Listener listener, Duration interval) {
        this.listener = listener;
        this.intervalNanos = interval.toNanos();
    }

    /** A meter for one phase of {@code totalBytes}, reporting at most every {@link #DEFAULT_INTERVAL}. */
    public ProgressMeter(String phase, long totalBytes, Progress.Listener listener) {
        this(listener, DEFAULT_INTERVAL);
        phase(phase, 0, totalBytes);
    }

    /** Sets how much is done in all, reporting if the interval has passed. */
    public void update(long doneBytes) {
        done.set(doneBytes);
        if (System.nanoTime() - nextReport >= 0) {
            report(false);
        }
    }

    /** Sets how much is done in all and reports now: the last report of a phase. */
    public void finish(long doneBytes) {
        done.set(doneBytes);
        report(true);
    }

    /** Starts a phase with {@code done} of {@code total} bytes already done, and reports it. */
    synchronized void phase(String name, long done, long total) {
        this.phase = name;
        this.total = total;
        this.done.set(done);
        this.phaseStart = System.nanoTime();
        this.phaseStartDone = done;
        report(true);
    }

    void add(long bytes) {
        done.addAndGet(bytes);
        if (System.nanoTime() - nextReport >= 0) {
            report(false);
        }
    }

    long done() {
        return done.get();
    }

    /** Reports now if {@code force}, else only if the interval has passed since the last report. */
    synchronized void report(boolean force) {
        long now = System.nanoTime();
        if (!force && now - nextReport < 0) {
            return;
        }
        nextReport = now + intervalNanos;
        long current = done.get();
        double seconds = (now - phaseStart) / 1e9;
        // The rate of this phase only: bytes resumed or reused before it did not take its time.
        double rate = seconds > 0 ? (current - phaseStartDone) / seconds : 0;
        Duration eta = current >= total ? Duration.ZERO
                : rate > 0 ? Duration.ofMillis((long) Math.min(Long.MAX_VALUE / 2, (total - current) / rate * 1000)) : null;
        try {
            listener.progress(new Progress(phase, current, total, rate, eta));
        } catch (RuntimeException e) {
            // A broken progress display must not break the fetch it displays.
        }
    }
}
