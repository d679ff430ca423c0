package org.workcell.sdk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyboardTest {
    private final TextField field = new TextField("Message");
    private final Keyboard keyboard = new Keyboard();
    private final Screens s = new Screens(new Column(field, new Spacer().flex(1), keyboard));

    private void tapKey(String label) {
        Rect r = keyboard.keyRect(label);
        assertThat(r.isEmpty()).as("key %s on this page", label).isFalse();
        s.tap(r.x() + r.width() / 2, r.y() + r.height() / 2);
        s.time.advance(120);
    }

    @Test
    void tappingKeysTypesIntoTheFocusedField() {
        field.requestFocus();
        tapKey("⇧");
        tapKey("h");
        tapKey("i");
        tapKey("123");
        tapKey("!");
        assertThat(field.text()).isEqualTo("Hi!");
        assertThat(keyboard.symbols()).isTrue();
        assertThat(field.focused()).isTrue(); // the keyboard never takes the focus
        tapKey("ABC");
        tapKey("space");
        tapKey("o");
        assertThat(field.text()).isEqualTo("Hi! o");
        assertThat(keyboard.keyRect("space").height()).isEqualTo(keyboard.keyRect("q").height());
        assertThat(keyboard.height()).isEqualTo(260);
    }

    @Test
    void shiftIsOneShotAndADoubleTapLocksCapitals() {
        field.requestFocus();
        tapKey("⇧");
        tapKey("a");
        tapKey("a");
        Rect shift = keyboard.keyRect("⇧");
        s.tap(shift.x() + 5, shift.y() + 5);
        s.time.advance(100);
        s.tap(shift.x() + 5, shift.y() + 5);
        s.time.advance(400);
        tapKey("b");
        tapKey("c");
        assertThat(field.text()).isEqualTo("AaBC");
    }

    @Test
    void enterGoesToTheFieldAsAKey() {
        List<String> submitted = new ArrayList<>();
        field.onSubmit(submitted::add);
        field.requestFocus();
        tapKey("o");
        tapKey("k");
        tapKey("⏎");
        assertThat(submitted).containsExactly("ok");
    }

    @Test
    void backspaceRepeatsWhileHeldAndStopsWhenReleased() {
        field.text("abcdefghijklmnopqrstuvwxyz");
        field.requestFocus();
        s.window.render();
        Rect r = keyboard.keyRect("⌫");
        int x = r.x() + r.width() / 2;
        int y = r.y() + r.height() / 2;
        s.window.touch(new TouchEvent(TouchEvent.Action.DOWN, x, y, s.now()));
        assertThat(field.text()).hasSize(25);
        s.advance(Keyboard.REPEAT_DELAY_MILLIS);
        assertThat(field.text()).hasSize(24);
        for (int i = 0; i < 4; i++) {
            s.advance(Keyboard.REPEAT_MILLIS);
        }
        assertThat(field.text()).hasSize(20);
        s.window.touch(new TouchEvent(TouchEvent.Action.UP, x, y, s.now()));
        s.advance(1000);
        assertThat(field.text()).hasSize(20);
    }

    @Test
    void aPressedKeyRepaintsOnlyItself() {
        field.requestFocus();
        s.window.focus(null); // no caret blinking in the frames below
        s.settle();
        Rect r = keyboard.keyRect("g");
        s.window.touch(new TouchEvent(TouchEvent.Action.DOWN, r.x() + 3, r.y() + 3, s.now()));
        Window.Frame frame = s.advance(16);
        assertThat(frame.damage()).containsExactly(r);
        int inside = s.window.pixels()[(r.y() + 2) * s.window.width() + r.x() + 2] & 0xFFFFFF;
        assertThat(inside).isEqualTo(Theme.LIGHT.primary());
        s.window.touch(new TouchEvent(TouchEvent.Action.UP, r.x() + 3, r.y() + 3, s.now()));
        s.settle();
        assertThat(s.window.loop().untilNext()).isEqualTo(-1);
    }
}
