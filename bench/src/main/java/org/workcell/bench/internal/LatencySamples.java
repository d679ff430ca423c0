package org.workcell.bench.internal;

import java.util.Arrays;

/** Latencies in microseconds, kept whole so percentiles are exact; sized for a bounded run. */
public final class LatencySamples {
    private long[] samples = new long[1 << 16];
    private int count;

    public synchronized void add(long micros) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, samples.length * 2);
        }
        samples[count++] = micros;
    }

    public synchronized int count() {
        return count;
    }

    /** The value at quantile {@code q} (0..1) in milliseconds, by the nearest-rank method. */
    public synchronized double percentileMs(double q) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * count);
        return sorted[Math.max(0, Math.min(count - 1, rank - 1))] / 1000.0;
    }
}
