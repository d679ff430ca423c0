package org.workcell.phone.system;

import org.workcell.sdk.ui.Column;
import org.workcell.sdk.ui.Icon;
import org.workcell.sdk.ui.Label;
import org.workcell.sdk.ui.Linear;
import org.workcell.sdk.ui.Theme;
import org.workcell.sdk.ui.TouchEvent;
import org.workcell.sdk.ui.View;

/** Full-screen overlays that hide the work phone and take every touch: the lock and the disabled screen. */
final class Overlays {
    private Overlays() {}

    static View blocking(Icon.Glyph glyph, String title, String message, Theme theme) {
        Column c = new Column() {
            @Override
            public boolean onTouch(TouchEvent e) {
                return true; // nothing beneath may be reached
            }
        };
        c.justify(Linear.Align.CENTER).align(Linear.Align.CENTER).spacing(16).padding(32);
        c.background(theme.surfaceVariant());
        c.add(new Icon(glyph, 64).color(theme.primary()), new Label(title).style(Label.Style.TITLE).centered(true),
                new Label(message).centered(true));
        return c;
    }
}
