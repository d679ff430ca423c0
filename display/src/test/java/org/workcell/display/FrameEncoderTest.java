package org.workcell.display;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.workcell.channel.CopyRect;
import org.workcell.channel.FillRect;
import org.workcell.channel.FrameUpdate;
import org.workcell.channel.Framebuffer;
import org.workcell.channel.PixelsRect;

class FrameEncoderTest {
    private static final int W = 320;
    private static final int H = 480;

    /** A list of text-like rows (ink scattered like glyphs, not periodic), {@code offset} pixels scrolled. */
    private static int[] list(int offset) {
        int[] px = new int[W * H];
        for (int y = 0; y < H; y++) {
            int row = y + offset;
            for (int x = 0; x < W; x++) {
                boolean ink = row % 40 > 8 && row % 40 < 30 && x > 16 && x < 300 && ((x * 0x9E3779B1 + row * 0x85EBCA77) * 0xC2B2AE35 >>> 28) < 4;
                px[y * W + x] = row % 40 == 0 ? 0xDDDDDD : ink ? 0x202020 + (row / 40 % 7) * 0x050403 : 0xFAFAFA;
            }
        }
        return px;
    }

    @Test
    void aScrollIsSentAsOneCopyAndTheRowsThatCameIntoView() {
        try (FrameEncoder encoder = new FrameEncoder(EncoderOptions.LOSSLESS); FrameDecoder decoder = new FrameDecoder()) {
            byte[] first = encoder.encodeFrame(list(0), W, H);
            decoder.apply(first);
            byte[] scrolled = encoder.encodeFrame(list(37), W, H);
            DecodedFrame d = decoder.apply(scrolled);
            assertThat(decoder.pixels()).isEqualTo(list(37));
            DecodedFrame.Area copy = d.damage().getFirst();
            assertThat(copy.width()).isEqualTo(W);
            assertThat(copy.height()).as("rows that did not change need no copy").isBetween(H - 37 - 16, H - 37);
            assertThat(d.damage().stream().skip(1).mapToInt(a -> a.width() * a.height()).sum())
                    .as("pixels sent besides the copy").isLessThan(W * 64);
            assertThat(scrolled.length).isLessThan(first.length / 4);
        }
    }

