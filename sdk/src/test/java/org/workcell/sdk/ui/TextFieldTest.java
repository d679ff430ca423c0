package org.workcell.sdk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextFieldTest {
    private static Screens focusedOn(TextField field) {
        Screens s = new Screens(new Column(field, new Label("below")).padding(16));
        field.requestFocus();
        s.window.render();
        return s;
    }

    @Test
    void typingInsertsAtTheCaretAndReportsEachChange() {
        TextField f = new TextField("Name");
        List<String> changes = new ArrayList<>();
        f.onChange(changes::add);
        Screens s = focusedOn(f);
        s.type("Hllo");
        s.key(KeyEvent.Key.HOME);
        s.key(KeyEvent.Key.RIGHT);
        s.type("e");
        assertThat(f.text()).isEqualTo("Hello");
        assertThat(f.caret()).isEqualTo(2);
        assertThat(changes).containsExactly("Hllo", "Hello");
        s.key(KeyEvent.Key.END);
        s.type(", world");
        assertThat(f.text()).isEqualTo("Hello, world");
    }

    @Test
    void theCaretMovesByCharacterAndStopsAtTheEnds() {
        TextField f = new TextField();
        Screens s = focusedOn(f);
        s.type("abc");
        s.key(KeyEvent.Key.RIGHT);
        assertThat(f.caret()).isEqualTo(3);
        s.key(KeyEvent.Key.LEFT);
        s.key(KeyEvent.Key.LEFT);
        assertThat(f.caret()).isEqualTo(1);
        for (int i = 0; i < 5; i++) {
            s.key(KeyEvent.Key.LEFT);
        }
        assertThat(f.caret()).isZero();
        s.key(KeyEvent.Key.END);
        assertThat(f.caret()).isEqualTo(3);
    }

    @Test
    void typingReplacesTheSelection() {
        TextField f = new TextField();
        Screens s = focusedOn(f);
        s.type("one two three");
        s.key(KeyEvent.Key.LEFT, KeyEvent.SHIFT);
        s.key(KeyEvent.Key.LEFT, KeyEvent.SHIFT);
        s.key(KeyEvent.Key.LEFT, KeyEvent.SHIFT);
        s.key(KeyEvent.Key.LEFT, KeyEvent.SHIFT);
        s.key(KeyEvent.Key.LEFT, KeyEvent.SHIFT);
        assertThat(f.selectedText()).isEqualTo("three");
        s.type("3");
        assertThat(f.text()).isEqualTo("one two 3");
        s.key(KeyEvent.Key.SELECT_ALL);
        assertThat(f.selectedText()).isEqualTo("one two 3");
        s.key(KeyEvent.Key.BACKSPACE);
        assertThat(f.text()).isEmpty();
    }

    @Test
    void backspaceAtTheStartDoesNothing() {
        TextField f = new TextField();
        int[] changes = new int[1];
        f.onChange(t -> changes[0]++);
        Screens s = focusedOn(f);
        s.type("ab");
        s.key(KeyEvent.Key.HOME);
        s.key(KeyEvent.Key.BACKSPACE);
        assertThat(f.text()).isEqualTo("ab");
        assertThat(f.caret()).isZero();
        assertThat(changes[0]).isEqualTo(1);
        s.key(KeyEvent.Key.DELETE);
        assertThat(f.text()).isEqualTo("b");
    }

    @Test
    void pasteIsCutToTheMaximumLength() {
        TextField f = new TextField().maxLength(8);
        Screens s = focusedOn(f);
        s.type("abc");
        s.window.clipboard().set("0123456789");
        s.key(KeyEvent.Key.PASTE);
        assertThat(f.text()).isEqualTo("abc01234");
        assertThat(f.caret()).isEqualTo(8);
        s.type("x");
        assertThat(f.text()).isEqualTo("abc01234");
    }

    @Test
    void copyAndCutGoThroughTheWindowsClipboard() {
        List<String> copied = new ArrayList<>();
        TextField f = new TextField();
        Screens s = focusedOn(f);
        s.window.clipboard(new Clipboard() {
            @Override
            public String get() {
                return "pasted";
            }

            @Override
            public void set(String text) {
                copied.add(text);
            }
        });
        s.type("hello world");
        s.key(KeyEvent.Key.LEFT, KeyEvent.SHIFT | KeyEvent.CTRL);
        f.select(6, 11);
        s.key(KeyEvent.Key.CUT);
        assertThat(copied).containsExactly("world");
        assertThat(f.text()).isEqualTo("hello ");
        s.key(KeyEvent.Key.PASTE);
        assertThat(f.text()).isEqualTo("hello pasted");
    }

    @Test
    void enterSubmitsASingleLineFieldAndBreaksTheLineInAMultiLineOne() {
        List<String> submitted = new ArrayList<>();
        TextField single = new TextField().onSubmit(submitted::add);
        Screens s = focusedOn(single);
        s.type("search");
        s.key(KeyEvent.Key.ENTER);
        assertThat(submitted).containsExactly("search");
        assertThat(single.text()).isEqualTo("search");
        s.type("a\nb");
        assertThat(single.text()).isEqualTo("searcha b");

        TextField multi = new TextField().multiline(true).onSubmit(submitted::add);
        Screens m = focusedOn(multi);
        m.type("line one");
        int before = multi.height();
        m.key(KeyEvent.Key.ENTER);
        m.type("line two");
        m.window.render();
        assertThat(multi.text()).isEqualTo("line one\nline two");
        assertThat(submitted).containsExactly("search");
        assertThat(multi.height()).isGreaterThan(before);
        m.key(KeyEvent.Key.UP);
        assertThat(multi.caret()).isLessThanOrEqualTo(8);
        m.key(KeyEvent.Key.DOWN);
        assertThat(multi.caret()).isEqualTo(17);
    }

    @Test
    void aMultiLineFieldGrowsToItsMaximumLinesAndThenScrollsInside() {
        TextField multi = new TextField().multiline(true).maxLines(3);
        Screens s = focusedOn(multi);
        s.type("1\n2\n3");
        s.window.render();
        int three = multi.height();
        s.type("\n4\n5\n6");
        s.window.render();
        assertThat(multi.height()).isEqualTo(three);
        Rect caret = multi.caretRect();
        assertThat(caret.bottom()).isLessThanOrEqualTo(multi.height());
        assertThat(caret.y()).isPositive();
    }

    @Test
    void aPasswordShowsDotsAndItsTextIsNotInTheDescription() {
        TextField f = new TextField("PIN").password(true);
        Screens s = focusedOn(f);
        s.type("s3cret");
        s.window.render();
        assertThat(f.description()).doesNotContain("s3cret").contains("PIN");
        assertThat(s.window.root().findAll(v -> v.description() != null && v.description().contains("s3cret"))).isEmpty();
        f.selectAll();
        s.key(KeyEvent.Key.COPY);
        assertThat(s.window.clipboard().get()).isEmpty();

        // What is painted is the same as for any other six characters.
        TextField other = new TextField("PIN").password(true);
        Screens o = focusedOn(other);
        o.type("xxxxxx");
        other.selectAll();
        o.window.render();
        s.window.render();
        assertThat(s.window.pixels()).isEqualTo(o.window.pixels());
    }

    @Test
    void theCaretBlinksByRepaintingOnlyItsRectangleAndStopsWithTheFocus() {
        TextField f = new TextField();
        Screens s = focusedOn(f);
        s.type("blink");
        s.window.render();
        assertThat(f.caretVisible()).isTrue();
        Window.Frame off = s.advance(TextField.BLINK_MILLIS);
        assertThat(f.caretVisible()).isFalse();
        Rect caret = f.caretRect().offset(f.windowRect().x(), f.windowRect().y());
        assertThat(off.damage()).containsExactly(caret);
        assertThat(off.copies()).isEmpty();
        Window.Frame on = s.advance(TextField.BLINK_MILLIS);
        assertThat(f.caretVisible()).isTrue();
        assertThat(on.damage()).containsExactly(caret);

        s.window.focus(null);
        s.settle();
        assertThat(s.window.loop().untilNext()).isEqualTo(-1);
        assertThat(s.window.frameNeeded()).isFalse();
        s.time.advance(5_000);
        assertThat(s.window.loop().runDue()).isZero();
    }

    @Test
    void aTapPlacesTheCaretAtTheTouchedCharacter() {
        TextField f = new TextField();
        Screens s = focusedOn(f);
        f.text("abcdefgh");
        s.window.focus(null);
        s.window.render();
        Rect r = f.windowRect();
        // Between d and e: the caret's own x for index 4.
        f.select(4, 4);
        int x = f.caretRect().x() + 1 + r.x();
        f.select(0, 0);
        s.tap(x + 1, r.y() + r.height() / 2);
        assertThat(f.focused()).isTrue();
        assertThat(f.caret()).isEqualTo(4);
        s.tap(r.x() + r.width() - 5, r.y() + r.height() / 2);
        assertThat(f.caret()).isEqualTo(8);
    }

    @Test
    void aDoubleTapSelectsAWordAndADragSelectsText() {
        TextField f = new TextField().text("hello brave world");
        Screens s = focusedOn(f);
        f.select(8, 8);
        Rect r = f.windowRect();
        int x = f.caretRect().x() + r.x() + 1;
        int y = r.y() + r.height() / 2;
        s.tap(x, y);
        s.time.advance(100);
        s.tap(x, y);
        assertThat(f.selectedText()).isEqualTo("brave");

        s.time.advance(1000);
        f.select(0, 0);
        int x0 = f.caretRect().x() + r.x() + 1;
        f.select(5, 5);
        int x5 = f.caretRect().x() + r.x() + 1;
        s.window.touch(new TouchEvent(TouchEvent.Action.DOWN, x0, y, s.now()));
        s.window.touch(new TouchEvent(TouchEvent.Action.MOVE, (x0 + x5) / 2, y, s.now() + 20));
        s.window.touch(new TouchEvent(TouchEvent.Action.MOVE, x5, y, s.now() + 40));
        s.window.touch(new TouchEvent(TouchEvent.Action.UP, x5, y, s.now() + 60));
        assertThat(f.selectedText()).isEqualTo("hello");
    }

    @Test
    void aLongSingleLineScrollsSidewaysToKeepTheCaretInView() {
        TextField f = new TextField();
        f.width(120);
        Screens s = focusedOn(f);
        s.type("a rather long line of text that does not fit at all");
        Rect caret = f.caretRect();
        assertThat(caret.right()).isLessThanOrEqualTo(f.width());
        s.key(KeyEvent.Key.HOME);
        assertThat(f.caretRect().x()).isLessThan(f.paddingLeftPx() + 2);
    }
}
