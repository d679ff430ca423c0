package org.workcell.image.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.workcell.image.Progress;

/**
 * Counts bytes done towards a total and reports to a listener no more often than an interval,
 * whichever thread the bytes are done on: the listener may update a screen or write a line per
 * report, and a build or fetch completes chunks by the thousand per second. Used by the builder
 * and the reader (one phase, absolute counts) and the fetcher (phases, increments).
 */
public final class ProgressMeter {
    /** How often a meter reports unless told otherwise. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(100);
    public static final long INTERVAL_NANOS = DEFAULT_INTERVAL.toNanos();

    private final Progress.Listener listener;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final AtomicLong done = new AtomicLong();
    private volatile long nextReport;
    private String phase = "";
    private long total;
    private long phaseStart;
    private long phaseStartDone;

    ProgressMeter(Progress.Listener listener, Duration interval) {
        this(listener, interval, System::nanoTime);
    }

    ProgressMeter(Progress.Listener listener, Duration interval, LongSupplier nanoTime) {
        this.listener = listener;
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
    }

    /** A meter for one phase of {@code totalBytes}, reporting at most every {@link #DEFAULT_INTERVAL}. */
    public ProgressMeter(String phase, long totalBytes, Progress.Listener listener) {
        this(phase, totalBytes, listener, System::nanoTime);
    }

    ProgressMeter(String phase, long totalBytes, Progress.Listener listener, LongSupplier nanoTime) {
        this(listener, DEFAULT_INTERVAL, nanoTime);
        start(phase, 0, totalBytes);
    }

    /** Starts a phase with {@code done} of {@code total} bytes already done, and reports it. */
    synchronized void phase(String name, long doneBytes, long totalBytes) {
        start(name, doneBytes, totalBytes);
        report(true);
    }

    private synchronized void start(String name, long doneBytes, long totalBytes) {
        this.phase = name;
        this.total = totalBytes;
        this.done.set(doneBytes);
        this.phaseStart = nanoTime.getAsLong();
        this.phaseStartDone = doneBytes;
        this.nextReport = phaseStart + intervalNanos;
    }

    void add(long bytes) {
        done.addAndGet(bytes);
        if (nanoTime.getAsLong() - nextReport >= 0) {
            report(false);
        }
    }

    long done() {
        return done.get();
    }

    /** Sets how much is done in all, reporting if the interval has passed. */
    public void update(long doneBytes) {
        done.set(doneBytes);
        if (nanoTime.getAsLong() - nextReport >= 0) {
            report(false);
        }
    }

    /** Sets how much is done in all and reports now: the last report of a phase. The total follows if it was underestimated. */
    public void finish(long doneBytes) {
        synchronized (this) {
            done.set(doneBytes);
            total = Math.max(total, doneBytes);
        }
        report(true);
    }

    /** Reports now if {@code force}, else only if the interval has passed since the last report. */
    synchronized void report(boolean force) {
        long now = nanoTime.getAsLong();
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
            // A broken progress display must not break the work it displays.
        }
    }
}
