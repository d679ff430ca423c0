package org.workcell.image;

import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link ImageFetcher} works, as opposed to what it fetches.
 *
 * @param parallelism         chunk downloads in flight at once
 * @param maxAttempts         attempts per file (chunk or index) before the fetch gives up; a fetch
 *                            gives up as a whole as soon as one file has used all of its attempts
 * @param initialBackoff      the pause after a first failed attempt; it doubles with each further
 *                            failure, up to {@code maxBackoff}, and is randomised (between half
 *                            and all of it) so that many devices do not retry in step
 * @param maxBackoff          the longest pause between two attempts
 * @param journalSyncInterval how often the partial payload and its journal are flushed to disk:
 *                            what a power cut can cost a resumed fetch
 * @param progressInterval    the shortest time between two progress reports
 * @param maxIndexBytes       the largest index accepted from a source
 */
public record FetchOptions(
        int parallelism,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration journalSyncInterval,
        Duration progressInterval,
        int maxIndexBytes) {
    public static final FetchOptions DEFAULT = new FetchOptions(
            8, 5, Duration.ofMillis(250), Duration.ofSeconds(15), Duration.ofSeconds(1), Duration.ofMillis(100), 64 << 20);

    public FetchOptions {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(journalSyncInterval, "journalSyncInterval");
        Objects.requireNonNull(progressInterval, "progressInterval");
        if (parallelism < 1 || parallelism > 256) {
            throw new IllegalArgumentException("parallelism must be between 1 and 256");
        }
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new IllegalArgumentException("maxAttempts must be between 1 and 100");
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoffs must satisfy 0 <= initialBackoff <= maxBackoff");
        }
        if (journalSyncInterval.isNegative() || progressInterval.isNegative()) {
            throw new IllegalArgumentException("intervals must not be negative");
        }
        if (maxIndexBytes < 1) {
            throw new IllegalArgumentException("maxIndexBytes must be positive");
        }
    }

    public FetchOptions withParallelism(int parallelism) {
        return new FetchOptions(parallelism, maxAttempts, initialBackoff, maxBackoff, journalSyncInterval, progressInterval, maxIndexBytes);
    }

    public FetchOptions withMaxAttempts(int maxAttempts) {
        return new FetchOptions(parallelism, maxAttempts, initialBackoff, maxBackoff, journalSyncInterval, progressInterval, maxIndexBytes);
    }

    public FetchOptions withBackoff(Duration initialBackoff, Duration maxBackoff) {
        return new FetchOptions(parallelism, maxAttempts, initialBackoff, maxBackoff, journalSyncInterval, progressInterval, maxIndexBytes);
    }

    public FetchOptions withJournalSyncInterval(Duration journalSyncInterval) {
        return new FetchOptions(parallelism, maxAttempts, initialBackoff, maxBackoff, journalSyncInterval, progressInterval, maxIndexBytes);
    }

    public FetchOptions withProgressInterval(Duration progressInterval) {
        return new FetchOptions(parallelism, maxAttempts, initialBackoff, maxBackoff, journalSyncInterval, progressInterval, maxIndexBytes);
    }

    public FetchOptions withMaxIndexBytes(int maxIndexBytes) {
        return new FetchOptions(parallelism, maxAttempts, initialBackoff, maxBackoff, journalSyncInterval, progressInterval, maxIndexBytes);
    }
}
