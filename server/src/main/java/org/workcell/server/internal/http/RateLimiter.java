package org.workcell.server.internal.http;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.workcell.core.problem.ProblemException;
import org.workcell.core.problem.ProblemKind;

/** A fixed one-minute window of attempts per key (a client address), for endpoints open to guessing. */
public final class RateLimiter {
    private static final int MAX_KEYS = 10_000;

    private final Clock clock;
    private final int perMinute;
    private final String what;
    private final Map<String, long[]> windows = new ConcurrentHashMap<>();

    public RateLimiter(Clock clock, int perMinute, String what) {
        this.clock = clock;
        this.perMinute = perMinute;
        this.what = what;
    }

    /** Counts one attempt from {@code key}; refuses it when the minute's allowance is spent. */
    public void acquire(String key) {
        long minute = clock.millis() / 60_000;
        long[] window = windows.compute(String.valueOf(key), (k, w) ->
                w == null || w[0] != minute ? new long[] {minute, 1} : new long[] {minute, w[1] + 1});
        if (window[1] > perMinute) {
            throw new ProblemException(ProblemKind.TOO_MANY_REQUESTS, "too many " + what + " from " + key + "; wait a minute");
        }
        if (windows.size() > MAX_KEYS) {
            windows.entrySet().removeIf(e -> e.getValue()[0] != minute);
        }
    }
}
