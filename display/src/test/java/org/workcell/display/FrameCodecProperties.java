package org.workcell.display;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.workcell.channel.CopyRect;
import org.workcell.channel.FillRect;
import org.workcell.channel.FrameUpdate;
import org.workcell.channel.Framebuffer;
import org.workcell.channel.PixelsRect;
import org.workcell.channel.Rect;

/** Encoding then decoding gives back every screen pixel for pixel, whatever the screens do. */
class FrameCodecProperties {

    @Property(tries = 150)
    void framesWithoutHintsDecodeExactly(@ForAll long seed) {
        Random r = new Random(seed);
        EncoderOptions options = Screens.randomOptions(r);
        List<Screens.Screen> session = Screens.session(r, 2 + r.nextInt(30), r.nextBoolean() ? 80 : 300);
        boolean argb = r.nextInt(4) == 0;
        try (FrameEncoder encoder = new FrameEncoder(options); FrameDecoder decoder = new FrameDecoder()) {
            for (int i = 0; i < session.size(); i++) {
                Screens.Screen s = session.get(i);
                int[] input = s.rgb().clone();
                if (argb) { // a top byte (alpha, or junk) is ignored
                    for (int p = 0; p < input.length; p++) {
                        input[p] |= r.nextInt(256) << 24;
                    }
                }
                DecodedFrame d = decoder.apply(encoder.encodeFrame(input, s.width(), s.height()));
                assertThat(d.frame()).isEqualTo(i + 1L).isEqualTo(encoder.frameNumber());
                assertThat(d.width()).isEqualTo(s.width());
                assertThat(d.height()).isEqualTo(s.height());
                assertThat(decoder.pixels()).as("frame %d of seed %d with %s", i, seed, options).isEqualTo(s.rgb());
            }
        }
    }

    /** Pages sliding over pages that drift and dim (REMAP, from the screen and from the reference), then back. */
    @Property(tries = 80)
    void pageTransitionsDecodeExactly(@ForAll long seed) throws Exception {
        Random r = new Random(seed);
        EncoderOptions options = Screens.randomOptions(r);
        List<Screens.Screen> session = new ArrayList<>();
        for (int t = 1 + r.nextInt(3); t > 0; t--) {
            session.addAll(Screens.transition(r, 32 + r.nextInt(250), 16 + r.nextInt(200), 4 + r.nextInt(16)));
            session.addAll(Screens.session(r, 1 + r.nextInt(4), 200));
        }
        try (FrameEncoder encoder = new FrameEncoder(options); FrameDecoder decoder = new FrameDecoder()) {
            for (int i = 0; i < session.size(); i++) {
                Screens.Screen s = session.get(i);
                decoder.apply(encoder.encodeFrame(s.rgb(), s.width(), s.height()));
                assertThat(decoder.pixels()).as("frame %d of seed %d with %s", i, seed, options).isEqualTo(s.rgb());
            }
        }
    }

    @Property(tries = 150)
    void hintedUpdatesDecodeExactly(@ForAll long seed) {
        Random r = new Random(seed);
        EncoderOptions options = Screens.randomOptions(r);
        Screens.Screen first = Screens.fresh(r, 200);
        Framebuffer fb = new Framebuffer(first.width(), first.height());
        fb.apply(new FrameUpdate(0, List.of(new PixelsRect(0, 0, first.width(), first.height(), first.rgb()))));
        try (FrameEncoder encoder = new FrameEncoder(options); FrameDecoder decoder = new FrameDecoder()) {
            decoder.apply(encoder.encode(new FrameUpdate(0, List.of()), fb));
            assertThat(decoder.pixels()).isEqualTo(fb.pixels());
            for (int f = 1; f < 2 + r.nextInt(25); f++) {
                if (r.nextInt(12) == 0) {
                    Screens.Screen s = Screens.fresh(r, 200);
                    fb.resize(s.width(), s.height());
                    fb.apply(new FrameUpdate(f, List.of(new PixelsRect(0, 0, s.width(), s.height(), s.rgb()))));
                    decoder.apply(encoder.encode(new FrameUpdate(f, List.of()), fb));
                } else {
                    FrameUpdate update = randomUpdate(r, f, fb.width(), fb.height());
                    fb.apply(update);
                    decoder.apply(encoder.encode(update, fb));
                }
                assertThat(decoder.pixels()).as("update %d of seed %d", f, seed).isEqualTo(fb.pixels());
            }
        }
    }

