package org.workcell.sdk.ui;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * A short message near the bottom of the screen that fades in, stays about 2.5 seconds and fades
 * out. It never takes a touch: everything beneath it works as usual. A new toast replaces the one
 * showing.
 */
public final class Toast {
    static final long SHOW_MILLIS = 2500;
    static final long FADE_MILLIS = 150;
    private static final Map<Window, Toast> CURRENT = new WeakHashMap<>();

    private final Window window;
    private final Stack layer = new Stack();
    private final Label pill;
    private UiLoop.Cancellable timer;
    private Animator fade;
    private boolean hiding;

    private Toast(Window window, String text) {
        this.window = window;
        pill = new Label(text);
        pill.maxLines(3).color(0xFFFFFF);
        pill.padding(16, 10).background(0x323232);
        pill.cornerRadius(20);
        layer.padding(32, 0, 32, 96);
        layer.add(pill, Stack.Gravity.BOTTOM);
        layer.description("toast");
    }

    /** Shows {@code text} on {@code window}; returns the toast, which hides itself. */
    public static Toast show(Window window, String text) {
        Toast old = CURRENT.remove(window);
        if (old != null) {
            old.remove();
        }
        Toast toast = new Toast(window, text);
        CURRENT.put(window, toast);
        toast.pill.alpha(0);
        window.addOverlay(toast.layer);
        toast.fade = new Animator(FADE_MILLIS, Animator.EASE_OUT, (t, done) -> toast.pill.alpha(t)).start(window);
        toast.timer = window.loop().postDelayed(toast::hide, FADE_MILLIS + SHOW_MILLIS);
        return toast;
    }

    public String text() {
        return pill.text();
    }

    public boolean showing() {
        return layer.window() != null && !hiding;
    }

    /** Fades the toast out now. */
    public void hide() {
        if (hiding || layer.window() == null) {
            return;
        }
        hiding = true;
        if (timer != null) {
            timer.cancel();
        }
        if (fade != null) {
            fade.cancel();
        }
        float from = pill.alpha();
        fade = new Animator(FADE_MILLIS, Animator.EASE_IN_OUT, (t, done) -> {
            pill.alpha(from * (1 - t));
            if (done) {
                remove();
            }
        }).start(window);
    }

    private void remove() {
        if (timer != null) {
            timer.cancel();
        }
        if (fade != null) {
            fade.cancel();
        }
        hiding = true;
        if (layer.window() != null) {
            window.removeOverlay(layer);
        }
        CURRENT.remove(window, this);
    }
}
