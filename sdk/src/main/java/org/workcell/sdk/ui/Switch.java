package org.workcell.sdk.ui;

import java.util.function.Consumer;

/** An on/off toggle: a track and a round thumb that slides across when tapped. */
public class Switch extends View {
    static final long SLIDE_MILLIS = 150;

    private boolean checked;
    private float position; // 0: off, 1: on; between while sliding
    private Animator slide;
    private Consumer<Boolean> onChange = b -> { };

    public Switch() {
        this(false);
    }

    public Switch(boolean checked) {
        this.checked = checked;
        this.position = checked ? 1 : 0;
        size(52, 32);
        cornerRadius(16); // the pressed ripple takes the track's shape
        focusable(true);
        onClick(v -> toggle());
        description(checked ? "on" : "off");
    }

    public boolean checked() {
        return checked;
    }

    /** Sets the state without animating and without calling {@code onChange}. */
    public Switch checked(boolean checked) {
        if (slide != null) {
            slide.cancel();
            slide = null;
        }
        this.checked = checked;
        this.position = checked ? 1 : 0;
        description(checked ? "on" : "off");
        invalidate();
        return this;
    }

    /** Called with the new state when the user toggles the switch. */
    public Switch onChange(Consumer<Boolean> listener) {
        this.onChange = listener == null ? b -> { } : listener;
        return this;
    }

    /** Flips the state as a tap does: the thumb slides and {@code onChange} is called. */
    public void toggle() {
        checked = !checked;
        description(checked ? "on" : "off");
        if (slide != null) {
            slide.cancel();
        }
        float from = position;
        float to = checked ? 1 : 0;
        if (window() == null) {
            position = to;
        } else {
            slide = new Animator(SLIDE_MILLIS, Animator.EASE_OUT, (t, done) -> {
                position = from + (to - from) * t;
                invalidate();
            }).start(window());
        }
        onChange.accept(checked);
    }

    @Override
    public boolean onKey(KeyEvent e) {
        if (e.down() && e.key() == KeyEvent.Key.ENTER && enabled()) {
            toggle();
            return true;
        }
        return false;
    }

    @Override
    protected Size onMeasure(Constraints c) {
        return new Size(c.clampWidth(px(52)), c.clampHeight(px(32)));
    }

    @Override
    protected void onDraw(Canvas canvas) {
        Theme t = theme();
        float h = height();
        float w = width();
        int off = Theme.blend(t.divider(), t.secondaryText(), 0.2f);
        int track = Theme.blend(off, t.primary(), position);
        if (!enabled()) {
            track = Theme.blend(track, t.surface(), 0.5f);
        }
        canvas.fillRoundRect(0, 0, w, h, h / 2, track);
        float r = h / 2 - pxf(4);
        float cx = h / 2 + (w - h) * position;
        canvas.fillCircle(cx, h / 2, r + (pressed() ? pxf(1) : 0), t.surface());
        if (focused()) {
            canvas.strokeRoundRect(0, 0, w, h, h / 2, pxf(2), Theme.blend(t.primary(), 0x000000, 0.3f));
        }
    }

    @Override
    public boolean opaque() {
        return false;
    }
}
