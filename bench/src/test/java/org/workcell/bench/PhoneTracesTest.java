package org.workcell.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The phone the display benchmark records still has every screen the traces go through. */
class PhoneTracesTest {
    @TempDir
    Path dir;

    @Test
    void aRealPhoneIsRecordedScrollingTypingSwitchingAppsAndPages() throws Exception {
        List<Path> traces = PhoneTraces.record(dir, new PrintStream(java.io.OutputStream.nullOutputStream()));

        assertThat(traces).extracting(p -> p.getFileName().toString()).containsExactlyElementsOf(PhoneTraces.NAMES);
        for (Path trace : traces) {
            long frames;
            try (Stream<Path> list = Files.list(trace)) {
                frames = list.count();
            }
            assertThat(frames).as(trace.getFileName().toString()).isGreaterThan(40);
            BufferedImage first = ImageIO.read(trace.resolve("00000.png").toFile());
            assertThat(first.getWidth()).isEqualTo(720);
            assertThat(first.getHeight()).isEqualTo(1560);
        }
    }
}
