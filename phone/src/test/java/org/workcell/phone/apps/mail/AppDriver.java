package org.workcell.phone.apps.mail;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.workcell.sdk.app.App;
import org.workcell.sdk.app.AppContext;
import org.workcell.sdk.app.AppManifest;
import org.workcell.sdk.app.Bundle;
import org.workcell.sdk.app.Permission;
import org.workcell.sdk.app.Screen;
import org.workcell.sdk.app.Storage;
import org.workcell.sdk.app.SystemInfo;
import org.workcell.sdk.data.Gateway;
import org.workcell.sdk.ui.Column;
import org.workcell.sdk.ui.Icon;
import org.workcell.sdk.ui.KeyEvent;
import org.workcell.sdk.ui.Label;
import org.workcell.sdk.ui.Linear;
import org.workcell.sdk.ui.Rect;
import org.workcell.sdk.ui.Row;
import org.workcell.sdk.ui.Stack;
import org.workcell.sdk.ui.Theme;
import org.workcell.sdk.ui.TouchEvent;
import org.workcell.sdk.ui.UiLoop;
import org.workcell.sdk.ui.View;
import org.workcell.sdk.ui.Window;

/**
 * Runs one app in-process the way the phone does, with a real window and view tree, on a fake
 * clock; background work is queued and run by {@link #settle()} on the test thread, so tests are
 * deterministic without sleeping. The app bar mirrors the phone's: the title, then the actions
 * as icons described by their labels.
 */
public final class AppDriver implements AppContext {
    private long millis;
    private final UiLoop loop = new UiLoop(() -> millis);
    private final Window window = new Window(loop, Theme.LIGHT, 720, 1560, 320);
    private final Row bar = new Row();
    private final Stack pages = new Stack();
    private final Deque<Screen> screens = new ArrayDeque<>();
    private final List<Runnable> work = new ArrayList<>();
    private final Gateway gateway;
    private final AppManifest manifest;
    public final List<String> toasts = new ArrayList<>();
    private final Map<String, Map<String, String>> files = new HashMap<>();
    private App app;
    /** True while background work runs: the fake gateway refuses calls made outside it. */
    static boolean working;

    public AppDriver(Gateway gateway, String id, Permission... permissions) {
        this.gateway = gateway;
        this.manifest = new AppManifest(id, "Test", "1.0", "x.Y", "APP", java.util.Set.of(permissions), "");
        Column frame = new Column(bar, pages);
        bar.height(56).padding(4, 0, 8, 0);
        pages.flex(1);
        frame.align(Linear.Align.STRETCH);
        window.setContent(frame);
    }

    public App start(App app, Bundle saved) {
        this.app = app;
        app.bind(this);
        app.onCreate(this, saved);
        app.onResume();
        settle();
        return app;
    }

    public Bundle save() {
        Bundle out = new Bundle();
        app.onSaveState(out);
        return new Bundle(out.asMap());
    }

    /** Runs queued background work, posted results and frames until nothing is left. */
    public void settle() {
        for (int round = 0; round < 1000; round++) {
            if (!work.isEmpty()) {
                List<Runnable> now = new ArrayList<>(work);
                work.clear();
                now.forEach(Runnable::run);
                continue;
            }
            millis += 16;
            int ran = loop.runDue();
            window.render();
            if (ran == 0 && work.isEmpty() && !window.animating() && !window.frameNeeded()) {
                return;
            }
        }
        throw new AssertionError("the app never settled");
    }

    public Window window() {
        return window;
    }

    public List<String> titles() {
        List<String> out = new ArrayList<>();
        screens.descendingIterator().forEachRemaining(s -> out.add(s.title()));
        return out;
    }

    public Screen top() {
        return screens.peek();
    }

    public Optional<View> find(Predicate<View> test) {
        return window.root().findAll(test).stream().findFirst();
    }

    public Optional<View> find(String description) {
        return find(v -> description.equals(v.description()));
    }

