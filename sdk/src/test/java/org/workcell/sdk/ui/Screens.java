package org.workcell.sdk.ui;

/** A window on a fake clock and the runtime's part of driving it: frames, taps, keys. */
final class Screens {
    final FakeTime time = new FakeTime();
    final Window window;

    Screens(View content) {
        this(content, 360, 640);
    }

    Screens(View content, int width, int height) {
        window = new Window(new UiLoop(time), Theme.LIGHT, width, height, 160);
        window.setContent(content);
        window.render();
    }

    long now() {
        return time.getAsLong();
    }

    /** Moves the clock on and runs what fell due, rendering as the runtime would. */
    Window.Frame advance(long millis) {
        time.advance(millis);
        window.loop().runDue();
        return window.render();
    }

    /** Runs frames 16 ms apart while anything asks for one. */
    void settle() {
        for (int i = 0; i < 2000 && window.frameNeeded(); i++) {
            time.advance(16);
            window.loop().runDue();
            window.render();
        }
    }

    void tap(int x, int y) {
        window.touch(new TouchEvent(TouchEvent.Action.DOWN, x, y, now()));
        window.touch(new TouchEvent(TouchEvent.Action.UP, x, y, now()));
    }

    void tap(View v) {
        Rect r = v.windowRect();
        tap(r.x() + r.width() / 2, r.y() + r.height() / 2);
    }

    void key(KeyEvent.Key key) {
        key(key, 0);
    }

    void key(KeyEvent.Key key, int modifiers) {
        window.key(new KeyEvent(key, true, modifiers));
        window.key(new KeyEvent(key, false, modifiers));
    }

    void type(String text) {
        window.text(text);
    }
}
