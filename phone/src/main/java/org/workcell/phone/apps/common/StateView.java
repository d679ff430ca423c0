package org.workcell.phone.apps.common;

import org.workcell.sdk.ui.Button;
import org.workcell.sdk.ui.Column;
import org.workcell.sdk.ui.Icon;
import org.workcell.sdk.ui.Label;
import org.workcell.sdk.ui.Linear;
import org.workcell.sdk.ui.Stack;
import org.workcell.sdk.ui.Theme;
import org.workcell.sdk.ui.View;

/**
 * A screen's body in one of four states: loading, an error with a retry, empty, or the content.
 * Shared by the built-in apps so that their waiting and failure screens look alike.
 */
public final class StateView extends Stack {
    public enum State { LOADING, ERROR, EMPTY, CONTENT }

    private State state;

    public StateView() {
        size(FILL, FILL);
    }

    public State state() {
        return state;
    }

    private StateView set(State state, View view) {
        this.state = state;
        setChildren(view);
        return this;
    }

    public StateView loading(String what) {
        return set(State.LOADING, centred(null, what, null, null).description("loading"));
    }

    public StateView error(String message, Runnable retry) {
        return set(State.ERROR, centred(Icon.Glyph.CLOSE, "Something went wrong", message, retry).description("error"));
    }

    public StateView empty(Icon.Glyph glyph, String title, String text) {
        return set(State.EMPTY, centred(glyph, title, text, null).description("empty"));
    }

    public StateView content(View view) {
        return set(State.CONTENT, view);
    }

    private static View centred(Icon.Glyph glyph, String title, String text, Runnable retry) {
        Theme t = Theme.LIGHT;
        Column c = new Column();
        c.align(Linear.Align.CENTER).justify(Linear.Align.CENTER).spacing(8).padding(32).size(FILL, FILL);
        if (glyph != null) {
            c.add(new Icon(glyph, 48).color(t.secondaryText()));
        }
        c.add(new Label(title).bold(text != null).centered(true).color(text != null ? t.text() : t.secondaryText()));
        if (text != null) {
            c.add(new Label(text).style(Label.Style.CAPTION).centered(true));
        }
        if (retry != null) {
            c.add(new Button("Retry", Button.Kind.OUTLINED, v -> retry.run()));
        }
        return c;
    }
}
