package org.workcell.sdk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverlayTest {
    private final List<String> taps = new ArrayList<>();
    private final Button under = new Button("Under", v -> taps.add("under"));
    private final TextField field = new TextField("Name");
    private final Screens s = new Screens(new Column(under, field).spacing(16).padding(16));

    @Test
    void aDialogTakesEveryTouchAndClosesOnBack() {
        field.requestFocus();
        List<String> closed = new ArrayList<>();
        Dialog d = new Dialog("Delete?").message("This cannot be undone.")
                .button("Delete", () -> taps.add("delete"))
                .onDismiss(() -> closed.add("closed"))
                .show(s.window);
        assertThat(field.focused()).isFalse(); // typing must not go beneath
        s.settle();
        s.tap(under);
        assertThat(taps).isEmpty();
        s.type("x");
        assertThat(field.text()).isEmpty();

        assertThat(s.window.key(new KeyEvent(KeyEvent.Key.BACK, true, 0))).isTrue();
        s.settle();
        assertThat(d.showing()).isFalse();
        assertThat(s.window.layers()).hasSize(1);
        assertThat(closed).containsExactly("closed");
        s.tap(under);
        assertThat(taps).containsExactly("under");
        s.settle();
        assertThat(s.window.loop().untilNext()).isEqualTo(-1);
    }

    @Test
    void aDialogButtonRunsItsActionAndClosesAndATapOutsideCancels() {
        new Dialog("Send?").button("Send", () -> taps.add("send")).show(s.window);
        s.settle();
        View send = s.window.root().find(v -> v instanceof Button b && b.text().equals("Send")).orElseThrow();
        s.tap(send);
        s.settle();
        assertThat(taps).containsExactly("send");
        assertThat(s.window.layers()).hasSize(1);

        Dialog modal = new Dialog("Must answer").cancelable(false).button("OK", null).show(s.window);
        s.settle();
        s.tap(5, 5);
        s.key(KeyEvent.Key.ESCAPE);
        s.settle();
        assertThat(modal.showing()).isTrue();
        new Dialog("Other").show(s.window);
        Dialog cancelable = new Dialog("Cancel me").show(s.window);
        s.settle();
        s.tap(5, 5);
        s.settle();
        assertThat(cancelable.showing()).isFalse();
    }

    @Test
    void aMenuOpensBesideItsAnchorRunsAnItemAndATapOutsideOnlyCloses() {
        Menu menu = new Menu(under).item("Archive", () -> taps.add("archive")).item(Icon.Glyph.TRASH, "Delete", () -> taps.add("delete")).show();
        s.settle();
        View delete = s.window.root().find(v -> "Delete".equals(v.description()) && v.clickable()).orElseThrow();
        assertThat(delete.windowRect().y()).isGreaterThanOrEqualTo(under.windowRect().bottom());
        s.tap(delete);
        assertThat(taps).containsExactly("delete");
        assertThat(menu.showing()).isFalse();

        Menu again = new Menu(under).item("Archive", () -> taps.add("archive")).show();
        s.settle();
        s.tap(300, 600); // nowhere near: closes, and the tap goes no further
        assertThat(again.showing()).isFalse();
        assertThat(taps).containsExactly("delete");
    }

    @Test
    void aToastNeverBlocksTouchesAndGoesAwayByItself() {
        Toast toast = Toast.show(s.window, "Saved");
        s.settle();
        assertThat(toast.showing()).isTrue();
        s.tap(under);
        assertThat(taps).containsExactly("under");
        View pill = s.window.root().find(v -> v instanceof Label l && l.text().equals("Saved")).orElseThrow();
        Rect r = pill.windowRect();
        s.tap(r.x() + r.width() / 2, r.y() + r.height() / 2); // even on the toast itself: nothing to take it

        s.advance(Toast.SHOW_MILLIS - 500);
        assertThat(s.window.layers()).hasSize(2);
        s.advance(1000);
        s.settle();
        assertThat(toast.showing()).isFalse();
        assertThat(s.window.layers()).hasSize(1);
        assertThat(s.window.frameNeeded()).isFalse();
        assertThat(s.window.loop().untilNext()).isEqualTo(-1);
    }

    @Test
    void aNewToastReplacesTheOneShowing() {
        Toast.show(s.window, "One");
        Toast two = Toast.show(s.window, "Two");
        s.settle();
        assertThat(s.window.layers()).hasSize(2);
        assertThat(two.showing()).isTrue();
    }

    @Test
    void aBannerSlidesInRunsItsActionWhenTappedAndOtherwiseHidesItself() {
        Banner b = Banner.show(s.window, Icon.Glyph.MAIL, "New mail", "From Ana: the quarterly numbers", () -> taps.add("open"));
        assertThat(b.card().windowRect().bottom()).isLessThanOrEqualTo(0);
        s.settle();
        assertThat(b.card().windowRect().y()).isPositive();
        s.tap(b.card());
        assertThat(taps).containsExactly("open");
        s.settle();
        assertThat(s.window.layers()).hasSize(1);

        Banner other = Banner.show(s.window, "Reminder", "Stand-up in 5 minutes", () -> taps.add("reminder"));
        s.settle();
        s.tap(under.windowRect().x() + 2, s.window.height() - 5); // beside the banner: goes beneath
        s.advance(Banner.SHOW_MILLIS);
        s.settle();
        assertThat(other.showing()).isFalse();
        assertThat(s.window.layers()).hasSize(1);
        assertThat(taps).containsExactly("open");
        assertThat(s.window.loop().untilNext()).isEqualTo(-1);
    }

    @Test
    void aScrollStillMovesPixelsUnderAToastThatDoesNotOverlapIt() {
        Column column = new Column();
        for (int i = 0; i < 60; i++) {
            column.add(new Label("Row " + i).padding(16, 12));
        }
        Scroll scroll = new Scroll(column);
        scroll.height(300);
        Screens t = new Screens(new Column(scroll, new Spacer().flex(1)));
        Toast.show(t.window, "Copied");
        t.settle();
        scroll.scrollTo(40);
        Window.Frame frame = t.window.render();
        assertThat(frame.copies()).hasSize(1);

        // A dialog's scrim covers everything: no copying from under it.
        new Dialog("Hi").show(t.window);
        t.settle();
        scroll.scrollTo(80);
        assertThat(t.window.render().copies()).isEmpty();
    }
}
