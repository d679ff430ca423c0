package org.workcell.host.internal.display;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.workcell.channel.CopyRect;
import org.workcell.channel.FillRect;
import org.workcell.channel.FrameUpdate;
import org.workcell.channel.Framebuffer;
import org.workcell.channel.PixelsRect;
import org.workcell.channel.Rect;

class FrameMergerTest {

    /**
     * A phone, its host mirror, a merger and a slow client: the phone's updates go to the mirror and
     * the merger; the client only sees what {@link FrameMerger#take} returns.
     */
    private static final class Session {
        final Framebuffer mirror;
        final Framebuffer client;
        final FrameMerger merger;
        boolean clientNeedsResize;
        long frame;
        long sent;

        Session(int width, int height) {
            mirror = new Framebuffer(width, height);
            client = new Framebuffer(width, height);
            merger = new FrameMerger(width, height);
        }

        void phoneSends(List<Rect> rects) {
            FrameUpdate u = new FrameUpdate(frame++, rects);
            mirror.apply(u);
            merger.add(u);
        }

        void phoneResizes(int width, int height) {
            mirror.resize(width, height);
            merger.resized(width, height);
            clientNeedsResize = true;
        }

        /** Takes, checks the bounds, applies to the client and checks it equals the mirror. */
        FrameUpdate take() {
            if (clientNeedsResize) {
                // The client is told the new size and starts from a cleared buffer.
                client.resize(mirror.width(), mirror.height());
                clientNeedsResize = false;
            }
            FrameUpdate u = merger.take(mirror, sent++);
            checkShape(u);
            client.apply(u); // also checks that every rect fits
            assertThat(merger.pending()).isFalse();
            assertThat(client.pixels()).as("client after take").isEqualTo(mirror.pixels());
            return u;
        }
    }

    /** Copies first, then paints; bounded counts. */
    private static void checkShape(FrameUpdate u) {
        long copies = u.rects().stream().filter(r -> r instanceof CopyRect).count();
        assertThat(copies).isLessThanOrEqualTo(FrameMerger.MAX_COPIES);
        assertThat(u.rects().size() - copies).isLessThanOrEqualTo(FrameMerger.MAX_DIRTY);
        boolean painted = false;
        for (Rect r : u.rects()) {
            if (r instanceof CopyRect) {
                assertThat(painted).as("a copy after a paint").isFalse();
            } else {
                painted = true;
            }
        }
    }

    private static int[] noise(Random r, int n) {
        int[] rgb = new int[n];
        for (int i = 0; i < n; i++) {
            rgb[i] = r.nextInt(1 << 24);
        }
        return rgb;
    }

    /** One random rect inside a width x height screen; {@code maxSide} limits paints. */
    private static Rect randomRect(Random r, int width, int height, int maxSide) {
        int kind = r.nextInt(5);
        if (kind >= 2) {
            int w = 1 + r.nextInt(width);
            int h = 1 + r.nextInt(height);
            int x = r.nextInt(width - w + 1);
            int y = r.nextInt(height - h + 1);
            int fromX;
            int fromY;
            if (kind == 2) {
                fromX = r.nextInt(width - w + 1);
                fromY = r.nextInt(height - h + 1);
            } else {
                // Mostly small shifts: the overlapping case that scrolling produces.
                fromX = Math.clamp(x + r.nextInt(7) - 3, 0, width - w);
                fromY = Math.clamp(y + r.nextInt(7) - 3, 0, height - h);
            }
            return new CopyRect(x, y, w, h, fromX, fromY);
        }
        int w = 1 + r.nextInt(Math.min(width, maxSide));
        int h = 1 + r.nextInt(Math.min(height, maxSide));
        int x = r.nextInt(width - w + 1);
        int y = r.nextInt(height - h + 1);
        // A small palette, so that one-colour areas (sent as fills) happen too.
        return kind == 0
                ? new FillRect(x, y, w, h, r.nextInt(4) * 0x3f3f3f)
                : new PixelsRect(x, y, w, h, r.nextBoolean() ? noise(r, w * h) : new int[w * h]);
    }

    private static int squareish(Random r, int side) {
        return Math.clamp(side + r.nextInt(17) - 8, 1, 64);
    }

