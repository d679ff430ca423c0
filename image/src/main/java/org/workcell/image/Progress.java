package org.workcell.image;

import java.time.Duration;

/** How far a long operation (build, fetch, verify) has come. */
public record Progress(String phase, long doneBytes, long totalBytes, double bytesPerSecond, Duration eta) {
    /** Receives progress reports; called from worker threads, at most a few times a second. */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = p -> { };

        void progress(Progress progress);
    }
}
