package org.workcell.phone.apps;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import org.workcell.phone.Phone;
import org.workcell.phone.system.AppFrame;
import org.workcell.sdk.app.App;
import org.workcell.sdk.app.AppContext;
import org.workcell.sdk.app.AppManifest;
import org.workcell.sdk.app.Permission;
import org.workcell.sdk.app.Screen;
import org.workcell.sdk.app.Storage;
import org.workcell.sdk.app.SystemInfo;
import org.workcell.sdk.data.Gateway;
import org.workcell.sdk.ui.Toast;
import org.workcell.sdk.ui.UiLoop;
import org.workcell.sdk.ui.Window;

/** One started app: the instance, its screens, and the context the phone gives it. */
public final class RunningApp implements AppContext {
    public enum State { CREATED, RESUMED, PAUSED, DESTROYED }

    private final AppEntry entry;
    private final App app;
    private final Phone phone;
    private final AppHost host;
    private final Gateway gateway;
    private final Storage storage;
    private final ExecutorService background;
    private final Deque<Screen> screens = new ArrayDeque<>();
    private final AppFrame frame;
    private volatile State state = State.CREATED;

    RunningApp(AppEntry entry, App app, Phone phone, AppHost host, Gateway gateway, Storage storage, ExecutorService background) {
        this.entry = entry;
        this.app = app;
        this.phone = phone;
        this.host = host;
        this.gateway = new PermissionedGateway(gateway, this);
        this.storage = storage;
        this.background = background;
        this.frame = new AppFrame(this);
    }

    public AppEntry entry() {
        return entry;
    }

    public App app() {
        return app;
    }

    public AppFrame frame() {
        return frame;
    }

    public State state() {
        return state;
    }

    void state(State state) {
        this.state = state;
    }

    /** The screen on top, or null before the app showed one. */
    public Screen top() {
        return screens.peek();
    }

    public int depth() {
        return screens.size();
    }

    // ---- AppContext ---------------------------------------------------------------------------------

    @Override
    public AppManifest manifest() {
        return entry.manifest();
    }

    @Override
    public SystemInfo system() {
        var s = phone.state();
        var c = phone.config();
        return new SystemInfo(c.imageVersion(), s.policyVersion(), s.leaseState(), s.user(), phone.config().data().getFileName().toString(),
                phone.window().width(), phone.window().height(), phone.window().density());
    }

    @Override
    public void show(Screen screen) {
        screens.push(screen);
        frame.push(screen);
        screen.shown();
    }

    @Override
    public void setRoot(Screen screen) {
        screens.clear();
        screens.push(screen);
        frame.replaceRoot(screen);
        screen.shown();
    }

    @Override
    public boolean back() {
        if (screens.size() <= 1) {
            return false;
        }
        screens.pop();
        frame.pop(screens.peek());
        screens.peek().shown();
        return true;
    }

    @Override
    public void home() {
        host.home();
    }

    @Override
    public Storage storage() {
        return storage;
    }

    @Override
    public boolean has(Permission permission) {
        return entry.manifest().permissions().contains(permission) && phone.state().permissions().contains(permission);
    }

    @Override
    public void require(Permission permission) {
        if (!entry.manifest().permissions().contains(permission)) {
            throw new SecurityException(entry.id() + " did not declare the permission " + permission.key() + " in its manifest");
        }
        if (!phone.state().permissions().contains(permission)) {
            throw new SecurityException("the work policy does not allow apps the permission " + permission.key());
        }
    }

    @Override
    public Gateway gateway() {
        return gateway;
    }

    @Override
    public void toast(String text) {
        Toast.show(phone.window(), text);
    }

    @Override
    public void notify(String title, String text) {
        require(Permission.NOTIFICATIONS);
        phone.systemUi().notify(entry, title, text);
    }

    @Override
    public void copy(String text) {
        require(Permission.CLIPBOARD);
        phone.window().clipboard().set(text);
    }

    @Override
    public <T> void background(Callable<T> work, Consumer<T> done, Consumer<Exception> failed) {
        UiLoop loop = phone.loop();
        background.execute(() -> {
            try {
                T result = work.call();
                loop.post(() -> {
                    if (state != State.DESTROYED) {
                        host.guarded(this, () -> done.accept(result));
                    }
                });
            } catch (Exception | Error e) {
                // An Error (a missing class, say) must still reach the app, or it waits forever.
                Exception failure = e instanceof Exception ex ? ex : new IllegalStateException(e.toString(), e);
                loop.post(() -> {
                    if (state != State.DESTROYED) {
                        host.guarded(this, () -> failed.accept(failure));
                    }
                });
            }
        });
    }

    @Override
    public Window window() {
        return phone.window();
    }

    @Override
    public UiLoop loop() {
        return phone.loop();
    }
}
