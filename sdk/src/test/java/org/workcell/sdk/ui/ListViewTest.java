package org.workcell.sdk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListViewTest {
    /** Rows "Row n" with a label and a caption, alternating backgrounds; counts binds. */
    static final class Rows implements ListView.Adapter {
        int count;
        int binds;
        final List<Integer> clicked = new ArrayList<>();

        Rows(int count) {
            this.count = count;
        }

        @Override
        public int count() {
            return count;
        }

        @Override
        public View create() {
            Column row = new Column(new Label(""), new Label("").style(Label.Style.CAPTION));
            row.padding(16, 6);
            return row;
        }

        @Override
        public void bind(View row, int position) {
            binds++;
            Column c = (Column) row;
            ((Label) c.children().get(0)).text("Row " + position);
            ((Label) c.children().get(1)).text("Detail of row " + position);
            c.background(position % 2 == 0 ? 0xFFFFFF : 0xEEF2F8);
            c.onClick(v -> clicked.add(position));
        }
    }

    private static ListView list(int count) {
        return new ListView(new Rows(count), 56).dividers(true, 16);
    }

    private static int maxRows(Window w, ListView list) {
        return (int) Math.ceil(w.height() / (double) list.rowHeightPx()) + 1;
    }

    private static void assertLooksLikeAFreshPaint(Screens s, int count, int scrollY) {
        ListView fresh = list(count);
        Screens reference = new Screens(fresh);
        fresh.scrollTo(scrollY);
        reference.window.damage(new Rect(0, 0, 360, 640));
        reference.window.render();
        assertThat(s.window.pixels()).isEqualTo(reference.window.pixels());
    }

    @Test
    void onlyTheRowsInViewExistAndADragMovesPixels() {
        ListView list = list(10_000);
        Screens s = new Screens(list);
        int bound = maxRows(s.window, list);
        assertThat(list.children()).hasSizeLessThanOrEqualTo(bound);
        s.window.touch(new TouchEvent(TouchEvent.Action.DOWN, 100, 500, s.now()));
        s.window.touch(new TouchEvent(TouchEvent.Action.MOVE, 100, 480, s.now())); // past the slop: a drag
        s.window.render();
        for (int y = 470; y >= 200; y -= 10) {
            s.time.advance(100); // slow: no fling
            s.window.touch(new TouchEvent(TouchEvent.Action.MOVE, 100, y, s.now()));
            Window.Frame frame = s.window.render();
            assertThat(frame.copies()).hasSize(1);
            long painted = frame.damage().stream().mapToLong(Rect::area).sum();
            assertThat(painted).isLessThanOrEqualTo(360L * 20);
        }
        s.window.touch(new TouchEvent(TouchEvent.Action.UP, 100, 200, s.now() + 500));
        s.settle();
        assertThat(list.scrollY()).isPositive();
        assertThat(list.createdRows()).isLessThanOrEqualTo(bound);
        assertLooksLikeAFreshPaint(s, 10_000, list.scrollY());
    }

    @Test
    void aFlingAcrossThousandsOfRowsKeepsTheViewsBoundedAndEndsPixelExact() {
        ListView list = list(10_000);
        Rows rows = (Rows) list.adapter();
        Screens s = new Screens(list);
        int bound = maxRows(s.window, list);
        // A finger flick first, then a programmatic one much faster than a finger.
        s.window.touch(new TouchEvent(TouchEvent.Action.DOWN, 100, 600, s.now()));
        for (int y = 560; y >= 200; y -= 40) {
            s.time.advance(8);
            s.window.touch(new TouchEvent(TouchEvent.Action.MOVE, 100, y, s.now()));
        }
        s.window.touch(new TouchEvent(TouchEvent.Action.UP, 100, 200, s.now()));
        assertThat(s.window.animating()).isTrue();
        s.settle();
        int afterFlick = list.scrollY();
        assertThat(afterFlick).isGreaterThan(1000);
        list.fling(300); // px per ms
        int frames = 0;
        while (s.window.frameNeeded() && frames < 2000) {
            s.time.advance(16);
            s.window.loop().runDue();
            s.window.render();
            frames++;
            assertThat(list.children()).hasSizeLessThanOrEqualTo(bound);
        }
        assertThat(list.firstVisiblePosition()).isGreaterThan(1500);
        assertThat(list.createdRows()).isLessThanOrEqualTo(bound);
        assertThat(rows.binds).isLessThan(list.firstVisiblePosition() / 2); // rows flown past are never bound
        assertThat(s.window.loop().untilNext()).isEqualTo(-1);
        assertLooksLikeAFreshPaint(s, 10_000, list.scrollY());

        // The rows in view are the right ones, and tapping one clicks that row.
        int first = list.firstVisiblePosition();
        View row = list.rowView(first + 2);
        assertThat(((Label) ((Column) row).children().getFirst()).text()).isEqualTo("Row " + (first + 2));
        s.tap(row);
        assertThat(rows.clicked).containsExactly(first + 2);
    }

    @Test
    void aFlingToTheEndOverscrollsAndSpringsBack() {
        ListView list = list(500);
        Screens s = new Screens(list);
        list.scrollToPosition(480);
        s.window.render();
        list.fling(20);
        s.settle();
        assertThat(list.scrollY()).isEqualTo(list.maxScroll());
        assertLooksLikeAFreshPaint(s, 500, list.scrollY());
    }

    @Test
    void nearingTheEndAsksForTheNextPageOnce() {
        Rows rows = new Rows(50);
        ListView list = new ListView(rows, 56);
        int[] asked = new int[1];
        list.onNearEnd(5, () -> asked[0]++);
        Screens s = new Screens(list);
        assertThat(asked[0]).isZero();
        list.scrollToPosition(30); // rows 30..41 in view: not yet within 5 of row 49
        s.window.render();
        assertThat(asked[0]).isZero();
        list.scrollToPosition(35);
        s.window.render();
        assertThat(asked[0]).isEqualTo(1);
        list.scrollToPosition(40);
        s.window.render();
        assertThat(asked[0]).isEqualTo(1);
        rows.count = 100;
        list.notifyChanged();
        s.window.render();
        assertThat(asked[0]).isEqualTo(1);
        list.scrollToPosition(95);
        s.window.render();
        assertThat(asked[0]).isEqualTo(2);
    }

    @Test
    void anEmptyListShowsItsEmptyViewAndNotifyChangedShowsNewRows() {
        Rows rows = new Rows(0);
        Label empty = new Label("No mail");
        ListView list = new ListView(rows, 56).emptyView(empty);
        Screens s = new Screens(list);
        assertThat(empty.visible()).isTrue();
        assertThat(empty.width()).isPositive();
        assertThat(list.children()).containsExactly(empty);
        rows.count = 3;
        list.notifyChanged();
        s.window.render();
        assertThat(empty.visible()).isFalse();
        assertThat(list.rowView(2)).isNotNull();
        assertThat(list.rowView(3)).isNull();
        assertThat(s.window.root().findAll(v -> v instanceof Label l && l.text().equals("Row 2"))).hasSize(1);
    }
}
