package org.workcell.phone.system;

import org.workcell.phone.apps.RunningApp;
import org.workcell.sdk.app.Screen;
import org.workcell.sdk.ui.Column;
import org.workcell.sdk.ui.Icon;
import org.workcell.sdk.ui.Label;
import org.workcell.sdk.ui.Linear;
import org.workcell.sdk.ui.Navigator;
import org.workcell.sdk.ui.Row;
import org.workcell.sdk.ui.Spacer;

/** An app on screen: the app bar (back arrow, title, actions) over the app's screens. */
public final class AppFrame extends Column {
    private final RunningApp app;
    private final Row bar = new Row();
    private Navigator pages; // made with the app's first screen

    public AppFrame(RunningApp app) {
        this.app = app;
        bar.height(56).padding(4, 0, 8, 0);
        add(bar);
        align(Linear.Align.STRETCH);
        description("app " + app.entry().id());
    }

    public void push(Screen screen) {
        if (pages == null) {
            replaceRoot(screen);
            return;
        }
        pages.push(screen.content());
        bar(screen);
    }

    public void pop(Screen below) {
        pages.pop();
        bar(below);
    }

    public void replaceRoot(Screen screen) {
        if (pages == null) {
            pages = new Navigator(screen.content());
            pages.flex(1);
            add(pages);
        } else {
            pages.replaceRoot(screen.content());
        }
        bar(screen);
    }

    private void bar(Screen screen) {
        bar.removeAll();
        if (app.depth() > 1) {
            bar.add(new Icon(Icon.Glyph.BACK).padding(12).size(48, 48).description("Back").onClick(v -> app.back()));
        } else {
            bar.add(new Spacer(12));
        }
        bar.add(new Label(screen.title()).style(Label.Style.TITLE).maxLines(1).flex(1));
        for (Screen.Action action : screen.actions()) {
            bar.add(new Icon(action.glyph()).padding(12).size(48, 48).description(action.label()).onClick(v -> action.run().accept(screen)));
        }
    }

    @Override
    protected void onAttached() {
        background(theme().surface());
    }
}
