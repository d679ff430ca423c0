package org.workcell.sdk.ui;

import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.util.ArrayList;
import java.util.List;

/**
 * A modal card over a dimmed screen: a title, a message or any content, and buttons. While it shows,
 * nothing beneath it gets touches or keys; BACK or ESCAPE (and a tap on the dimmed part, if
 * {@link #cancelable}) closes it. It fades and grows in, and fades out.
 *
 * <pre>{@code
 * new Dialog("Delete note?").message("This cannot be undone.")
 *         .button("Cancel", () -> { })
 *         .button("Delete", note::delete)
 *         .show(window);
 * }</pre>
 */
public class Dialog extends ViewGroup {
    static final long ENTER_MILLIS = 200;
    static final long EXIT_MILLIS = 150;
    private static final float SCRIM = 0.4f;

    private final Column card = new Column();
    private final String title;
    private String message;
    private View content;
    private final List<Button> buttons = new ArrayList<>();
    private boolean cancelable = true;
    private Runnable onDismiss = () -> { };
    private float progress;
    private Animator animation;
    private boolean closing;
    private boolean downOutside;

    public Dialog(String title) {
        this.title = title;
        card.spacing(16).padding(24, 24, 24, 16).cornerRadius(16);
        add(card);
        description(title);
    }

    public Dialog message(String message) {
        this.message = message;
        return this;
    }

    /** Any view under the title (a text field, a list of choices) instead of or after the message. */
    public Dialog content(View content) {
        this.content = content;
        return this;
    }

    /** A button at the bottom: runs {@code action}, then closes the dialog. */
    public Dialog button(String label, Runnable action) {
        buttons.add(new Button(label, Button.Kind.TEXT, v -> {
            dismiss();
            if (action != null) {
                action.run();
            }
        }));
        return this;
    }

    /** Whether BACK and a tap outside the card close it (default true). */
    public Dialog cancelable(boolean cancelable) {
        this.cancelable = cancelable;
        return this;
    }

    /** Runs when the dialog closes, however it closes. */
    public Dialog onDismiss(Runnable action) {
        this.onDismiss = action == null ? () -> { } : action;
        return this;
    }

    public boolean showing() {
        return window() != null && !closing;
    }

    /** The card that holds title, message, content and buttons. */
    public View card() {
        return card;
    }

    /** Puts the dialog over everything on {@code window}; the focus leaves what is beneath. */
    public Dialog show(Window window) {
        if (window() != null) {
            return this;
        }
        List<View> parts = new ArrayList<>();
        if (title != null && !title.isEmpty()) {
            parts.add(new Label(title).style(Label.Style.TITLE));
        }
        if (message != null && !message.isEmpty()) {
            parts.add(new Label(message).color(window.theme().secondaryText()));
        }
        if (content != null) {
            parts.add(content);
        }
        if (!buttons.isEmpty()) {
            Row row = new Row();
            row.spacing(8).justify(Linear.Align.END);
            for (Button b : buttons) {
                row.add(b);
            }
            parts.add(row);
        }
        card.setChildren(parts.toArray(View[]::new));
        card.background(window.theme().surface());
        closing = false;
        progress = 0;
        card.alpha(0);
        window.addOverlay(this);
        View focused = window.focused();
        if (focused != null && !isInside(focused)) {
            window.focus(null);
        }
        animate(1, ENTER_MILLIS, null);
        return this;
    }

    /** Closes the dialog (fading out); does nothing if it is not showing. */
    public void dismiss() {
        Window w = window();
        if (w == null || closing) {
            return;
        }
        closing = true;
        View focused = w.focused();
        if (focused != null && isInside(focused)) {
            w.focus(null);
        }
        animate(0, EXIT_MILLIS, () -> {
            w.removeOverlay(this);
            onDismiss.run();
        });
    }

    private boolean isInside(View v) {
        for (View p = v; p != null; p = p.parent()) {
            if (p == this) {
                return true;
            }
        }
        return false;
    }

    private void animate(float to, long millis, Runnable then) {
        if (animation != null) {
            animation.cancel();
        }
        float from = progress;
        animation = new Animator(millis, Animator.EASE_OUT, (t, done) -> {
            progress = from + (to - from) * t;
            card.alpha(progress);
            invalidate();
            if (done && then != null) {
                then.run();
            }
        }).start(window());
    }

    // ---- layout and painting ------------------------------------------------------------------------

    @Override
    protected Size onMeasure(Constraints c) {
        int w = c.boundedWidth() ? c.maxWidth() : c.minWidth();
        int h = c.boundedHeight() ? c.maxHeight() : c.minHeight();
        card.measure(new Constraints(0, Math.max(0, Math.min(w - 2 * px(24), px(400))), 0, Math.max(0, h - 2 * px(40))));
        return new Size(w, h);
    }

    @Override
    protected void onLayout(int width, int height) {
        int cw = Math.max(card.measuredWidth(), Math.min(width - 2 * px(24), px(280)));
        card.measure(new Constraints(cw, cw, 0, Math.max(0, height - 2 * px(40))));
        int ch = card.measuredHeight();
        card.layout((width - cw) / 2, (height - ch) / 2, cw, ch);
    }

    @Override
    protected void onDraw(Canvas canvas) {
        canvas.fillRect(0, 0, width(), height(), 0x000000, SCRIM * progress);
    }

    @Override
    void drawChildren(Canvas canvas) {
        float scale = 0.9f + 0.1f * progress;
        if (scale >= 0.999f) {
            super.drawChildren(canvas);
            return;
        }
        // Grows from 90 % about the card's centre while it fades in.
        Graphics2D g = canvas.graphics();
        AffineTransform saved = g.getTransform();
        float cx = card.x() + card.width() / 2f;
        float cy = card.y() + card.height() / 2f;
        g.translate(cx, cy);
        g.scale(scale, scale);
        g.translate(-cx, -cy);
        super.drawChildren(canvas);
        g.setTransform(saved);
    }

    @Override
    public boolean opaque() {
        return false;
    }

    // ---- input: nothing beneath gets any ------------------------------------------------------------------

    @Override
    protected boolean onInterceptTouch(TouchEvent e) {
        return closing;
    }

    @Override
    public boolean onTouch(TouchEvent e) {
        boolean outside = e.x() < card.x() || e.y() < card.y() || e.x() >= card.x() + card.width() || e.y() >= card.y() + card.height();
        switch (e.action()) {
            case DOWN -> downOutside = outside;
            case UP -> {
                if (downOutside && outside && cancelable && !closing) {
                    dismiss();
                }
                downOutside = false;
            }
            default -> { }
        }
        return true;
    }

    @Override
    public boolean onKey(KeyEvent e) {
        if (e.key() == KeyEvent.Key.BACK || e.key() == KeyEvent.Key.ESCAPE) {
            if (e.down() && cancelable) {
                dismiss();
            }
            return true;
        }
        return false;
    }
}
