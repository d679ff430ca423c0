package org.workcell.sdk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NavigatorTest {
    private final List<String> taps = new ArrayList<>();

    private View page(String name) {
        return new Column(new Button(name, v -> taps.add(name)).width(View.FILL).height(600));
    }

    @Test
    void pushSlidesTheNewPageInAndThenOnlyItIsInTheTree() {
        View inbox = page("inbox");
        View message = page("message");
        Navigator nav = new Navigator(inbox);
        Screens s = new Screens(nav);
        nav.push(message);
        s.advance(16);
        s.advance(16);
        assertThat(nav.transitioning()).isTrue();
        assertThat(message.x()).isPositive().isLessThan(360);
        s.tap(100, 100); // during the transition: nobody
        assertThat(taps).isEmpty();
        s.settle();
        assertThat(nav.transitioning()).isFalse();
        assertThat(nav.children()).containsExactly(message);
        assertThat(inbox.window()).isNull();
        assertThat(message.x()).isZero();
        s.tap(100, 100);
        assertThat(taps).containsExactly("message");
        s.settle();
        assertThat(s.window.loop().untilNext()).isEqualTo(-1);
    }

    @Test
    void popPlaysItBackwardsAndTheUncoveredPageGetsTouchesAgain() {
        View inbox = page("inbox");
        View message = page("message");
        Navigator nav = new Navigator(inbox);
        List<View> tops = new ArrayList<>();
        nav.onChange(tops::add);
        Screens s = new Screens(nav);
        nav.push(message);
        s.settle();
        assertThat(nav.pop()).isTrue();
        s.advance(16);
        s.advance(16);
        assertThat(nav.children()).containsExactly(inbox, message);
        assertThat(message.x()).isPositive();
        s.settle();
        assertThat(nav.children()).containsExactly(inbox);
        assertThat(message.window()).isNull();
        s.tap(100, 100);
        assertThat(taps).containsExactly("inbox");
        assertThat(nav.pop()).isFalse();
        assertThat(tops).containsExactly(message, inbox);

        // A fresh paint of the inbox alone looks the same: nothing of the message page is left.
        Screens fresh = new Screens(new Navigator(page("inbox")));
        assertThat(s.window.pixels()).isEqualTo(fresh.window.pixels());
    }

    @Test
    void replaceRootDropsTheStackAtOnce() {
        Navigator nav = new Navigator(page("a"));
        Screens s = new Screens(nav);
        nav.push(page("b"));
        nav.push(page("c")); // the first push jumps to its end
        View home = page("home");
        nav.replaceRoot(home);
        s.settle();
        assertThat(nav.depth()).isEqualTo(1);
        assertThat(nav.children()).containsExactly(home);
        s.tap(100, 100);
        assertThat(taps).containsExactly("home");
    }

    @Test
    void leavingAPageTakesTheFocusWithIt() {
        TextField field = new TextField();
        Navigator nav = new Navigator(new Column(field));
        Screens s = new Screens(nav);
        field.requestFocus();
        nav.push(page("next"));
        s.settle();
        assertThat(s.window.focused()).isNull();
        assertThat(s.window.loop().untilNext()).isEqualTo(-1); // the caret stopped blinking
    }
}
