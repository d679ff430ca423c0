package org.workcell.phone.apps.mail;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.workcell.phone.apps.common.Sizes;
import org.workcell.phone.apps.common.StateView;
import org.workcell.sdk.app.App;
import org.workcell.sdk.app.AppContext;
import org.workcell.sdk.app.Bundle;
import org.workcell.sdk.app.Screen;
import org.workcell.sdk.data.GatewayException;
import org.workcell.sdk.data.MailService;
import org.workcell.sdk.data.MailService.Attachment;
import org.workcell.sdk.data.MailService.Folder;
import org.workcell.sdk.data.MailService.Message;
import org.workcell.sdk.data.MailService.Summary;
import org.workcell.sdk.ui.Column;
import org.workcell.sdk.ui.Icon;
import org.workcell.sdk.ui.Label;
import org.workcell.sdk.ui.Linear;
import org.workcell.sdk.ui.Row;
import org.workcell.sdk.ui.Scroll;
import org.workcell.sdk.ui.Spacer;
import org.workcell.sdk.ui.Stack;
import org.workcell.sdk.ui.TextField;
import org.workcell.sdk.ui.Theme;
import org.workcell.sdk.ui.View;

/**
 * Mail: folders with unread counts, a paged message list, the message (marked read on opening)
 * with reply, reply-all and forward, compose with recipient checks, and search. The open folder,
 * the open message and an unsent draft survive a stop.
 */