    @Property(tries = 2000)
    void theClientAlwaysEndsUpWithTheMirror(@ForAll long seed, @ForAll @IntRange(min = 1, max = 64) int side,
                                           @ForAll @IntRange(min = 0, max = 30) int updates) {
        Random r = new Random(seed);
        int width = side;
        int height = squareish(r, side);
        Session s = new Session(width, height);
        // Noise, so that every pixel a copy moves is distinguishable; the first take is everything.
        s.phoneSends(List.of(new PixelsRect(0, 0, width, height, noise(r, width * height))));
        s.take();
        for (int u = 0; u < updates; u++) {
            int what = r.nextInt(20);
            if (what == 0) {
                width = squareish(r, width);
                height = squareish(r, width);
                s.phoneResizes(width, height);
            } else if (what < 5) {
                s.take();
            } else {
                List<Rect> rects = new ArrayList<>();
                for (int i = r.nextInt(4); i >= 0; i--) {
                    rects.add(randomRect(r, width, height, 1 + r.nextInt(64)));
                }
                s.phoneSends(rects);
            }
        }
        s.take();
        assertThat(s.take().rects()).isEmpty();
    }

    @Property(tries = 300)
    void manyUpdatesWithoutATakeStayBoundedAndExact(@ForAll long seed, @ForAll @IntRange(min = 1, max = 64) int side,
                                                    @ForAll @IntRange(min = 50, max = 400) int updates) {
        Random r = new Random(seed);
        int width = side;
        int height = squareish(r, side);
        Session s = new Session(width, height);
        s.phoneSends(List.of(new PixelsRect(0, 0, width, height, noise(r, width * height))));
        s.take();
        for (int u = 0; u < updates; u++) {
            if (r.nextInt(100) == 0) {
                s.take();
            }
            List<Rect> rects = new ArrayList<>();
            for (int i = r.nextInt(6); i >= 0; i--) {
                // Small paints, so that many disjoint dirty areas pile up.
                rects.add(randomRect(r, width, height, 3));
            }
            s.phoneSends(rects);
        }
        s.take();
    }

    /** A scroll up by {@code by} rows: the copy, and the exposed strip at the bottom. */
    private static List<Rect> scroll(Random r, int width, int height, int by) {
        return List.of(new CopyRect(0, 0, width, height - by, 0, by),
                new PixelsRect(0, height - by, width, by, noise(r, width * by)));
    }

    private static Session started(Random r, int width, int height) {
        Session s = new Session(width, height);
        s.phoneSends(List.of(new PixelsRect(0, 0, width, height, noise(r, width * height))));
        s.take();
        return s;
    }

    @Test
    void aScrollIsOneCopyAndOneStrip() {
        Random r = new Random(1);
        Session s = started(r, 40, 60);
        s.phoneSends(scroll(r, 40, 60, 5));
        FrameUpdate u = s.take();
        assertThat(u.rects()).hasSize(2);
        assertThat(u.rects().get(0)).isEqualTo(new CopyRect(0, 0, 40, 55, 0, 5));
        assertThat(u.rects().get(1)).isInstanceOf(PixelsRect.class)
                .extracting(Rect::x, Rect::y, Rect::width, Rect::height).containsExactly(0, 55, 40, 5);
    }

    @Test
    void twoScrollsAreTwoCopiesAndOneStrip() {
        Random r = new Random(2);
        Session s = started(r, 40, 60);
        s.phoneSends(scroll(r, 40, 60, 5));
        s.phoneSends(scroll(r, 40, 60, 3));
        FrameUpdate u = s.take();
        assertThat(u.rects()).hasSize(3);
        assertThat(u.rects().subList(0, 2)).containsExactly(
                new CopyRect(0, 0, 40, 55, 0, 5), new CopyRect(0, 0, 40, 57, 0, 3));
        assertThat(u.rects().get(2)).extracting(Rect::x, Rect::y, Rect::width, Rect::height)
                .containsExactly(0, 52, 40, 8);
    }

