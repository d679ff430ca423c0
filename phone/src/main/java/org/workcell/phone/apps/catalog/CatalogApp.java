package org.workcell.phone.apps.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.workcell.phone.Phone;
import org.workcell.phone.apps.AppCatalog.Offer;
import org.workcell.phone.apps.AppCatalog.RequestState;
import org.workcell.phone.apps.AppEntry;
import org.workcell.phone.apps.common.Sizes;
import org.workcell.sdk.app.App;
import org.workcell.sdk.app.AppContext;
import org.workcell.sdk.app.AppManifest;
import org.workcell.sdk.app.Bundle;
import org.workcell.sdk.app.Permission;
import org.workcell.sdk.app.Screen;
import org.workcell.sdk.ui.Button;
import org.workcell.sdk.ui.Column;
import org.workcell.sdk.ui.Icon;
import org.workcell.sdk.ui.KeyEvent;
import org.workcell.sdk.ui.Label;
import org.workcell.sdk.ui.Linear;
import org.workcell.sdk.ui.Row;
import org.workcell.sdk.ui.Scroll;
import org.workcell.sdk.ui.Stack;
import org.workcell.sdk.ui.TouchEvent;
import org.workcell.sdk.ui.View;

/**
 * The App Catalog, a system app: the à-la-carte apps the user's group offers, with install,
 * update, remove and (where an admin approves first) request.
 */
public final class CatalogApp extends App {
    /** What the user may do with an offer, given what is installed. */
    enum Status { AVAILABLE, INSTALLED, UPDATE, NEEDS_APPROVAL, REQUESTED, REJECTED }

    private final Phone phone;
    private AppContext ctx;
    private final Column list = new Column();
    private int generation;
    private View dialog;

    public CatalogApp(Phone phone) {
        this.phone = phone;
    }

    @Override
    public void onCreate(AppContext context, Bundle saved) {
        this.ctx = context;
        list.spacing(8);
        list.padding(16);
        list.align(Linear.Align.STRETCH);
        Scroll scroll = new Scroll(list);
        scroll.description("catalog");
        ctx.setRoot(new Screen("App Catalog", scroll).onShown(this::reload));
    }

    @Override
    public boolean onBack() {
        if (dialog != null) {
            dismiss();
            return true;
        }
        return super.onBack();
    }

    @Override
    public void onPause() {
        dismiss();
    }

    Status status(Offer o) {
        Optional<AppEntry> installed = phone.apps().registry().get(o.manifest().id());
        if (installed.isPresent()) {
            return compareVersions(o.manifest().version(), installed.get().manifest().version()) > 0 ? Status.UPDATE : Status.INSTALLED;
        }
        if (!o.approval()) {
            return Status.AVAILABLE;
        }
        return switch (o.request()) {
            case APPROVED -> Status.AVAILABLE;
            case PENDING -> Status.REQUESTED;
            case REJECTED -> Status.REJECTED;
            case NONE -> Status.NEEDS_APPROVAL;
        };
    }

    static String words(Status s) {
        return switch (s) {
            case AVAILABLE -> "Not installed";
            case INSTALLED -> "Installed";
            case UPDATE -> "Update available";
            case NEEDS_APPROVAL -> "Needs your admin's approval";
            case REQUESTED -> "Requested: waiting for approval";
            case REJECTED -> "Request declined by your admin";
        };
    }

