package org.workcell.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class FramebufferProperties {

    /** The obvious implementation: a copy goes through a temporary array, so overlap cannot matter. */
    private static void naiveApply(int[] px, int width, FrameUpdate update) {
        for (Rect r : update.rects()) {
            for (int y = 0; y < r.height(); y++) {
                for (int x = 0; x < r.width(); x++) {
                    int at = (r.y() + y) * width + r.x() + x;
                    switch (r) {
                        case FillRect f -> px[at] = f.rgb();
                        case PixelsRect p -> px[at] = p.rgb()[y * p.width() + x];
                        case CopyRect c -> { }
                    }
                }
            }
            if (r instanceof CopyRect c) {
                int[] source = new int[c.width() * c.height()];
                for (int y = 0; y < c.height(); y++) {
                    for (int x = 0; x < c.width(); x++) {
                        source[y * c.width() + x] = px[(c.fromY() + y) * width + c.fromX() + x];
                    }
                }
                for (int y = 0; y < c.height(); y++) {
                    for (int x = 0; x < c.width(); x++) {
                        px[(c.y() + y) * width + c.x() + x] = source[y * c.width() + x];
                    }
                }
            }
        }
    }

    @Property(tries = 500)
    void matchesTheNaiveImplementation(@ForAll long seed, @ForAll @IntRange(min = 1, max = 24) int width,
                                       @ForAll @IntRange(min = 1, max = 24) int height) {
        Random r = new Random(seed);
        var fb = new Framebuffer(width, height);
        int[] reference = new int[width * height];
        // Start from noise, so that every copied pixel is distinguishable.
        int[] noise = new int[width * height];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = r.nextInt(1 << 24);
        }
        List<FrameUpdate> updates = new ArrayList<>();
        updates.add(new FrameUpdate(0, List.of(new PixelsRect(0, 0, width, height, noise))));
        for (int f = 1; f < 10; f++) {
            List<Rect> rects = new ArrayList<>();
            for (int i = r.nextInt(5); i >= 0; i--) {
                int w = 1 + r.nextInt(width);
                int h = 1 + r.nextInt(height);
                int x = r.nextInt(width - w + 1);
                int y = r.nextInt(height - h + 1);
                switch (r.nextInt(4)) {
                    case 0 -> rects.add(new FillRect(x, y, w, h, r.nextInt(1 << 24)));
                    case 1 -> {
                        int[] rgb = new int[w * h];
                        for (int p = 0; p < rgb.length; p++) {
                            rgb[p] = r.nextInt(1 << 24);
                        }
                        rects.add(new PixelsRect(x, y, w, h, rgb));
                    }
                    default -> {
                        // Mostly small shifts, the overlapping case that scrolling produces.
                        int fromX = Math.clamp(x + r.nextInt(5) - 2, 0, width - w);
                        int fromY = Math.clamp(y + r.nextInt(5) - 2, 0, height - h);
                        rects.add(new CopyRect(x, y, w, h, fromX, fromY));
                    }
                }
            }
            updates.add(new FrameUpdate(f, rects));
        }

        for (FrameUpdate u : updates) {
            fb.apply(u);
            naiveApply(reference, width, u);
            assertThat(fb.pixels()).isEqualTo(reference);
        }
    }

    @Test
    void scrollUpAndDownByOneRow() {
        var fb = new Framebuffer(2, 4);
        fb.apply(new FrameUpdate(0, List.of(new PixelsRect(0, 0, 2, 4, new int[] {1, 1, 2, 2, 3, 3, 4, 4}))));
        fb.apply(new FrameUpdate(1, List.of(new CopyRect(0, 0, 2, 3, 0, 1), new FillRect(0, 3, 2, 1, 9))));
        assertThat(fb.pixels()).containsExactly(2, 2, 3, 3, 4, 4, 9, 9);
        fb.apply(new FrameUpdate(2, List.of(new CopyRect(0, 1, 2, 3, 0, 0))));
        assertThat(fb.pixels()).containsExactly(2, 2, 2, 2, 3, 3, 4, 4);
        assertThat(fb.rgb(1, 3)).isEqualTo(4);
        assertThat(fb.region(0, 2, 1, 2)).containsExactly(3, 4);
    }

    @Test
    void anUpdateThatDoesNotFitChangesNothing() {
        var fb = new Framebuffer(4, 4);
        var bad = new FrameUpdate(1, List.of(new FillRect(0, 0, 4, 4, 7), new CopyRect(0, 0, 2, 2, 3, 3)));
        assertThatThrownBy(() -> fb.apply(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rect 1 source (2x2 at 3,3) lies outside the 4x4 display");
        assertThat(fb.pixels()).containsOnly(0);
        assertThatThrownBy(() -> fb.rgb(4, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fb.region(1, 1, 4, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resizeClearsAndPixelsIsACopy() {
        var fb = new Framebuffer(2, 2);
        fb.apply(new FrameUpdate(1, List.of(new FillRect(0, 0, 2, 2, 5))));
        fb.pixels()[0] = 1;
        assertThat(fb.rgb(0, 0)).isEqualTo(5);
        fb.resize(3, 1);
        assertThat(fb.width()).isEqualTo(3);
        assertThat(fb.height()).isEqualTo(1);
        assertThat(fb.pixels()).containsExactly(0, 0, 0);
    }
}
