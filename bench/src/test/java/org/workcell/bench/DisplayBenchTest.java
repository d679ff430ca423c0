package org.workcell.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.workcell.display.EncoderOptions;

class DisplayBenchTest {
    @TempDir
    Path dir;

    /** A list scrolling up by 5 pixels a frame. */
    private static void writeTrace(Path trace, int frames) throws IOException {
        Files.createDirectories(trace);
        for (int f = 0; f < frames; f++) {
            BufferedImage image = new BufferedImage(90, 120, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 120; y++) {
                int row = y + 5 * f;
                for (int x = 0; x < 90; x++) {
                    boolean ink = row % 20 > 4 && ((x * 0x9E3779B1 + row * 0x85EBCA77) * 0xC2B2AE35 >>> 29) == 0;
                    image.setRGB(x, y, ink ? 0x202020 : 0xF8F8F8);
                }
            }
            ImageIO.write(image, "png", trace.resolve(String.format("%05d.png", f)).toFile());
        }
    }

    @Test
    void framesAreEncodedDecodedAndCheckedPerTraceAndOverall() throws Exception {
        writeTrace(dir.resolve("traces/one"), 6);
        writeTrace(dir.resolve("traces/two"), 4);
        List<Path> traces = DisplayBench.traces(dir.resolve("traces"));
        assertThat(traces).extracting(p -> p.getFileName().toString()).containsExactly("one", "two");

        DisplayBench.Result r = DisplayBench.run(new DisplayBench.Options(traces, EncoderOptions.LOSSLESS, null, dir,
                new PrintStream(java.io.OutputStream.nullOutputStream())));

        assertThat(r.traces()).extracting(DisplayBench.Figures::frames).containsExactly(6, 4);
        assertThat(r.overall().frames()).isEqualTo(10);
        assertThat(r.overall().lossless()).isTrue();
        assertThat(r.overall().bytes()).isEqualTo(r.traces().get(0).bytes() + r.traces().get(1).bytes());
        assertThat(r.overall().x264Bytes()).as("no ffmpeg given").isNull();
        assertThat(r.overall().bytesRatio()).isNull();
    }

    @Test
    void aFolderOfFramesIsOneTraceAndFramesMustBeNumberedWithoutGaps() throws Exception {
        writeTrace(dir.resolve("single"), 2);
        assertThat(DisplayBench.traces(dir.resolve("single"))).containsExactly(dir.resolve("single"));
        Files.move(dir.resolve("single/00001.png"), dir.resolve("single/00002.png"));
        assertThatThrownBy(() -> DisplayBench.run(new DisplayBench.Options(List.of(dir.resolve("single")), EncoderOptions.LOSSLESS, null, dir,
                System.err))).isInstanceOf(IOException.class).hasMessageContaining("without gaps");
        Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> DisplayBench.traces(dir.resolve("empty"))).isInstanceOf(IOException.class).hasMessageContaining("neither frames");
    }
}
