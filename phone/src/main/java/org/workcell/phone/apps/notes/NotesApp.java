package org.workcell.phone.apps.notes;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.workcell.sdk.app.App;
import org.workcell.sdk.app.AppContext;
import org.workcell.sdk.app.Bundle;
import org.workcell.sdk.app.Screen;
import org.workcell.sdk.ui.Button;
import org.workcell.sdk.ui.Column;
import org.workcell.sdk.ui.Icon;
import org.workcell.sdk.ui.Label;
import org.workcell.sdk.ui.Linear;
import org.workcell.sdk.ui.Row;
import org.workcell.sdk.ui.Scroll;
import org.workcell.sdk.ui.Stack;
import org.workcell.sdk.ui.TextField;
import org.workcell.sdk.ui.TouchEvent;
import org.workcell.sdk.ui.KeyEvent;
import org.workcell.sdk.ui.View;

/**
 * Notes kept on the phone only (they never go through the gateway): a searchable list, newest
 * first, and an editor that saves by itself when the user goes back or leaves the app.
 */
public final class NotesApp extends App {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);

    private AppContext ctx;
    private NoteStore store;
    private final Column list = new Column();
    private final TextField search = new TextField("Search notes");
    private String query = "";
    private int generation;
    private Editor editor;

    @Override
    public void onCreate(AppContext context, Bundle saved) {
        this.ctx = context;
        this.store = new NoteStore(context.storage());
        query = saved.get("query", "");
        ctx.setRoot(listScreen());
        String open = saved.get("open", null);
        if (open != null) {
            ctx.background(() -> store.find(open).orElse(null), note -> {
                if (note != null && editor == null) {
                    openEditor(note.id(), note.text());
                }
            }, e -> ctx.toast("Cannot open the note: " + e.getMessage()));
        }
    }

    @Override
    public void onPause() {
        if (editor != null) {
            editor.save();
        }
    }

    @Override
    public boolean onBack() {
        if (editor != null && editor.confirm != null) {
            editor.dismissConfirm();
            return true;
        }
        if (editor != null) {
            editor.save();
            editor = null;
        }
        return super.onBack();
    }

    @Override
    public void onSaveState(Bundle out) {
        out.put("query", query);
        if (editor != null) {
            editor.save();
            out.put("open", editor.id);
        }
    }

    // ---- the list ---------------------------------------------------------------------------------

    private Screen listScreen() {
        search.text(query);
        search.description("Search notes");
        search.background(ctx.window().theme().surfaceVariant());
        search.onChange(text -> {
            query = text.strip();
            reload();
        });
        View searchBox = new Row(new Icon(Icon.Glyph.SEARCH, 20), search.flex(1)).padding(16, 8, 16, 8);
        list.spacing(8);
        list.padding(16, 8, 16, 16);
        list.align(Linear.Align.STRETCH);
        Scroll scroll = new Scroll(list);
        scroll.flex(1);
        scroll.description("notes list");
        Column content = new Column(searchBox, scroll);
        content.align(Linear.Align.STRETCH);
        Screen screen = new Screen("Notes", content);
        screen.action(Icon.Glyph.PLUS, "New note", s -> openEditor(null, ""));
        screen.onShown(() -> {
            if (editor != null) { // back from the editor, by the back key or the app bar's arrow
                editor.save();
                editor = null;
            }
            reload();
        });
        return screen;
    }

    void reload() {
        int mine = ++generation;
        String q = query;
        if (list.children().isEmpty()) {
            list.add(state("Loading…", "loading"));
        }
        ctx.background(() -> store.search(q), notes -> {
            if (mine == generation) {
                show(notes, q);
            }
        }, e -> {
            if (mine == generation) {
                list.removeAll();
                list.add(state("Cannot read your notes: " + e.getMessage(), "error"));
            }
        });
    }

    private void show(List<NoteStore.Note> notes, String q) {
        list.removeAll();
        if (notes.isEmpty()) {
            list.add(state(q.isEmpty() ? "No notes yet. Tap + to write one." : "No notes contain \u201c" + q + "\u201d", "empty"));
            return;
        }
        for (NoteStore.Note n : notes) {
            Label title = new Label(n.title()).bold(true).maxLines(1);
            Label preview = new Label(n.preview()).maxLines(2);
            preview.color(ctx.window().theme().secondaryText());
            Label when = new Label(WHEN.format(Instant.ofEpochMilli(n.modified()).atZone(ZoneId.systemDefault()))).style(Label.Style.CAPTION);
            Column card = new Column(title);
            if (!n.preview().isEmpty()) {
                card.add(preview);
            }
            card.add(when);
            card.spacing(4);
            card.padding(16, 12);
            card.background(ctx.window().theme().surface());
            card.cornerRadius(12);
            card.description("note " + n.title());
            card.onClick(v -> openEditor(n.id(), n.text()));
            list.add(card);
        }
    }

    private static View state(String text, String kind) {
        Label l = new Label(text).style(Label.Style.CAPTION).centered(true);
        l.description(kind + ": " + text);
        return l.padding(24, 32, 24, 32);
    }

    // ---- the editor -------------------------------------------------------------------------------

    private void openEditor(String id, String text) {
        editor = new Editor(id, text);
        ctx.show(editor.screen);
    }

    /** One note being edited; {@code id} is null until its first save. */
    private final class Editor {
        String id;
        String saved;
        final TextField field = new TextField("Note");
        final Screen screen;
        View confirm;

        Editor(String id, String text) {
            this.id = id;
            this.saved = id == null ? "" : text;
            field.multiline(true).maxLines(40).maxLength(NoteStore.MAX_CHARS);
            field.text(text);
            field.description("note text");
            field.padding(16);
            field.height(View.FILL);
            screen = new Screen(id == null ? "New note" : "Note", field);
            screen.action(Icon.Glyph.TRASH, "Delete note", s -> askDelete());
        }

        /** Writes the note if it changed; an emptied note is deleted. Synchronous: it runs when the phone may stop next. */
        void save() {
            String text = field.text();
            if (text.equals(saved)) {
                return;
            }
            try {
                if (text.isBlank()) {
                    if (id != null) {
                        store.delete(id);
                        id = null;
                    }
                } else {
                    id = store.save(id, text).id();
                }
                saved = text;
            } catch (IOException e) {
                ctx.toast("Cannot save the note: " + e.getMessage());
            }
        }

        void askDelete() {
            if (confirm != null) {
                return;
            }
            Button cancel = new Button("Cancel", Button.Kind.TEXT, v -> dismissConfirm());
            Button delete = new Button("Delete", Button.Kind.FILLED, v -> {
                dismissConfirm();
                delete();
            });
            Label title = new Label("Delete this note?").style(Label.Style.TITLE);
            Label message = new Label("It is removed from this phone and cannot be brought back.");
            Row buttons = new Row(cancel, delete);
            buttons.spacing(8);
            buttons.justify(Linear.Align.END);
            Column card = new Column(title, message, buttons);
            card.spacing(16);
            card.padding(24);
            card.background(ctx.window().theme().surface());
            card.cornerRadius(24);
            card.width(312);
            card.description("dialog Delete this note?");
            Stack scrim = new Stack() {
                @Override
                public boolean onTouch(TouchEvent e) {
                    if (e.action() == TouchEvent.Action.UP) {
                        dismissConfirm();
                    }
                    return true; // nothing beneath the dialog takes touches meanwhile
                }

                @Override
                public boolean onKey(KeyEvent e) {
                    if (e.down() && (e.key() == KeyEvent.Key.BACK || e.key() == KeyEvent.Key.ESCAPE)) {
                        dismissConfirm();
                        return true;
                    }
                    return false;
                }
            };
            scrim.background(0x5A5F68);
            scrim.alpha(1f);
            scrim.add(card, Stack.Gravity.CENTER);
            confirm = scrim;
            ctx.window().focus(null);
            ctx.window().addOverlay(scrim);
        }

        void dismissConfirm() {
            if (confirm != null) {
                ctx.window().removeOverlay(confirm);
                confirm = null;
            }
        }

        void delete() {
            try {
                if (id != null) {
                    store.delete(id);
                }
                saved = "";
                field.text("");
                editor = null;
                ctx.toast("Note deleted");
                ctx.back();
            } catch (IOException e) {
                ctx.toast("Cannot delete the note: " + e.getMessage());
            }
        }
    }
}