    public <T extends View> List<T> all(Class<T> type) {
        return window.root().findAll(type::isInstance).stream().map(type::cast).toList();
    }

    public View get(String description) {
        return find(description).orElseThrow(() -> new AssertionError("nothing on screen is described as '" + description + "'"));
    }

    /** Taps the middle of the view described so, then settles. */
    public void tap(String description) {
        tap(get(description));
    }

    public void tap(View v) {
        Rect r = v.windowRect();
        int x = r.x() + r.width() / 2;
        int y = r.y() + r.height() / 2;
        window.touch(new TouchEvent(TouchEvent.Action.DOWN, x, y, millis));
        window.touch(new TouchEvent(TouchEvent.Action.UP, x, y, millis));
        settle();
    }

    /** Taps a field and types into it. */
    public void type(String description, String text) {
        tap(description);
        window.text(text);
        settle();
    }

    public void key(KeyEvent.Key key) {
        window.key(new KeyEvent(key, true, 0));
        window.key(new KeyEvent(key, false, 0));
        settle();
    }

    /** The system back key: the app decides. */
    public void pressBack() {
        app.onBack();
        settle();
    }

    private void showTop() {
        Screen s = screens.peek();
        pages.setChildren(s.content());
        bar.removeAll();
        if (screens.size() > 1) {
            bar.add(new Icon(Icon.Glyph.BACK).padding(12).size(48, 48).description("Back").onClick(v -> {
                back();
            }));
        }
        bar.add(new Label(s.title()).style(Label.Style.TITLE).maxLines(1).flex(1).description("title " + s.title()));
        for (Screen.Action a : s.actions()) {
            bar.add(new Icon(a.glyph()).padding(12).size(48, 48).description(a.label()).onClick(v -> a.run().accept(s)));
        }
    }

    // ---- AppContext ---------------------------------------------------------------------------

    @Override
    public AppManifest manifest() {
        return manifest;
    }

    @Override
    public SystemInfo system() {
        return new SystemInfo("dev", 1, "active", "me@workcell.test", "test", 720, 1560, 320);
    }

    @Override
    public void show(Screen screen) {
        screens.push(screen);
        showTop();
        screen.shown();
    }

    @Override
    public void setRoot(Screen screen) {
        screens.clear();
        screens.push(screen);
        showTop();
        screen.shown();
    }

    @Override
    public boolean back() {
        if (screens.size() <= 1) {
            return false;
        }
        screens.pop();
        showTop();
        screens.peek().shown();
        return true;
    }

    @Override
    public void home() {}

    @Override
    public Storage storage() {
        return new Storage() {
            @Override
            public java.nio.file.Path folder() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Map<String, String> read(String name) {
                return files.getOrDefault(name, Map.of());
            }

            @Override
            public void write(String name, Map<String, String> values) {
                files.put(name, Map.copyOf(values));
            }
        };
    }

    @Override
    public boolean has(Permission permission) {
        return manifest.permissions().contains(permission);
    }

    @Override
    public void require(Permission permission) {
        if (!has(permission)) {
            throw new SecurityException(permission.key());
        }
    }

    @Override
    public Gateway gateway() {
        return gateway;
    }

    @Override
    public void toast(String text) {
        toasts.add(text);
    }

    @Override
    public void notify(String title, String text) {}

    @Override
    public void copy(String text) {}

    @Override
    public <T> void background(Callable<T> task, Consumer<T> done, Consumer<Exception> failed) {
        if (!loop.onLoop()) {
            throw new AssertionError("background() called off the UI thread");
        }
        work.add(() -> {
            try {
                T result;
                working = true;
                try {
                    result = task.call();
                } finally {
                    working = false;
                }
                loop.post(() -> done.accept(result));
            } catch (Exception e) {
                loop.post(() -> failed.accept(e));
            }
        });
    }

    @Override
    public UiLoop loop() {
        return loop;
    }
}
