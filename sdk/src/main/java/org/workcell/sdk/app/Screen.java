package org.workcell.sdk.app;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.workcell.sdk.ui.Icon;
import org.workcell.sdk.ui.View;

/**
 * One page of an app: a title for the app bar, optional actions at its end, and the content
 * beneath it. Apps show screens with {@link AppContext#show}; the phone draws the app bar, the
 * back arrow and the transition.
 */
public final class Screen {
    /** An icon button at the end of the app bar. */
    public record Action(Icon.Glyph glyph, String label, Consumer<Screen> run) {}

    private final String title;
    private final View content;
    private final List<Action> actions = new ArrayList<>();
    private Runnable onShown = () -> { };

    public Screen(String title, View content) {
        this.title = title;
        this.content = content;
    }

    public Screen action(Icon.Glyph glyph, String label, Consumer<Screen> run) {
        actions.add(new Action(glyph, label, run));
        return this;
    }

    /** Runs each time the screen comes to the front (a list screen refreshes here). */
    public Screen onShown(Runnable action) {
        this.onShown = action;
        return this;
    }

    public String title() {
        return title;
    }

    public View content() {
        return content;
    }

    public List<Action> actions() {
        return List.copyOf(actions);
    }

    public void shown() {
        onShown.run();
    }
}