public final class MailApp extends App {
    static final int PAGE = 40;
    private static final ZoneId ZONE = ZoneId.of("UTC");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter LONG = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH);

    private AppContext ctx;
    private String folderId;
    private String folderName;
    private String messageId;
    private ComposeForm compose;

    /** The compose screen's fields. */
    private record ComposeForm(TextField to, TextField cc, TextField subject, TextField body, String inReplyTo) {
        Compose value() {
            return new Compose(to.text(), cc.text(), subject.text(), body.text(), inReplyTo);
        }
    }

    @Override
    public void onCreate(AppContext context, Bundle saved) {
        this.ctx = context;
        ctx.setRoot(foldersScreen());
        String folder = saved.get("folder", null);
        if (folder != null) {
            openFolder(folder, saved.get("folderName", folder));
        }
        String message = saved.get("message", null);
        if (message != null) {
            openMessage(message, "Message");
        }
        Compose draft = Compose.restore(saved);
        if (draft != null) {
            compose(draft);
        }
    }

    @Override
    public void onSaveState(Bundle out) {
        out.put("folder", folderId).put("folderName", folderName).put("message", messageId);
        if (compose != null) {
            compose.value().save(out);
        }
    }

    private MailService mail() {
        return ctx.gateway().mail();
    }

    // ---- folders -------------------------------------------------------------------------------------

    private Screen foldersScreen() {
        StateView body = new StateView();
        Screen screen = new Screen("Mail", body)
                .action(Icon.Glyph.SEARCH, "Search", s -> search())
                .action(Icon.Glyph.EDIT, "Compose", s -> compose(Compose.empty()));
        return screen.onShown(() -> {
            folderId = null;
            folderName = null;
            messageId = null;
            compose = null;
            loadFolders(body);
        });
    }

    private void loadFolders(StateView body) {
        if (body.state() != StateView.State.CONTENT) {
            body.loading("Loading folders…");
        }
        ctx.background(() -> mail().folders(), folders -> {
            if (folders.isEmpty()) {
                body.empty(Icon.Glyph.FOLDER, "No folders", "This mailbox has no folders.");
                return;
            }
            Column list = new Column();
            list.padding(0, 8);
            for (Folder f : folders) {
                list.add(folderRow(f));
            }
            body.content(new Scroll(list));
        }, e -> body.error(message(e), () -> loadFolders(body)));
    }

    private View folderRow(Folder f) {
        Theme t = Theme.LIGHT;
        Icon icon = new Icon(folderGlyph(f), 24);
        icon.color(t.secondaryText());
        Label name = new Label(f.name()).bold(f.unread() > 0).maxLines(1);
        name.flex(1);
        Row row = new Row(icon, name);
        if (f.unread() > 0) {
            row.add(new Label(Integer.toString(f.unread())).style(Label.Style.CAPTION).bold(true).color(t.onPrimary())
                    .padding(8, 2).background(t.primary()).cornerRadius(10).description(f.name() + " unread " + f.unread()));
        }
        row.spacing(16).padding(16, 12).minSize(0, 56);
        row.description(f.name()).onClick(v -> openFolder(f.id(), f.name()));
        return row;
    }

    static Icon.Glyph folderGlyph(Folder f) {
        return switch (f.name().toLowerCase(Locale.ROOT)) {
            case "inbox" -> Icon.Glyph.MAIL;
            case "sent" -> Icon.Glyph.SEND;
            case "drafts" -> Icon.Glyph.EDIT;
            case "trash" -> Icon.Glyph.TRASH;
            case "archive" -> Icon.Glyph.DOWNLOAD;
            default -> Icon.Glyph.FOLDER;
        };
    }

    // ---- message lists ---------------------------------------------------------------------------

    private void openFolder(String id, String name) {
        StateView body = new StateView();
        PagedList<Summary> list = new PagedList<>(ctx, body, (offset, limit) -> mail().list(id, offset, limit), this::messageRow, PAGE,
                Icon.Glyph.MAIL, "No messages", name + " is empty.");
        Screen screen = new Screen(name, body)
                .action(Icon.Glyph.SEARCH, "Search", s -> search())
                .action(Icon.Glyph.EDIT, "Compose", s -> compose(Compose.empty()));
        screen.onShown(() -> {
            folderId = id;
            folderName = name;
            messageId = null;
            compose = null;
            list.reload(); // read state and new mail, on the way in and back
        });
        ctx.show(screen);
    }

    private void search() {
        StateView results = new StateView();
        results.empty(Icon.Glyph.SEARCH, "Search mail", "Find messages by sender, subject or text.");
        results.flex(1);
        TextField field = new TextField("Search mail");
        field.description("Search mail");
        field.onSubmit(text -> {
            String q = text.strip();
            if (q.isEmpty()) {
                return;
            }
            new PagedList<>(ctx, results, (offset, limit) -> mail().search(q, offset, limit), this::messageRow, PAGE,
                    Icon.Glyph.SEARCH, "No results", "No message matches \u201c" + q + "\u201d.").reload();
        });
        Column content = new Column(new Column(field).padding(16, 8, 16, 8), results);
        content.align(Linear.Align.STRETCH).size(View.FILL, View.FILL);
        ctx.show(new Screen("Search", content).onShown(() -> {
            messageId = null;
            compose = null;
        }));
        field.requestFocus();
    }

    private View messageRow(Summary m) {
        Theme t = Theme.LIGHT;
        View dot = new Stack().size(8, 8).cornerRadius(4).background(m.read() ? t.surface() : t.primary());
        dot.description(m.read() ? null : "unread");
        Label from = new Label(m.from()).bold(!m.read()).maxLines(1);
        from.flex(1);
        Row top = new Row(from);
        top.spacing(8);
        if (m.attachments()) {
            top.add(new Icon(Icon.Glyph.DOCUMENT, 16).color(t.secondaryText()).description("attachment"));
        }
        top.add(new Label(shortDate(m.date(), Instant.now())).style(Label.Style.CAPTION).color(m.read() ? t.secondaryText() : t.primary()));
        Column text = new Column(top,
                new Label(m.subject().isBlank() ? "(no subject)" : m.subject()).bold(!m.read()).maxLines(1),
                new Label(m.preview()).style(Label.Style.CAPTION).maxLines(2));
        text.spacing(2).flex(1);
        Row row = new Row(new Column(dot).padding(0, 8, 0, 0), text);
        row.align(Linear.Align.START).spacing(12).padding(12, 12, 16, 12);
        row.description(m.subject()).id("message " + m.id()).onClick(v -> openMessage(m.id(), m.subject().isBlank() ? "(no subject)" : m.subject()));
        return new Column(row, new Stack().height(1).width(View.FILL).background(t.divider())).padding(0);
    }

    static String shortDate(Instant date, Instant now) {
        if (date == null) {
            return "";
        }
        ZonedDateTime d = date.atZone(ZONE);
        ZonedDateTime n = now.atZone(ZONE);
        if (d.toLocalDate().equals(n.toLocalDate())) {
            return TIME.format(d);
        }
        return d.getYear() == n.getYear() ? DAY.format(d) : FULL.format(d);
    }

    // ---- one message -----------------------------------------------------------------------------

    private void openMessage(String id, String title) {
        StateView body = new StateView();
        body.loading("Opening message…");
        Message[] shown = new Message[1];
        Screen screen = new Screen(title, body)
                .action(Icon.Glyph.REPLY, "Reply", s -> {
                    if (shown[0] != null) {
                        compose(Compose.reply(shown[0], false, ctx.system().user()));
                    }
                })
                .action(Icon.Glyph.PEOPLE, "Reply all", s -> {
                    if (shown[0] != null) {
                        compose(Compose.reply(shown[0], true, ctx.system().user()));
                    }
                })
                .action(Icon.Glyph.SEND, "Forward", s -> {
                    if (shown[0] != null) {
                        compose(Compose.forward(shown[0]));
                    }
                });
        screen.onShown(() -> {
            messageId = id;
            compose = null;
        });
        ctx.show(screen);
        load(id, body, shown);
    }

    private void load(String id, StateView body, Message[] shown) {
        ctx.background(() -> {
            Message m = mail().get(id);
            if (!m.read()) {
                mail().markRead(id, true);
            }
            return m;
        }, m -> {
            shown[0] = m;
            body.content(messageView(m));
        }, e -> body.error(message(e), () -> load(id, body, shown)));
    }

    private View messageView(Message m) {
        Theme t = Theme.LIGHT;
        Column c = new Column();
        c.spacing(12).padding(16);
        c.add(new Label(m.subject().isBlank() ? "(no subject)" : m.subject()).style(Label.Style.TITLE).description("subject " + m.subject()));
        String initial = m.from().isBlank() ? "?" : m.from().strip().substring(0, 1).toUpperCase(Locale.ROOT);
        Label avatar = new Label(initial).bold(true).color(t.onPrimary()).centered(true);
        Column avatarBox = new Column(avatar);
        avatarBox.justify(Linear.Align.CENTER).size(40, 40).background(t.primary()).cornerRadius(20);
        Column who = new Column(new Label(m.from()).bold(true).maxLines(1).description("from " + m.from()),
                new Label("to " + String.join(", ", m.to())).style(Label.Style.CAPTION).maxLines(2).description("to " + String.join(", ", m.to())));
        if (!m.cc().isEmpty()) {
            who.add(new Label("cc " + String.join(", ", m.cc())).style(Label.Style.CAPTION).maxLines(2).description("cc " + String.join(", ", m.cc())));
        }
        if (m.date() != null) {
            who.add(new Label(LONG.format(m.date().atZone(ZONE))).style(Label.Style.CAPTION));
        }
        who.spacing(2).flex(1);
        Row header = new Row(avatarBox, who);
        header.align(Linear.Align.START).spacing(12);
        c.add(header);
        c.add(new Stack().height(1).width(View.FILL).background(t.divider()));
        c.add(new Label(m.body()).description("body"));
        if (!m.attachments().isEmpty()) {
            c.add(new Label(m.attachments().size() == 1 ? "1 attachment" : m.attachments().size() + " attachments").style(Label.Style.CAPTION).bold(true).padding(0, 8, 0, 0));
            for (Attachment a : m.attachments()) {
                Icon icon = new Icon(Icon.Glyph.DOCUMENT, 24);
                icon.color(t.primary());
                Column text = new Column(new Label(a.name()).maxLines(1), new Label(a.type() + " · " + Sizes.human(a.size())).style(Label.Style.CAPTION).maxLines(1));
                text.flex(1);
                Row row = new Row(icon, text);
                row.spacing(12).padding(12).background(t.surfaceVariant()).cornerRadius(12);
                row.description("attachment " + a.name());
                c.add(row);
            }
        }
        return new Scroll(c);
    }


    // ---- compose ---------------------------------------------------------------------------------

    private void compose(Compose draft) {
        TextField to = field("To", draft.to());
        TextField cc = field("Cc", draft.cc());
        TextField subject = field("Subject", draft.subject());
        TextField body = new TextField("Message");
        body.multiline(true).maxLines(14).minSize(0, 160);
        body.text(draft.body());
        body.description("Message");
        body.select(0, 0); // write above the quote
        ComposeForm form = new ComposeForm(to, cc, subject, body, draft.inReplyTo());
        Column c = new Column(to, cc, subject, body);
        c.spacing(12).padding(16);
        Screen screen = new Screen(draft.inReplyTo() != null ? "Reply" : "New message", new Scroll(c))
                .action(Icon.Glyph.SEND, "Send", s -> send(form));
        screen.onShown(() -> compose = form);
        ctx.show(screen);
        (draft.to().isBlank() ? to : body).requestFocus();
    }

    private static TextField field(String hint, String text) {
        TextField f = new TextField(hint);
        f.text(text);
        f.description(hint);
        return f;
    }

    private boolean sending;

    private void send(ComposeForm form) {
        if (sending) {
            return;
        }
        MailService.Draft draft;
        try {
            draft = form.value().draft();
        } catch (IllegalArgumentException e) {
            ctx.toast(e.getMessage());
            return;
        }
        sending = true;
        ctx.background(() -> mail().send(draft), id -> {
            sending = false;
            if (compose == form) {
                compose = null;
                ctx.back();
            }
            ctx.toast("Sent");
        }, e -> {
            sending = false;
            ctx.toast(message(e));
        });
    }

    static String message(Exception e) {
        if (e instanceof GatewayException) {
            return e.getMessage();
        }
        if (e instanceof SecurityException) {
            return "Mail is not allowed to do this on this phone.";
        }
        return "Mail could not reach the server. Try again later.";
    }

    /** For tests: the fields of the open compose screen, or null. */
    List<TextField> composeFields() {
        return compose == null ? null : List.of(compose.to(), compose.cc(), compose.subject(), compose.body());
    }
}
