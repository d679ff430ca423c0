package org.workcell.sdk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ScrollDamageTest {
    private static Scroll longList() {
        Column column = new Column();
        for (int i = 0; i < 60; i++) {
            column.add(new Label("Row " + i + " of a long list that scrolls").padding(16, 12).background(i % 2 == 0 ? 0xFFFFFF : 0xEEF2F8));
        }
        return new Scroll(column);
    }

    private static Window window(FakeTime time, View content) {
        Window w = new Window(new UiLoop(time), Theme.LIGHT, 360, 640, 160);
        w.setContent(content);
        w.render();
        return w;
    }

    /** Runs frames while something animates, as the runtime would, 16 ms apart. */
    private static void settle(FakeTime time, Window w) {
        for (int i = 0; i < 1000 && w.frameNeeded(); i++) {
            time.advance(16);
            w.loop().runDue();
            w.render();
        }
    }

    @Test
    void aDragMovesPixelsAndRepaintsOnlyTheStripThatComesIntoView() {
        FakeTime time = new FakeTime();
        Scroll scroll = longList();
        Window w = window(time, scroll);
        w.touch(new TouchEvent(TouchEvent.Action.DOWN, 100, 500, time.getAsLong()));
        for (int y = 490; y >= 300; y -= 10) {
            time.advance(100); // slow drag: no fling afterwards
            w.touch(new TouchEvent(TouchEvent.Action.MOVE, 100, y, time.getAsLong()));
        }
        Window.Frame frame = w.render();
        w.touch(new TouchEvent(TouchEvent.Action.UP, 100, 300, time.getAsLong() + 500));

        assertThat(frame.copies()).hasSize(1);
        assertThat(frame.copies().getFirst().dy()).isNegative();
        long painted = frame.damage().stream().mapToLong(Rect::area).sum();
        assertThat(painted).isLessThan(360L * 640 / 2);
        assertThat(scroll.scrollY()).isPositive();

        // The result must equal painting the whole screen at that scroll position from scratch.
        Scroll fresh = longList();
        Window reference = window(new FakeTime(), fresh);
        fresh.scrollTo(scroll.scrollY());
        reference.damage(new Rect(0, 0, 360, 640));
        reference.render();
        assertThat(w.pixels()).isEqualTo(reference.pixels());
    }

    @Test
    void aFlingDeceleratesStopsAndThenNoMoreFramesAreProduced() {
        FakeTime time = new FakeTime();
        Scroll scroll = longList();
        Window w = window(time, scroll);
        w.touch(new TouchEvent(TouchEvent.Action.DOWN, 100, 600, time.getAsLong()));
        for (int y = 560; y >= 200; y -= 40) {
            time.advance(8);
            w.touch(new TouchEvent(TouchEvent.Action.MOVE, 100, y, time.getAsLong()));
        }
        w.touch(new TouchEvent(TouchEvent.Action.UP, 100, 200, time.getAsLong()));
        int afterDrag = scroll.scrollY();
        assertThat(w.animating()).isTrue();
        settle(time, w);
        assertThat(scroll.scrollY()).isGreaterThan(afterDrag).isLessThanOrEqualTo(scroll.maxScroll());
        assertThat(w.animating()).isFalse();
        assertThat(w.frameNeeded()).isFalse();
        assertThat(w.loop().untilNext()).isEqualTo(-1); // idle: nothing scheduled, no CPU
    }

    @Test
    void overscrollAtTheTopSpringsBack() {
        FakeTime time = new FakeTime();
        Scroll scroll = longList();
        Window w = window(time, scroll);
        w.touch(new TouchEvent(TouchEvent.Action.DOWN, 100, 100, time.getAsLong()));
        for (int y = 120; y <= 400; y += 20) {
            time.advance(100);
            w.touch(new TouchEvent(TouchEvent.Action.MOVE, 100, y, time.getAsLong()));
        }
        assertThat(scroll.scrollY()).isNegative();
        w.touch(new TouchEvent(TouchEvent.Action.UP, 100, 400, time.getAsLong()));
        settle(time, w);
        assertThat(scroll.scrollY()).isZero();
    }

    @Test
    void tappingARowInsideAScrollClicksItButDraggingDoesNot() {
        FakeTime time = new FakeTime();
        int[] clicks = new int[1];
        Column column = new Column();
        for (int i = 0; i < 40; i++) {
            column.add(new Label("Row " + i).padding(16).onClick(v -> clicks[0]++));
        }
        Window w = window(time, new Scroll(column));
        Supplier<Long> t = time::getAsLong;
        w.touch(new TouchEvent(TouchEvent.Action.DOWN, 50, 20, t.get()));
        w.touch(new TouchEvent(TouchEvent.Action.UP, 50, 20, t.get()));
        assertThat(clicks[0]).isEqualTo(1);
        w.touch(new TouchEvent(TouchEvent.Action.DOWN, 50, 300, t.get()));
        w.touch(new TouchEvent(TouchEvent.Action.MOVE, 50, 250, t.get() + 50));
        w.touch(new TouchEvent(TouchEvent.Action.UP, 50, 250, t.get() + 100));
        assertThat(clicks[0]).isEqualTo(1);
    }
}