    @Test
    void moreCopiesThanTheBoundSendTheWholeScreen() {
        Random r = new Random(3);
        Session s = started(r, 20, 200);
        for (int i = 0; i <= FrameMerger.MAX_COPIES; i++) {
            s.phoneSends(scroll(r, 20, 200, 1));
        }
        FrameUpdate u = s.take();
        assertThat(u.rects()).hasSize(1);
        assertThat(u.rects().getFirst()).extracting(Rect::x, Rect::y, Rect::width, Rect::height)
                .containsExactly(0, 0, 20, 200);
    }

    @Test
    void aCopyOfFreshPaintIsSentAsPixelsAtBothEnds() {
        Random r = new Random(4);
        Session s = started(r, 30, 30);
        s.phoneSends(List.of(new PixelsRect(0, 0, 5, 5, noise(r, 25)), new CopyRect(20, 20, 10, 10, 0, 0)));
        FrameUpdate u = s.take(); // exactness is checked by take
        assertThat(u.rects()).filteredOn(x -> x instanceof CopyRect).hasSize(1);
        assertThat(u.rects()).filteredOn(x -> !(x instanceof CopyRect))
                .extracting(Rect::x, Rect::y, Rect::width, Rect::height)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(0, 0, 5, 5),
                        org.assertj.core.groups.Tuple.tuple(20, 20, 5, 5));
    }

    @Test
    void aCopyRepaintedAfterwardsIsNotSent() {
        Random r = new Random(5);
        Session s = started(r, 30, 30);
        s.phoneSends(scroll(r, 30, 30, 4));
        s.phoneSends(List.of(new PixelsRect(0, 0, 30, 30, noise(r, 900))));
        FrameUpdate u = s.take();
        assertThat(u.rects()).hasSize(1).first().isInstanceOf(PixelsRect.class);
    }

    @Test
    void aThousandSmallUpdatesGiveABoundedExactTake() {
        Random r = new Random(6);
        Session s = started(r, 64, 64);
        for (int i = 0; i < 1000; i++) {
            int x = r.nextInt(62);
            int y = r.nextInt(62);
            s.phoneSends(List.of(r.nextBoolean()
                    ? new FillRect(x, y, 1 + r.nextInt(2), 1 + r.nextInt(2), r.nextInt(1 << 24))
                    : new PixelsRect(x, y, 2, 2, noise(r, 4))));
        }
        FrameUpdate u = s.take();
        assertThat(u.rects()).hasSizeLessThanOrEqualTo(FrameMerger.MAX_DIRTY);
    }

    @Test
    void aOneColourAreaIsSentAsAFill() {
        Session s = started(new Random(7), 10, 10);
        s.phoneSends(List.of(new PixelsRect(2, 2, 2, 2, new int[] {0x123456, 0x123456, 0x123456, 0x123456})));
        assertThat(s.take().rects()).containsExactly(new FillRect(2, 2, 2, 2, 0x123456));
    }

    @Test
    void nothingPendingGivesAnUpdateWithNoRects() {
        Session s = started(new Random(8), 10, 10);
        assertThat(s.merger.pending()).isFalse();
        FrameUpdate u = s.merger.take(s.mirror, 42);
        assertThat(u.frame()).isEqualTo(42);
        assertThat(u.rects()).isEmpty();
    }

    @Test
    void aNewMergerSendsEverything() {
        var merger = new FrameMerger(8, 4);
        assertThat(merger.pending()).isTrue();
        assertThat(merger.take(new Framebuffer(8, 4), 0).rects()).containsExactly(new FillRect(0, 0, 8, 4, 0));
    }

    @Test
    void aResizeSendsTheWholeNewScreen() {
        Random r = new Random(9);
        Session s = started(r, 10, 10);
        s.phoneSends(scroll(r, 10, 10, 2));
        s.phoneResizes(12, 7);
        s.phoneSends(List.of(new PixelsRect(0, 0, 12, 7, noise(r, 84)), new CopyRect(0, 0, 12, 6, 0, 1)));
        FrameUpdate u = s.take();
        assertThat(u.rects()).hasSize(1).first().extracting(Rect::x, Rect::y, Rect::width, Rect::height)
                .containsExactly(0, 0, 12, 7);
    }

    @Test
    void aMirrorOfAnotherSizeIsRefused() {
        var merger = new FrameMerger(8, 4);
        assertThatThrownBy(() -> merger.take(new Framebuffer(4, 8), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
