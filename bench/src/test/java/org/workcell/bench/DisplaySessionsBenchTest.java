package org.workcell.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two real phones in real sandboxes, each with a viewer on the display socket, tapped for a few seconds. */
class DisplaySessionsBenchTest {
    @TempDir
    Path dir;

    @Test
    void everyTapOfEverySessionIsAnsweredByAChangedFrameAndTheFiguresAddUp() throws Exception {
        // Phones run as users of their own and must pass through every folder above their data.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        DisplaySessionsBench.Result r = DisplaySessionsBench.run(new DisplaySessionsBench.Options(2, Duration.ofSeconds(4), 1, 2, null,
                dir.resolve("work"), new PrintStream(progress, true, StandardCharsets.UTF_8)));

        assertThat(r.sessions()).isEqualTo(2);
        assertThat(r.tapsWithoutFrame()).as("taps no changed frame answered; progress:%n%s", progress).isZero();
        assertThat(r.tapsSkipped()).as("taps on an unsettled screen").isZero();
        // Four seconds at one tap a second each (the second session half a second behind the first).
        assertThat(r.taps()).isEqualTo(8);
        assertThat(r.p50Ms()).isPositive().isLessThanOrEqualTo(r.p99Ms());
        assertThat(r.p99Ms()).isLessThanOrEqualTo(r.maxMs()).isLessThanOrEqualTo(10_000);
        assertThat(r.worstSessionP99Ms()).isLessThanOrEqualTo(r.maxMs()).isGreaterThanOrEqualTo(r.p50Ms());
        // Each answered tap brought at least one frame to its viewer, and frames carry bytes.
        assertThat(r.framesPerSecondPerSession() * r.seconds() * r.sessions()).isGreaterThanOrEqualTo(r.taps() - 0.01);
        assertThat(r.bytesPerSecondPerSession()).isGreaterThan(r.framesPerSecondPerSession());
        assertThat(r.isolation()).isIn("bubblewrap", "unshare");
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("tapping 2 sessions");
    }

    @Test
    void optionsOutsideTheirRangeAreRefused() {
        assertThatThrownBy(() -> new DisplaySessionsBench.Options(0, Duration.ofSeconds(1), 1, 1, null, dir, System.err))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DisplaySessionsBench.Options(1, Duration.ZERO, 1, 1, null, dir, System.err))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