    /** Compares dotted numeric versions (1.10 is after 1.9); a suffix counts only when the numbers are equal. */
    static int compareVersions(String a, String b) {
        String[] x = a.split("[-+]", 2);
        String[] y = b.split("[-+]", 2);
        String[] xs = x[0].split("\\.");
        String[] ys = y[0].split("\\.");
        for (int i = 0; i < Math.max(xs.length, ys.length); i++) {
            long p = i < xs.length ? Long.parseLong(xs[i]) : 0;
            long q = i < ys.length ? Long.parseLong(ys[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return (x.length > 1 ? x[1] : "").compareTo(y.length > 1 ? y[1] : "");
    }


    // ---- the list ---------------------------------------------------------------------------------

    void reload() {
        int mine = ++generation;
        list.removeAll();
        list.add(state("Loading the catalog…", "loading"));
        ctx.background(() -> phone.catalog().offers(), offers -> {
            if (mine == generation) {
                show(offers);
            }
        }, e -> {
            if (mine == generation) {
                list.removeAll();
                list.add(state("Cannot load the catalog: " + e.getMessage(), "error"));
                list.add(new Row(new Button("Try again", Button.Kind.OUTLINED, v -> reload())).justify(Linear.Align.CENTER));
            }
        });
    }

    private void show(List<Offer> offers) {
        list.removeAll();
        if (offers.isEmpty()) {
            list.add(state("Your company offers no extra apps yet.", "empty"));
            return;
        }
        list.add(new Label("Apps your company offers").style(Label.Style.CAPTION));
        for (Offer o : offers) {
            AppManifest m = o.manifest();
            Status s = status(o);
            Label name = new Label(m.name()).bold(true).maxLines(1);
            Label meta = new Label("Version " + m.version() + " \u00b7 " + Sizes.human(o.sizeBytes()) + " \u00b7 " + words(s)).style(Label.Style.CAPTION).maxLines(1);
            Column text = new Column(name, meta);
            if (!m.description().isEmpty()) {
                text.add(new Label(m.description()).maxLines(2));
            }
            text.spacing(2);
            text.flex(1);
            Row row = new Row(tile(m), text);
            row.spacing(16);
            row.align(Linear.Align.START);
            row.padding(16, 12);
            row.background(ctx.window().theme().surface());
            row.cornerRadius(12);
            row.description("offer " + m.name());
            row.onClick(v -> ctx.show(detail(o)));
            list.add(row);
        }
    }

    private static View tile(AppManifest m) {
        Icon icon = new Icon(Icon.Glyph.named(m.icon()), 24);
        icon.color(0xFFFFFF);
        Stack tile = new Stack();
        tile.add(icon, Stack.Gravity.CENTER);
        tile.size(48, 48);
        tile.background(0x1F5FBF);
        tile.cornerRadius(12);
        return tile;
    }

    private static View state(String text, String kind) {
        Label l = new Label(text).style(Label.Style.CAPTION).centered(true);
        l.description(kind + ": " + text);
        return l.padding(24, 32, 24, 32);
    }

    // ---- one offer ----------------------------------------------------------------------------------

    private Screen detail(Offer offer) {
        Column body = new Column();
        body.spacing(8);
        body.padding(16);
        body.align(Linear.Align.STRETCH);
        Screen screen = new Screen(offer.manifest().name(), new Scroll(body));
        Offer[] current = {offer};
        Runnable[] render = new Runnable[1];
        Label progress = new Label("");
        progress.style(Label.Style.CAPTION);
        progress.description("progress");
        progress.visible(false);
        Label error = new Label("");
        error.color(0xC62828);
        error.description("error");
        error.visible(false);
        render[0] = () -> {
            Offer o = current[0];
            AppManifest m = o.manifest();
            Status s = status(o);
            body.removeAll();
            Label name = new Label(m.name()).style(Label.Style.TITLE).textSize(24);
            Column head = new Column(name, new Label("Version " + m.version() + " \u00b7 " + Sizes.human(o.sizeBytes())).style(Label.Style.CAPTION));
            head.spacing(4);
            Row top = new Row(tile(m), head.flex(1));
            top.spacing(16);
            Label state = new Label(words(s)).bold(true);
            state.description("status: " + words(s));
            body.add(top, state);
            Row buttons = new Row();
            buttons.spacing(8);
            switch (s) {
                case AVAILABLE -> buttons.add(new Button("Install", v -> install(o, "Installing", progress, error, render[0])));
                case UPDATE -> buttons.add(new Button("Update", v -> install(o, "Updating", progress, error, render[0])),
                        new Button("Remove", Button.Kind.OUTLINED, v -> confirmRemove(m, error, render[0])));
                case INSTALLED -> buttons.add(new Button("Open", v -> phone.apps().open(m.id())),
                        new Button("Remove", Button.Kind.OUTLINED, v -> confirmRemove(m, error, render[0])));
                case NEEDS_APPROVAL, REJECTED -> buttons.add(new Button(s == Status.REJECTED ? "Request again" : "Request", v -> {
                    error.visible(false);
                    progress.text("Sending your request…");
                    progress.visible(true);
                    ctx.background(() -> phone.catalog().request(m.id(), ""), state2 -> {
                        progress.visible(false);
                        current[0] = new Offer(o.manifest(), o.sizeBytes(), o.approval(), state2);
                        ctx.toast(state2 == RequestState.APPROVED ? "Approved: you can install it now" : "Request sent to your admin");
                        render[0].run();
                    }, e -> fail(error, progress, "The request was not sent: " + e.getMessage()));
                }));
                case REQUESTED -> buttons.add(new Button("Requested", Button.Kind.OUTLINED, v -> { }).enabled(false));
            }
            body.add(buttons, progress, error);
            if (!m.description().isEmpty()) {
                body.add(section("About"), new Label(m.description()));
            }
            body.add(section("Permissions"));
            if (m.permissions().isEmpty()) {
                body.add(new Label("None: it keeps to its own screens and files."));
            } else {
                body.add(new Label(m.permissions().stream().sorted().map(CatalogApp::permissionWords).collect(Collectors.joining("\n"))));
            }
            body.add(section("Details"), new Label("App ID " + m.id()).style(Label.Style.CAPTION));
        };
        screen.onShown(render[0]);
        return screen;
    }

    private static View section(String title) {
        Label l = new Label(title.toUpperCase(Locale.ROOT)).style(Label.Style.CAPTION).bold(true);
        l.color(0x1F5FBF);
        return l.padding(0, 16, 0, 0);
    }

    static String permissionWords(Permission p) {
        return switch (p) {
            case MAIL_READ -> "Read your work mail";
            case MAIL_SEND -> "Send mail and file messages";
            case CONTACTS_READ -> "Read company contacts";
            case CONTACTS_WRITE -> "Change company contacts";
            case DOCUMENTS_READ -> "Read company documents";
            case NOTIFICATIONS -> "Show notifications";
            case CLIPBOARD -> "Copy text to the clipboard";
        };
    }

    private void fail(Label error, Label progress, String message) {
        progress.visible(false);
        error.text(message);
        error.visible(true);
    }

    /** Downloads off the UI thread, then installs on it. */
    private void install(Offer o, String verb, Label progress, Label error, Runnable render) {
        AppManifest m = o.manifest();
        error.visible(false);
        progress.text(verb + " " + m.name() + " (" + Sizes.human(o.sizeBytes()) + ")…");
        progress.visible(true);
        ctx.background(() -> phone.catalog().download(m.id()), bytes -> {
            try {
                AppEntry entry = phone.apps().install(bytes);
                progress.visible(false);
                ctx.toast(entry.manifest().name() + " " + entry.manifest().version() + " installed");
                render.run();
            } catch (java.io.IOException | RuntimeException e) {
                fail(error, progress, m.name() + " was not installed: " + e.getMessage());
            }
        }, e -> fail(error, progress, m.name() + " could not be downloaded: " + e.getMessage()));
    }

    private void confirmRemove(AppManifest m, Label error, Runnable render) {
        if (dialog != null) {
            return;
        }
        Button cancel = new Button("Cancel", Button.Kind.TEXT, v -> dismiss());
        Button remove = new Button("Remove", v -> {
            dismiss();
            try {
                phone.apps().remove(m.id());
                ctx.toast(m.name() + " removed");
                render.run();
            } catch (java.io.IOException | RuntimeException e) {
                error.text(m.name() + " was not removed: " + e.getMessage());
                error.visible(true);
            }
        });
        Row buttons = new Row(cancel, remove);
        buttons.spacing(8);
        buttons.justify(Linear.Align.END);
        Column card = new Column(new Label("Remove " + m.name() + "?").style(Label.Style.TITLE),
                new Label("The app and everything it keeps on this phone are deleted. You can install it again from the catalog."), buttons);
        card.spacing(16);
        card.padding(24);
        card.background(ctx.window().theme().surface());
        card.cornerRadius(24);
        card.width(312);
        card.description("dialog Remove " + m.name() + "?");
        Stack scrim = new Stack() {
            @Override
            public boolean onTouch(TouchEvent e) {
                if (e.action() == TouchEvent.Action.UP) {
                    dismiss();
                }
                return true;
            }

            @Override
            public boolean onKey(KeyEvent e) {
                if (e.down() && (e.key() == KeyEvent.Key.BACK || e.key() == KeyEvent.Key.ESCAPE)) {
                    dismiss();
                    return true;
                }
                return false;
            }
        };
        scrim.background(0x5A5F68);
        scrim.add(card, Stack.Gravity.CENTER);
        dialog = scrim;
        ctx.window().addOverlay(scrim);
    }

    private void dismiss() {
        if (dialog != null) {
            ctx.window().removeOverlay(dialog);
            dialog = null;
        }
    }
}