    @Test
    void aSlideSidewaysIsSentAsACopyToo() {
        int[] a = list(0);
        int[] b = new int[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                b[y * W + x] = x >= 50 ? a[y * W + x - 50] : 0x3050A0;
            }
        }
        try (FrameEncoder encoder = new FrameEncoder(EncoderOptions.LOSSLESS); FrameDecoder decoder = new FrameDecoder()) {
            decoder.apply(encoder.encodeFrame(a, W, H));
            DecodedFrame d = decoder.apply(encoder.encodeFrame(b, W, H));
            assertThat(decoder.pixels()).isEqualTo(b);
            DecodedFrame.Area copy = d.damage().getFirst();
            assertThat(copy.x()).isGreaterThanOrEqualTo(50);
            assertThat(copy.height()).isEqualTo(H);
        }
    }

    /**
     * A page sliding in over the list, which drifts left and dims: the list is remapped (from the
     * reference, which holds it undimmed), the new page copied along, and only its newly visible
     * columns sent; on the way back the list brightens from the reference again.
     */
    @Test
    void aPageThatDriftsAndDimsBeneathASlidingOneIsRemapped() throws Exception {
        int[] page = list(0);
        int[] top = list(500);
        for (int i = 0; i < top.length; i++) {
            top[i] ^= 0x0F0000;
        }
        List<Screens.Screen> frames = Screens.transition(page, top, W, H, 0x000000, 16);
        java.util.ArrayList<byte[]> messages = new java.util.ArrayList<>();
        try (FrameEncoder encoder = new FrameEncoder(EncoderOptions.LOSSLESS); FrameDecoder decoder = new FrameDecoder()) {
            for (Screens.Screen s : frames) {
                messages.add(encoder.encodeFrame(s.rgb(), W, H));
                decoder.apply(messages.getLast());
                assertThat(decoder.pixels()).isEqualTo(s.rgb());
            }
        }
        List<TestFrames.Command> commands = TestFrames.commands(messages);
        assertThat(commands).contains(new TestFrames.Command(7, -1));
        assertThat(commands.stream().filter(c -> c.kind() == 8 && c.source() == 1).count())
                .as("frames remapped from the reference").isGreaterThanOrEqualTo(frames.size() - 4);
        long transition = messages.stream().skip(1).mapToLong(m -> m.length).sum();
        assertThat(transition).as("all frames after the first").isLessThan(2L * messages.getFirst().length);
    }

    @Test
    void aScreenThatComesBackIsDrawnFromTheBrowsersCache() {
        int[] home = list(0);
        int[] app = list(1000);
        try (FrameEncoder encoder = new FrameEncoder(EncoderOptions.LOSSLESS); FrameDecoder decoder = new FrameDecoder()) {
            byte[] first = encoder.encodeFrame(home, W, H);
            decoder.apply(first);
            decoder.apply(encoder.encodeFrame(home, W, H)); // it held still: its tiles are kept
            decoder.apply(encoder.encodeFrame(app, W, H));
            decoder.apply(encoder.encodeFrame(app, W, H)); // the app held still: its tiles are kept
            byte[] back = encoder.encodeFrame(home, W, H);
            DecodedFrame d = decoder.apply(back);
            assertThat(decoder.pixels()).isEqualTo(home);
            assertThat(back.length).isLessThan(first.length / 10);
            assertThat(d.damage()).hasSizeGreaterThan(20);
        }
    }

    @Test
    void nothingChangedIsAnEmptyFrameOnceTheStillTilesAreCached() {
        try (FrameEncoder encoder = new FrameEncoder(EncoderOptions.LOSSLESS); FrameDecoder decoder = new FrameDecoder()) {
            decoder.apply(encoder.encodeFrame(list(0), W, H));
            assertThat(decoder.apply(encoder.encodeFrame(list(0), W, H)).damage()).as("only STOREs, which draw nothing").isEmpty();
            byte[] same = encoder.encodeFrame(list(0), W, H);
            assertThat(HexFormat.of().formatHex(same)).isEqualTo("02" + "00000003" + "0140" + "01e0" + "00000000" + "00000000");
            assertThat(decoder.apply(same).damage()).isEmpty();
        }
    }

    @Test
    void hintedCopiesAndFillsPassThrough() {
        Framebuffer fb = new Framebuffer(W, H);
        fb.apply(new FrameUpdate(0, List.of(new PixelsRect(0, 0, W, H, list(0)))));
        try (FrameEncoder encoder = new FrameEncoder(EncoderOptions.LOSSLESS); FrameDecoder decoder = new FrameDecoder()) {
            decoder.apply(encoder.encode(new FrameUpdate(0, List.of()), fb));
            FrameUpdate update = new FrameUpdate(1, List.of(new CopyRect(0, 0, W, H - 10, 0, 10), new FillRect(0, H - 10, W, 10, 0x123456)));
            fb.apply(update);
            DecodedFrame d = decoder.apply(encoder.encode(update, fb));
            assertThat(d.damage()).containsExactly(new DecodedFrame.Area(0, 0, W, H - 10), new DecodedFrame.Area(0, H - 10, W, 10));
            assertThat(decoder.pixels()).isEqualTo(fb.pixels());
        }
    }

    @Test
    void anUnchangedPixelsRectSendsNothing() {
        Framebuffer fb = new Framebuffer(W, H);
        fb.apply(new FrameUpdate(0, List.of(new PixelsRect(0, 0, W, H, list(0)))));
        try (FrameEncoder encoder = new FrameEncoder(EncoderOptions.LOSSLESS); FrameDecoder decoder = new FrameDecoder()) {
            decoder.apply(encoder.encode(new FrameUpdate(0, List.of()), fb));
            FrameUpdate again = new FrameUpdate(1, List.of(new PixelsRect(0, 0, W, H, list(0))));
            assertThat(decoder.apply(encoder.encode(again, fb)).damage()).isEmpty();
        }
    }

    @Test
    void badInputIsRefusedAndLeavesTheEncoderUsable() {
        try (FrameEncoder encoder = new FrameEncoder(EncoderOptions.LOSSLESS); FrameDecoder decoder = new FrameDecoder()) {
            assertThatThrownBy(() -> encoder.encodeFrame(new int[5], 2, 2)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4 pixels");
            assertThatThrownBy(() -> encoder.encodeFrame(new int[0], 0, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of range");
            assertThatThrownBy(() -> encoder.encodeFrame(new int[9000], 9000, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of range");
            decoder.apply(encoder.encodeFrame(new int[4], 2, 2));
            Framebuffer small = new Framebuffer(2, 2);
            assertThatThrownBy(() -> encoder.encode(new FrameUpdate(1, List.of(new FillRect(1, 1, 2, 1, 0))), small))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the 2x2 screen");
            assertThatThrownBy(() -> encoder.encode(new FrameUpdate(1, List.of()), new Framebuffer(0, 0)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of range");
            decoder.apply(encoder.encodeFrame(new int[] {1, 2, 3, 4}, 2, 2));
            assertThat(decoder.pixels()).containsExactly(1, 2, 3, 4);
        }
    }

    @Test
    void argbPixelsGoOutAsTheirRgb() {
        int[] argb = {0xFF102030, 0x80405060, 0x00708090, 0xFFFFFFFF};
        try (FrameEncoder encoder = new FrameEncoder(EncoderOptions.LOSSLESS); FrameDecoder decoder = new FrameDecoder()) {
            decoder.apply(encoder.encodeFrame(argb, 2, 2));
            assertThat(decoder.pixels()).containsExactly(0x102030, 0x405060, 0x708090, 0xFFFFFF);
            argb[1] = 0xFF405061;
            decoder.apply(encoder.encodeFrame(argb, 2, 2));
            assertThat(decoder.pixels()).containsExactly(0x102030, 0x405061, 0x708090, 0xFFFFFF);
        }
    }

    @Test
    void optionsAreChecked() {
        assertThatThrownBy(() -> new EncoderOptions(12, 6, false, 75, 0)).hasMessageContaining("tileSize");
        assertThatThrownBy(() -> new EncoderOptions(64, 0, false, 75, 0)).hasMessageContaining("deflateLevel");
        assertThatThrownBy(() -> new EncoderOptions(64, 6, true, 0, 0)).hasMessageContaining("jpegQuality");
        assertThatThrownBy(() -> new EncoderOptions(128, 6, false, 75, 1024)).hasMessageContaining("cacheSlots");
        assertThat(EncoderOptions.LOSSLESS.withTileSize(128).cacheSlots()).isEqualTo(256);
    }

    @Test
    void framesAreNumberedFromOne() {
        try (FrameEncoder encoder = new FrameEncoder(EncoderOptions.LOSSLESS)) {
            assertThat(encoder.frameNumber()).isZero();
            int[] px = new int[16];
            new Random(1).ints(16, 0, 1 << 24).toArray();
            encoder.encodeFrame(px, 4, 4);
            encoder.encodeFrame(px, 4, 4);
            assertThat(encoder.frameNumber()).isEqualTo(2);
        }
    }
}
