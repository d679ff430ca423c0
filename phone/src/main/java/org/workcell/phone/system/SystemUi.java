package org.workcell.phone.system;

import java.util.ArrayList;
import java.util.List;
import org.workcell.phone.Phone;
import org.workcell.phone.apps.AppEntry;
import org.workcell.phone.apps.RunningApp;
import org.workcell.sdk.ui.Banner;
import org.workcell.sdk.ui.Column;
import org.workcell.sdk.ui.Icon;
import org.workcell.sdk.ui.Keyboard;
import org.workcell.sdk.ui.Label;
import org.workcell.sdk.ui.Linear;
import org.workcell.sdk.ui.Row;
import org.workcell.sdk.ui.Scroll;
import org.workcell.sdk.ui.Stack;
import org.workcell.sdk.ui.Toast;
import org.workcell.sdk.ui.View;
import org.workcell.sdk.ui.ViewGroup;

/**
 * The phone's own screens around the apps: status bar, home screen, navigation bar (back, home,
 * switcher), app switcher, on-screen keyboard, notifications, and the overlays the host controls
 * (the PIN lock hook, "work phone disabled", the watermark).
 */
public final class SystemUi {
    /** A notification an app posted. */
    public record Notification(String app, String title, String text) {}

    private final Phone phone;
    private final Column root = new Column();
    private final StatusBar statusBar;
    private final Stack content = new Stack();
    private final HomeScreen home = new HomeScreen();
    private final Keyboard keyboard = new Keyboard();
    private final Row navBar = new Row();
    private final List<Notification> notifications = new ArrayList<>();
    private View switcher;
    private View shade;
    private View lockOverlay;
    private View disabledOverlay;
    private Watermark watermark;
    private View current;

    public SystemUi(Phone phone) {
        this.phone = phone;
        this.statusBar = new StatusBar(phone.config().clock());
        statusBar.onClick(v -> toggleShade());
        navBar.justify(Linear.Align.CENTER).spacing(56);
        navBar.height(48);
        navBar.add(navButton(Icon.Glyph.BACK, "Back", this::back), navButton(Icon.Glyph.HOME, "Home", this::home),
                navButton(Icon.Glyph.SWITCHER, "Recent apps", this::showSwitcher));
        navBar.description("navigation bar");
        content.flex(1);
        keyboard.visible(false);
        root.align(Linear.Align.STRETCH);
        root.add(statusBar, content, keyboard, navBar);
        content.add(home);
        current = home;
        phone.window().onFocusChange(this::focusChanged);
        showHome();
    }

    private View navButton(Icon.Glyph glyph, String label, Runnable action) {
        return new Icon(glyph, 22).padding(13).size(48, 48).description(label).onClick(v -> action.run());
    }

    public View root() {
        return root;
    }

    // ---- navigation ------------------------------------------------------------------------------

    public void showHome() {
        dismissSwitcher();
        home.show(phone.apps().registry().all(), phone.state().user(), e -> phone.apps().open(e.id()));
        show(home);
    }

    /** The home button: the front app goes to the background. */
    public void home() {
        if (switcher != null || shade != null) {
            dismissSwitcher();
            dismissShade();
            if (current == home) {
                return;
            }
        }
        phone.apps().home();
    }

    /** The back button: closes what is on top (keyboard, shade, switcher), else goes back in the app, else home. */
    public void back() {
        if (keyboard.visible()) {
            phone.window().focus(null);
            return;
        }
        if (shade != null) {
            dismissShade();
            return;
        }
        if (switcher != null) {
            dismissSwitcher();
            return;
        }
        if (current != home && !phone.apps().back()) {
            phone.apps().home();
        }
    }

    public void showApp(RunningApp app) {
        dismissSwitcher();
        show(app.frame());
    }

    private void show(View view) {
        if (current == view) {
            return;
        }
        phone.window().focus(null);
        if (view.parent() == null) {
            content.add(view);
        }
        for (View child : content.children()) {
            child.visible(child == view);
        }
        // Frames of apps no longer running leave the tree.
        for (View child : List.copyOf(content.children())) {
            if (child != view && child != home && child instanceof AppFrame && !isRunning(child)) {
                content.remove(child);
            }
        }
        current = view;
    }

    private boolean isRunning(View frame) {
        return phone.apps().recents().stream().anyMatch(a -> a.frame() == frame);
    }

    public void showSwitcher() {
        if (switcher != null) {
            dismissSwitcher();
            return;
        }
        dismissShade();
        Column cards = new Column();
        cards.spacing(12);
        cards.padding(16);
        List<RunningApp> recents = phone.apps().recents();
        if (recents.isEmpty()) {
            cards.add(new Label("No recent apps").centered(true).padding(24));
        }
        for (RunningApp app : recents) {
            String name = app.entry().manifest().name();
            Row card = new Row();
            card.spacing(12);
            card.padding(16, 12).background(phone.window().theme().surface()).cornerRadius(16);
            card.add(new Icon(Icon.Glyph.named(app.entry().manifest().icon()), 28), new Label(name).bold(true).flex(1),
                    new Icon(Icon.Glyph.CLOSE, 20).padding(10).size(40, 40).description("Close " + name).onClick(v -> {
                        phone.apps().close(app.entry().id());
                        dismissSwitcher();
                        showSwitcher();
                    }));
            card.description(name).onClick(v -> phone.apps().open(app.entry().id()));
            cards.add(card);
        }
        Scroll list = new Scroll(cards);
        list.background(phone.window().theme().surfaceVariant());
        list.description("recent apps");
        switcher = list;
        content.add(list);
    }

