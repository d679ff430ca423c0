package org.workcell.sdk.app;

import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.workcell.sdk.data.Gateway;
import org.workcell.sdk.ui.UiLoop;
import org.workcell.sdk.ui.Window;

/**
 * What the phone offers an app. Every method is called on the UI thread; slow work (the gateway,
 * files) goes through {@link #background}, whose result comes back on the UI thread.
 */
public interface AppContext {
    AppManifest manifest();

    SystemInfo system();

    /** Shows {@code screen} on top of the app's current one, with a slide. */
    void show(Screen screen);

    /** Replaces the app's whole screen stack with {@code screen}. */
    void setRoot(Screen screen);

    /** Goes back one screen; false if this is the app's first screen. */
    boolean back();

    /** Leaves the app for the home screen (it is paused, not stopped). */
    void home();

    /** The app's private files. */
    Storage storage();

    boolean has(Permission permission);

    /** Throws {@link SecurityException} naming the permission if the app lacks it. */
    void require(Permission permission);

    /** Enterprise data; each call checks the permission it needs. */
    Gateway gateway();

    /** A short message at the bottom of the screen. */
    void toast(String text);

    /** A notification in the status bar's shade; needs {@link Permission#NOTIFICATIONS}. */
    void notify(String title, String text);

    /** Puts text on the phone's clipboard; needs {@link Permission#CLIPBOARD}. */
    void copy(String text);

    /** Runs {@code work} off the UI thread; {@code done} or {@code failed} then runs on it (if the app still runs). */
    <T> void background(Callable<T> work, Consumer<T> done, Consumer<Exception> failed);

    Window window();

    UiLoop loop();
}