    /** Mostly what the host's merger sends (copies, then fills and pixels), sometimes in any order. */
    private static FrameUpdate randomUpdate(Random r, long frame, int w, int h) {
        List<Rect> copies = new ArrayList<>();
        List<Rect> paints = new ArrayList<>();
        for (int i = r.nextInt(6); i > 0; i--) {
            int[] a = Screens.randomRect(r, w, h);
            switch (r.nextInt(4)) {
                case 0 -> copies.add(new CopyRect(a[0], a[1], a[2], a[3], r.nextInt(w - a[2] + 1), r.nextInt(h - a[3] + 1)));
                case 1 -> paints.add(new FillRect(a[0], a[1], a[2], a[3], r.nextInt(1 << 24)));
                default -> {
                    int[] px = new int[a[2] * a[3]];
                    Screens.paint(r, px, a[2], a[3], new int[] {0, 0, a[2], a[3]});
                    paints.add(new PixelsRect(a[0], a[1], a[2], a[3], px));
                }
            }
        }
        List<Rect> all = new ArrayList<>(copies);
        all.addAll(paints);
        if (r.nextInt(4) == 0) {
            java.util.Collections.shuffle(all, r);
        }
        return new FrameUpdate(frame, all);
    }

    /**
     * With JPEG allowed, a changing photo-like area is only close while it changes, and exact from
     * the first frame it holds still, wherever scrolls moved it meanwhile.
     */
    @Property(tries = 40)
    void lossyTilesAreSentAgainExactlyOnceTheyHoldStill(@ForAll long seed) {
        Random r = new Random(seed);
        int w = 64 + r.nextInt(150);
        int h = 64 + r.nextInt(150);
        EncoderOptions options = EncoderOptions.LOSSLESS.withTileSize(r.nextBoolean() ? 32 : 64).withLossy(50 + r.nextInt(50));
        boolean sawJpeg = false;
        int phase = 0;
        int offset = 0;
        int[] px = null;
        try (FrameEncoder encoder = new FrameEncoder(options); FrameDecoder decoder = new FrameDecoder()) {
            for (int f = 0; f < 8; f++) {
                if (f < 3 || r.nextBoolean()) {
                    phase += 1 + r.nextInt(20); // the picture changes
                } else {
                    offset += r.nextInt(41) - 20; // it scrolls
                }
                px = photo(w, h, phase, offset);
                byte[] m = encoder.encodeFrame(px, w, h);
                sawJpeg |= hasJpeg(m);
                decoder.apply(m);
                assertThat(meanError(decoder.pixels(), px)).as("frame %d", f).isLessThan(16);
            }
            decoder.apply(encoder.encodeFrame(px, w, h));
            assertThat(decoder.pixels()).isEqualTo(px);
        }
        assertThat(sawJpeg).as("a photo changing every frame went out as JPEG").isTrue();
    }

    /** A smooth picture with grain (more than 256 colours per tile); {@code offset} scrolls it. */
    private static int[] photo(int w, int h, int phase, int offset) {
        int[] px = new int[w * h];
        for (int y = 0; y < h; y++) {
            int v = y + offset;
            for (int x = 0; x < w; x++) {
                int grain = (x * 0x9E3779B1 ^ v * 0x85EBCA77) >>> 29;
                int red = Math.clamp(128 + (int) (100 * Math.sin((x + phase) / 17.0)) + grain, 0, 255);
                int green = Math.clamp(128 + (int) (100 * Math.cos((v + phase) / 23.0)) + grain, 0, 255);
                int blue = Math.clamp(128 + (int) (90 * Math.sin((x + v) / 29.0)) - grain, 0, 255);
                px[y * w + x] = red << 16 | green << 8 | blue;
            }
        }
        return px;
    }

    private static boolean hasJpeg(byte[] message) {
        int deflated = java.nio.ByteBuffer.wrap(message).getInt(13);
        return message.length > 17 + deflated;
    }

    private static double meanError(int[] a, int[] b) {
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            for (int shift = 0; shift < 24; shift += 8) {
                sum += Math.abs((a[i] >>> shift & 0xFF) - (b[i] >>> shift & 0xFF));
            }
        }
        return sum / (3.0 * a.length);
    }
}
