package org.workcell.phone.apps.documents;

import java.util.List;
import org.workcell.sdk.ui.Column;
import org.workcell.sdk.ui.Label;
import org.workcell.sdk.ui.Linear;
import org.workcell.sdk.ui.Row;
import org.workcell.sdk.ui.Theme;
import org.workcell.sdk.ui.View;

/** Turns parsed Markdown into views: one view per block, in a column with 12 dp between blocks. */
public final class MarkdownView {
    static final float BODY = 16;

    private MarkdownView() {}

    public static Column build(List<Markdown.Block> blocks) {
        Column column = new Column();
        column.spacing(12);
        for (Markdown.Block b : blocks) {
            column.add(block(b));
        }
        return column;
    }

    static float headingSize(int level) {
        return switch (level) {
            case 1 -> 26;
            case 2 -> 22;
            case 3 -> 19;
            default -> 17;
        };
    }

    static View block(Markdown.Block block) {
        Theme t = Theme.LIGHT;
        return switch (block) {
            case Markdown.Heading h -> new RichText(h.spans(), headingSize(h.level()), true)
                    .padding(0, h.level() <= 2 ? 8 : 4, 0, 0).id("h" + Math.min(h.level(), 3));
            case Markdown.Paragraph p -> new RichText(p.spans(), BODY, false).id("p");
            case Markdown.Quote q -> new Row(new View() { }.size(3, View.FILL).background(t.divider()),
                    new RichText(q.spans(), BODY, false).color(t.secondaryText()).padding(12, 0, 0, 0).flex(1))
                    .align(Linear.Align.STRETCH).id("quote");
            case Markdown.CodeBlock c -> new Column(new MonoLabel(c.code(), 14)).padding(12).background(t.surfaceVariant()).cornerRadius(8).id("code");
            case Markdown.Rule r -> new Column(new View() { }.height(1).width(View.FILL).background(t.divider())).padding(0, 8).id("rule");
            case Markdown.ListBlock l -> list(l);
        };
    }

    private static View list(Markdown.ListBlock l) {
        Column items = new Column();
        items.spacing(6);
        for (int k = 0; k < l.items().size(); k++) {
            String marker = l.ordered() ? (l.start() + k) + "." : "•";
            Label m = new Label(marker);
            m.width(l.ordered() ? 32 : 20);
            Row row = new Row(m, new RichText(l.items().get(k), BODY, false).flex(1));
            row.align(Linear.Align.START);
            items.add(row.id("item"));
        }
        items.id(l.ordered() ? "ol" : "ul");
        return items;
    }
}
