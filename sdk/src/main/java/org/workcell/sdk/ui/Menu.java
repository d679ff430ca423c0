package org.workcell.sdk.ui;

/**
 * A popup list of actions beside the view that opened it (an overflow button): choosing an item
 * closes the menu and runs it; a tap anywhere else, BACK or ESCAPE only closes it.
 */
public class Menu extends ViewGroup {
    static final long FADE_MILLIS = 120;

    private final View anchor;
    private final Column card = new Card();
    private Runnable onDismiss = () -> { };

    /** A card with a hairline edge, so that it stands off a white page. */
    private static final class Card extends Column {
        @Override
        protected void onDraw(Canvas canvas) {
            canvas.strokeRoundRect(0, 0, width(), height(), pxf(8), Math.max(1f, pxf(1)), theme().divider());
        }
    }

    public Menu(View anchor) {
        this.anchor = anchor;
        card.padding(0, 8).cornerRadius(8);
        add(card);
        description("menu");
    }

    public Menu item(String label, Runnable action) {
        return item(null, label, action);
    }

    public Menu item(Icon.Glyph glyph, String label, Runnable action) {
        Label text = new Label(label).maxLines(1);
        View row;
        if (glyph != null) {
            Row r = new Row(new Icon(glyph, 20), text);
            r.spacing(12);
            row = r;
        } else {
            row = text;
        }
        row.padding(16, 12).description(label);
        row.onClick(v -> {
            dismiss();
            if (action != null) {
                action.run();
            }
        });
        card.add(row);
        return this;
    }

    public Menu onDismiss(Runnable action) {
        this.onDismiss = action == null ? () -> { } : action;
        return this;
    }

    public boolean showing() {
        return window() != null;
    }

    /** Opens the menu on the anchor's window. */
    public Menu show() {
        Window w = anchor.window();
        if (w == null) {
            throw new IllegalStateException("the anchor " + anchor + " is not on a window");
        }
        if (window() != null) {
            return this;
        }
        card.background(w.theme().surface());
        card.alpha(0);
        w.addOverlay(this);
        new Animator(FADE_MILLIS, Animator.EASE_OUT, (t, done) -> card.alpha(t)).start(w);
        return this;
    }

    public void dismiss() {
        Window w = window();
        if (w != null) {
            w.removeOverlay(this);
            onDismiss.run();
        }
    }

    @Override
    protected Size onMeasure(Constraints c) {
        int w = c.boundedWidth() ? c.maxWidth() : c.minWidth();
        int h = c.boundedHeight() ? c.maxHeight() : c.minHeight();
        card.measure(new Constraints(Math.min(px(160), w), Math.min(px(280), w), 0, Math.max(0, h - px(16))));
        return new Size(w, h);
    }

    @Override
    protected void onLayout(int width, int height) {
        Rect a = anchor.windowRect();
        Rect me = windowRect();
        int cw = card.measuredWidth();
        int ch = card.measuredHeight();
        int margin = px(8);
        int ax = a.x() - me.x();
        int ay = a.y() - me.y();
        // Under the anchor, aligned with the edge nearer the screen's side; above it if there is no room.
        int x = ax + a.width() / 2 > width / 2 ? ax + a.width() - cw : ax;
        int y = ay + a.height() + ch + margin <= height ? ay + a.height() : ay - ch;
        x = Math.max(margin, Math.min(width - cw - margin, x));
        y = Math.max(margin, Math.min(height - ch - margin, y));
        card.measure(Constraints.exactly(cw, ch));
        card.layout(x, y, cw, ch);
    }

    @Override
    public boolean onTouch(TouchEvent e) {
        boolean outside = e.x() < card.x() || e.y() < card.y() || e.x() >= card.x() + card.width() || e.y() >= card.y() + card.height();
        if (e.action() == TouchEvent.Action.DOWN && outside) {
            dismiss(); // a tap outside the card closes the menu and goes no further
        }
        return true;
    }

    @Override
    public boolean onKey(KeyEvent e) {
        if (e.key() == KeyEvent.Key.BACK || e.key() == KeyEvent.Key.ESCAPE) {
            if (e.down()) {
                dismiss();
            }
            return true;
        }
        return false;
    }
}