    private void dismissSwitcher() {
        if (switcher != null) {
            content.remove(switcher);
            switcher = null;
        }
    }

    public void appsChanged() {
        if (current == home) {
            showHome();
        }
    }

    // ---- keyboard ---------------------------------------------------------------------------------

    private void focusChanged(View focused) {
        boolean wants = focused != null && focused.wantsKeyboard();
        if (keyboard.visible() != wants) {
            keyboard.visible(wants);
        }
        if (wants) {
            // Once the keyboard has taken its space, bring the field into view.
            phone.loop().post(() -> {
                for (ViewGroup p = focused.parent(); p != null; p = p.parent()) {
                    if (p instanceof Scroll s) {
                        s.reveal(focused);
                        break;
                    }
                }
            });
        }
    }

    // ---- notifications ------------------------------------------------------------------------------

    public void notify(AppEntry app, String title, String text) {
        Notification n = new Notification(app.manifest().name(), title, text);
        notifications.add(0, n);
        if (notifications.size() > 50) {
            notifications.removeLast();
        }
        stateChanged();
        if (lockOverlay == null && disabledOverlay == null) {
            Banner.show(phone.window(), app.manifest().name() + ": " + title, text, () -> phone.apps().open(app.id()));
        }
    }

    public List<Notification> notifications() {
        return List.copyOf(notifications);
    }

    private void toggleShade() {
        if (shade != null) {
            dismissShade();
            return;
        }
        Column list = new Column();
        list.spacing(8);
        list.padding(16);
        list.add(new Label("Notifications").style(Label.Style.TITLE));
        if (notifications.isEmpty()) {
            list.add(new Label("Nothing new").style(Label.Style.CAPTION));
        }
        for (Notification n : notifications) {
            Column item = new Column(new Label(n.app() + " · " + n.title()).bold(true).maxLines(1), new Label(n.text()).maxLines(3));
            item.padding(12).background(phone.window().theme().surface()).cornerRadius(12);
            list.add(item);
        }
        if (!notifications.isEmpty()) {
            list.add(new org.workcell.sdk.ui.Button("Clear all", org.workcell.sdk.ui.Button.Kind.TEXT, v -> {
                notifications.clear();
                dismissShade();
                stateChanged();
            }));
        }
        Scroll s = new Scroll(list);
        s.background(phone.window().theme().surfaceVariant());
        s.description("notification shade");
        shade = s;
        content.add(s);
    }

    private void dismissShade() {
        if (shade != null) {
            content.remove(shade);
            shade = null;
        }
    }

    public void toast(String text) {
        Toast.show(phone.window(), text);
    }

    // ---- what the host controls -----------------------------------------------------------------------

    public void stateChanged() {
        statusBar.show(phone.state(), notifications.size());
        String mark = phone.state().watermark();
        if (mark == null && watermark != null) {
            phone.window().removeOverlay(watermark);
            watermark = null;
        } else if (mark != null) {
            if (watermark == null) {
                watermark = new Watermark();
                phone.window().addOverlay(watermark);
            }
            watermark.text(mark);
        }
    }

    /** The host's PIN gate locked the phone: nothing of the work phone shows until it unlocks. */
    public void lock() {
        if (lockOverlay == null) {
            phone.window().focus(null);
            lockOverlay = Overlays.blocking(Icon.Glyph.LOCK, "Work phone locked", "Enter your PIN to unlock.", phone.window().theme());
            lockOverlay.description("locked");
            phone.window().addOverlay(lockOverlay);
        }
    }

    public void unlock() {
        if (lockOverlay != null) {
            phone.window().removeOverlay(lockOverlay);
            lockOverlay = null;
        }
    }

    public boolean locked() {
        return lockOverlay != null;
    }

    public void disabled(boolean disabled, String reason) {
        if (disabledOverlay != null) {
            phone.window().removeOverlay(disabledOverlay);
            disabledOverlay = null;
        }
        if (disabled) {
            phone.window().focus(null);
            disabledOverlay = Overlays.blocking(Icon.Glyph.SHIELD, "Work phone disabled",
                    reason == null || reason.isBlank() ? "Your company has disabled this work phone." : reason, phone.window().theme());
            disabledOverlay.description("disabled");
            phone.window().addOverlay(disabledOverlay);
        }
    }

    public boolean isDisabled() {
        return disabledOverlay != null;
    }
}
