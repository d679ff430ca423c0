package org.workcell.phone.apps.contacts;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.workcell.sdk.data.GatewayException;
import org.workcell.sdk.ui.Column;
import org.workcell.sdk.ui.Icon;
import org.workcell.sdk.ui.Label;
import org.workcell.sdk.ui.Linear;
import org.workcell.sdk.ui.Row;
import org.workcell.sdk.ui.View;

/** The app's building blocks, so that every screen has the same spacing and type. */
final class Views {
    private Views() {}

    /** A screen's content column: 16 dp margins, 8 dp between items. */
    static Column page() {
        Column c = new Column();
        c.spacing(8);
        c.padding(16);
        c.align(Linear.Align.STRETCH);
        return c;
    }

    static Label heading(String text) {
        Label l = new Label(text).style(Label.Style.TITLE).textSize(24);
        l.description("heading");
        return l;
    }

    static Label caption(String text) {
        return new Label(text).style(Label.Style.CAPTION);
    }

    static View section(String title) {
        Label l = new Label(title.toUpperCase(java.util.Locale.ROOT)).style(Label.Style.CAPTION).bold(true);
        l.color(0x1F5FBF);
        return l.padding(0, 16, 0, 0);
    }

    /** A labelled value; a dash when there is none. */
    static View field(String label, String value) {
        Label v = new Label(value == null || value.isBlank() ? "\u2014" : value);
        v.description((label == null ? "" : label + ": ") + (value == null ? "" : value));
        if (label == null) {
            return v;
        }
        return new Column(caption(label), v);
    }

    /** A centred message for loading, empty and error states. */
    static View state(String text, String kind) {
        Label l = new Label(text).style(Label.Style.CAPTION).centered(true);
        l.description(kind + ": " + text);
        return l.padding(24, 32, 24, 32);
    }

    /** A two-line list row with a leading icon, 72 dp tall. */
    static View row(Icon.Glyph glyph, String title, String subtitle, String description, Consumer<View> onClick) {
        Icon icon = new Icon(glyph, 24);
        icon.color(0x5D6470);
        Column text = new Column(new Label(title).bold(true).maxLines(1), new Label(subtitle).style(Label.Style.CAPTION).maxLines(1));
        text.spacing(2);
        text.flex(1);
        Row row = new Row(icon, text);
        row.spacing(16);
        row.minSize(0, 72);
        row.padding(16, 8);
        row.description(description);
        row.onClick(onClick);
        return row;
    }

    static String join(String separator, String... parts) {
        return Arrays.stream(parts).filter(Objects::nonNull).filter(s -> !s.isBlank()).collect(Collectors.joining(separator));
    }

    static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** What to tell the user about a failed gateway call. */
    static String reason(Exception e) {
        if (e instanceof GatewayException g) {
            String m = g.getMessage() == null ? "" : g.getMessage();
            return switch (g.kind()) {
                case INVALID -> capitalise(m);
                case NOT_FOUND -> "Not found: it may have been removed. (" + m + ")";
                case DENIED -> "Not allowed: " + m;
                case CONFLICT -> "Someone else changed it meanwhile: " + m;
                case RATE_LIMITED -> "Too many requests; try again in a moment.";
                case UNAVAILABLE -> "Company data is not reachable right now. " + capitalise(m);
            };
        }
        if (e instanceof SecurityException) {
            return "Not allowed: " + e.getMessage();
        }
        return "Something went wrong: " + e.getMessage();
    }

    static String capitalise(String s) {
        return s == null || s.isEmpty() ? "" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
