package org.workcell.cli.image;

import java.io.PrintStream;
import java.time.Duration;
import org.workcell.image.Progress;

/** A one-line progress bar on standard error: phase, percent, bytes, rate and time left. */
final class ProgressBar implements Progress.Listener {
    private final PrintStream err;
    private final boolean enabled;

    ProgressBar(PrintStream err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    @Override
    public synchronized void progress(Progress p) {
        if (!enabled) {
            return;
        }
        double fraction = p.totalBytes() > 0 ? Math.min(1, (double) p.doneBytes() / p.totalBytes()) : 1;
        int filled = (int) (fraction * 30);
        err.printf("\r%-9s [%s%s] %3.0f%%  %s / %s  %s/s  %s   ", p.phase(), "#".repeat(filled), ".".repeat(30 - filled), fraction * 100,
                mib(p.doneBytes()), mib(p.totalBytes()), mib((long) p.bytesPerSecond()), eta(p.eta()));
        if (fraction >= 1) {
            err.println();
        }
        err.flush();
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    private static String eta(Duration eta) {
        if (eta == null) {
            return "";
        }
        long s = eta.toSeconds();
        return String.format(java.util.Locale.ROOT, "%d:%02d left", s / 60, s % 60);
    }
}
