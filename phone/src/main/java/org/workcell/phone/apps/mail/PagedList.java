package org.workcell.phone.apps.mail;

import java.util.function.Function;
import org.workcell.phone.apps.common.StateView;
import org.workcell.sdk.app.AppContext;
import org.workcell.sdk.data.Page;
import org.workcell.sdk.ui.Button;
import org.workcell.sdk.ui.Column;
import org.workcell.sdk.ui.Icon;
import org.workcell.sdk.ui.Label;
import org.workcell.sdk.ui.Linear;
import org.workcell.sdk.ui.Scroll;
import org.workcell.sdk.ui.View;

/**
 * A list that loads itself a page at a time through the gateway, off the UI thread: the next page
 * is asked for when the user scrolls near the end. It fills a {@link StateView} with the loading,
 * error, empty or list state.
 *
 * <p>Rows are plain views in a scroll, built only for the pages loaded (40 at a time); it moves to
 * the SDK's virtualised ListView once that lands.
 */
final class PagedList<T> {
    interface Source<T> {
        Page<T> load(int offset, int limit) throws Exception;
    }

    private final AppContext ctx;
    private final StateView host;
    private final Source<T> source;
    private final Function<T, View> row;
    private final int pageSize;
    private final Icon.Glyph emptyGlyph;
    private final String emptyTitle;
    private final String emptyText;
    private final Column rows = new Column();
    private final Column footer = new Column();
    private final Scroll scroll;
    private int loaded;
    private int total;
    private boolean loading;
    private int generation;

    PagedList(AppContext ctx, StateView host, Source<T> source, Function<T, View> row, int pageSize, Icon.Glyph emptyGlyph, String emptyTitle, String emptyText) {
        this.ctx = ctx;
        this.host = host;
        this.source = source;
        this.row = row;
        this.pageSize = pageSize;
        this.emptyGlyph = emptyGlyph;
        this.emptyTitle = emptyTitle;
        this.emptyText = emptyText;
        footer.align(Linear.Align.CENTER).padding(16);
        Column content = new Column(rows, footer);
        content.padding(0, 0, 0, 8);
        scroll = new Scroll(content) {
            @Override
            protected void onScrolled() {
                super.onScrolled();
                nearEnd();
            }

            @Override
            protected void onLayout(int width, int height) {
                super.onLayout(width, height);
                nearEnd(); // a first page shorter than the screen asks for the next at once
            }
        };
    }

    int loaded() {
        return loaded;
    }

    int total() {
        return total;
    }

    Column rows() {
        return rows;
    }

    /** Loads again from the top, keeping at least as many rows as are shown (a refresh after reading a message). */
    void reload() {
        int limit = Math.max(pageSize, loaded);
        int gen = ++generation;
        loading = true;
        if (host.state() != StateView.State.CONTENT) {
            host.loading("Loading…");
        }
        ctx.background(() -> source.load(0, limit), page -> {
            if (gen != generation) {
                return;
            }
            loading = false;
            rows.removeAll();
            loaded = 0;
            append(page);
        }, e -> {
            if (gen == generation) {
                loading = false;
                host.error(MailApp.message(e), this::reload);
            }
        });
    }

    private void nearEnd() {
        if (loading || loaded >= total || host.state() != StateView.State.CONTENT) {
            return;
        }
        int viewport = scroll.height();
        if (scroll.maxScroll() > 0 && scroll.scrollY() < scroll.maxScroll() - viewport) {
            return;
        }
        more();
    }

    void more() {
        int gen = generation;
        int offset = loaded;
        loading = true;
        footer.setChildren(new Label("Loading more…").style(Label.Style.CAPTION));
        ctx.background(() -> source.load(offset, pageSize), page -> {
            if (gen == generation && offset == loaded) {
                loading = false;
                append(page);
            }
        }, e -> {
            if (gen == generation) {
                loading = false;
                footer.setChildren(new Button("Couldn't load more. Retry", Button.Kind.TEXT, v -> more()));
            }
        });
    }

    private void append(Page<T> page) {
        total = page.total();
        for (T item : page.items()) {
            rows.add(row.apply(item));
        }
        loaded += page.items().size();
        if (page.items().isEmpty() && loaded < total) {
            total = loaded; // the source ran short: stop asking
        }
        footer.removeAll();
        if (loaded == 0) {
            host.empty(emptyGlyph, emptyTitle, emptyText);
        } else if (host.state() != StateView.State.CONTENT || host.children().isEmpty() || host.children().getFirst() != scroll) {
            host.content(scroll);
        }
    }
}
