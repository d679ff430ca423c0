package org.workcell.phone.apps.documents;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.workcell.phone.apps.common.Sizes;
import org.workcell.phone.apps.common.StateView;
import org.workcell.sdk.app.App;
import org.workcell.sdk.app.AppContext;
import org.workcell.sdk.app.Bundle;
import org.workcell.sdk.app.Screen;
import org.workcell.sdk.data.DocumentService;
import org.workcell.sdk.data.DocumentService.Document;
import org.workcell.sdk.data.GatewayException;
import org.workcell.sdk.data.Page;
import org.workcell.sdk.ui.Button;
import org.workcell.sdk.ui.Column;
import org.workcell.sdk.ui.Icon;
import org.workcell.sdk.ui.Label;
import org.workcell.sdk.ui.Linear;
import org.workcell.sdk.ui.Row;
import org.workcell.sdk.ui.Scroll;
import org.workcell.sdk.ui.TextField;
import org.workcell.sdk.ui.Theme;
import org.workcell.sdk.ui.View;

/**
 * Documents: the company's documents by folder, with search, and a viewer for plain text (with a
 * monospace option), Markdown and images. Reads go through the gateway, off the UI thread.
 */
public final class DocumentsApp extends App {
    static final int PAGE = 100;
    /** Text and Markdown beyond this are refused: a phone screen is no place for them. */
    static final int MAX_TEXT_BYTES = 2 * 1024 * 1024;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH).withZone(ZoneId.of("UTC"));

    private AppContext ctx;
    private String query = "";
    private String openId;
    private boolean mono;

    @Override
    public void onCreate(AppContext context, Bundle saved) {
        this.ctx = context;
        query = saved.get("query", "");
        mono = "true".equals(saved.get("mono", "false"));
        ctx.setRoot(listScreen());
        String id = saved.get("open", null);
        if (id != null) {
            openById(id);
        }
    }

    @Override
    public void onSaveState(Bundle out) {
        out.put("query", query.isEmpty() ? null : query);
        out.put("open", openId);
        out.put("mono", mono ? "true" : null);
    }

    @Override
    public boolean onBack() {
        boolean went = super.onBack();
        if (went) {
            openId = null;
        }
        return went;
    }

    // ---- the list ----------------------------------------------------------------------------------

    private Screen listScreen() {
        StateView body = new StateView();
        body.flex(1);
        TextField search = new TextField("Search documents");
        search.text(query);
        search.description("Search documents");
        Runnable load = () -> loadList(body, PAGE);
        search.onChange(text -> {
            query = text.strip();
            load.run();
        });
        search.onSubmit(text -> {
            query = text.strip();
            load.run();
        });
        Column content = new Column(new Column(search).padding(16, 8, 16, 8), body);
        content.align(Linear.Align.STRETCH).size(View.FILL, View.FILL);
        return new Screen("Documents", content).onShown(load);
    }

    private void loadList(StateView body, int limit) {
        String q = query;
        if (body.state() != StateView.State.CONTENT) {
            body.loading("Loading documents…");
        }
        ctx.background(() -> ctx.gateway().documents().list(q, 0, limit), page -> {
            if (q.equals(query)) {
                showList(body, page, limit);
            }
        }, e -> body.error(message(e), () -> loadList(body, limit)));
    }

    private void showList(StateView body, Page<Document> page, int limit) {
        if (page.items().isEmpty()) {
            body.empty(Icon.Glyph.DOCUMENT, query.isEmpty() ? "No documents" : "No matches",
                    query.isEmpty() ? "Documents shared with you appear here." : "No document name contains \u201c" + query + "\u201d.");
            return;
        }
        Theme t = Theme.LIGHT;
        Column list = new Column();
        list.padding(0, 0, 0, 16);
        String folder = null;
        for (Document d : page.items()) {
            if (!Objects.equals(folder, d.folder())) {
                folder = d.folder();
                list.add(new Label(folder == null || folder.isBlank() ? "Documents" : folder).style(Label.Style.CAPTION).bold(true)
                        .color(t.primary()).padding(16, 16, 16, 4).description("section " + folder));
            }
            list.add(row(d));
        }
        if (page.total() > page.items().size()) {
            int more = Math.min(page.total() - page.items().size(), PAGE);
            list.add(new Column(new Button("Show " + more + " more", Button.Kind.TEXT, v -> loadList(body, limit + PAGE))).align(Linear.Align.CENTER).padding(16));
        }
        body.content(new Scroll(list));
    }

    private View row(Document d) {
        Theme t = Theme.LIGHT;
        Icon icon = new Icon(glyph(d.type()), 24);
        icon.color(t.primary());
        View badge = new Column(icon).padding(8).background(t.surfaceVariant()).cornerRadius(20);
        Column text = new Column(new Label(d.name()).maxLines(1),
                new Label(kind(d.type()) + " · " + Sizes.human(d.size()) + (d.modified() == null ? "" : " · " + DATE.format(d.modified())))
                        .style(Label.Style.CAPTION).maxLines(1));
        text.spacing(2).flex(1);
        Row row = new Row(badge, text);
        row.spacing(16).padding(16, 10).minSize(0, 64);
        row.description(d.name()).onClick(v -> open(d));
        return row;
    }

    static Icon.Glyph glyph(DocumentService.Type type) {
        return switch (type) {
            case TEXT -> Icon.Glyph.DOCUMENT;
            case MARKDOWN -> Icon.Glyph.NOTE;
            case IMAGE -> Icon.Glyph.APP;
        };
    }

    static String kind(DocumentService.Type type) {
        return switch (type) {
            case TEXT -> "Text";
            case MARKDOWN -> "Markdown";
            case IMAGE -> "Image";
        };
    }


    // ---- the viewer --------------------------------------------------------------------------------

    private void openById(String id) {
        openId = id;
        StateView body = new StateView();
        body.loading("Opening…");
        ctx.show(new Screen("Document", body));
        ctx.background(() -> ctx.gateway().documents().get(id), d -> {
            ctx.back();
            open(d);
        }, e -> body.error(message(e), null));
    }

    void open(Document d) {
        openId = d.id();
        StateView body = new StateView();
        Screen screen = new Screen(d.name(), body);
        if (d.type() == DocumentService.Type.TEXT) {
            screen.action(Icon.Glyph.KEYBOARD, "Monospace", s -> {
                mono = !mono;
                load(d, body);
            });
        }
        ctx.show(screen);
        load(d, body);
    }

    /** What the background work hands back to the UI thread. */
    private record Loaded(String text, List<Markdown.Block> markdown, BufferedImage image) {}

    private void load(Document d, StateView body) {
        if (d.type() == DocumentService.Type.IMAGE && d.size() > ImageDecoder.MAX_BYTES) {
            body.error("This image is too large to open on the phone (the limit is 8 MiB).", null);
            return;
        }
        if (d.type() != DocumentService.Type.IMAGE && d.size() > MAX_TEXT_BYTES) {
            body.error("This document is too large to open on the phone (the limit is 2 MiB).", null);
            return;
        }
        body.loading("Opening " + d.name() + "…");
        ctx.background(() -> {
            DocumentService docs = ctx.gateway().documents();
            return switch (d.type()) {
                case TEXT -> new Loaded(new String(docs.content(d.id(), MAX_TEXT_BYTES), StandardCharsets.UTF_8), null, null);
                case MARKDOWN -> new Loaded(null, Markdown.parse(new String(docs.content(d.id(), MAX_TEXT_BYTES), StandardCharsets.UTF_8)), null);
                case IMAGE -> new Loaded(null, null, ImageDecoder.decode(docs.content(d.id(), ImageDecoder.MAX_BYTES)));
            };
        }, loaded -> body.content(view(d, loaded)), e -> body.error(message(e), () -> load(d, body)));
    }

    private View view(Document d, Loaded loaded) {
        if (loaded.image() != null) {
            BufferedImage img = loaded.image();
            Column c = new Column(new ImageView(img, "image " + d.name()).flex(1),
                    new Label(img.getWidth() + " × " + img.getHeight() + " · " + Sizes.human(d.size())).style(Label.Style.CAPTION).centered(true).padding(16, 8));
            c.align(Linear.Align.STRETCH).size(View.FILL, View.FILL).padding(16);
            return c;
        }
        if (loaded.markdown() != null) {
            if (loaded.markdown().isEmpty()) {
                return emptyDocument();
            }
            return new Scroll(MarkdownView.build(loaded.markdown()).padding(16));
        }
        if (loaded.text().isBlank()) {
            return emptyDocument();
        }
        View text = mono ? new MonoLabel(loaded.text(), 14) : new Label(loaded.text());
        text.description(loaded.text());
        return new Scroll(new Column(text).padding(16));
    }

    private static View emptyDocument() {
        return new StateView().empty(Icon.Glyph.DOCUMENT, "Empty document", "There is nothing in this document.");
    }

    static String message(Exception e) {
        if (e instanceof GatewayException || e instanceof ImageDecoder.Refused) {
            return e.getMessage();
        }
        if (e instanceof SecurityException) {
            return "Documents is not allowed to read company documents on this phone.";
        }
        return "The document could not be loaded. Try again later.";
    }
}
