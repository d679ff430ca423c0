package org.workcell.sdk.app;

/**
 * An app on the work phone. The phone creates one instance per app when it is first opened and
 * drives it through its life on the UI thread:
 * <pre>
 * onCreate → onResume ⇄ onPause → (onSaveState) → onDestroy
 * </pre>
 * An app shows {@link Screen}s through its {@link AppContext}. It must save whatever the user
 * would expect to find again in {@link #onSaveState}: the phone may stop a paused app, or the
 * whole phone, at any time after that.
 */
public abstract class App {
    private AppContext context;

    /** Called once; {@code saved} holds what {@link #onSaveState} stored last time (empty on a first start). */
    public abstract void onCreate(AppContext context, Bundle saved);

    /** The app is in front and visible. */
    public void onResume() {}

    /** The app left the front (home pressed, another app opened, the phone locked). */
    public void onPause() {}

    /** Writes what must survive a stop into {@code out}. */
    public void onSaveState(Bundle out) {}

    /** The app is being stopped; release what it holds. */
    public void onDestroy() {}

    /** The back button; return true if handled. The default goes back one screen, if there is one. */
    public boolean onBack() {
        return context != null && context.back();
    }

    /** Set by the phone before {@link #onCreate}. */
    public final void bind(AppContext context) {
        if (this.context != null) {
            throw new IllegalStateException("the app is bound already");
        }
        this.context = context;
    }

    public final AppContext context() {
        return context;
    }
}
