package org.workcell.sdk.ui;

/**
 * A heads-up notification: a card that slides down from the top of the screen, runs an action
 * when tapped, and slides away by itself after a few seconds. Touches beside it go to the screen
 * beneath as usual.
 */
public final class Banner {
    static final long SHOW_MILLIS = 4000;
    static final long SLIDE_MILLIS = 250;

    private final Window window;
    private final Layer layer = new Layer();
    private final Row card;
    private UiLoop.Cancellable timer;
    private Animator slide;
    private float shown; // 0: above the screen, 1: in place
    private boolean hiding;

    /** Holds the card at the top, moved up by how far it has yet to slide in. */
    private final class Layer extends ViewGroup {
        @Override
        protected Size onMeasure(Constraints c) {
            int w = c.boundedWidth() ? c.maxWidth() : c.minWidth();
            card.measure(new Constraints(0, Math.max(0, w - 2 * px(8)), 0, c.boundedHeight() ? c.maxHeight() : Constraints.UNBOUNDED));
            return new Size(w, c.boundedHeight() ? c.maxHeight() : c.minHeight());
        }

        @Override
        protected void onLayout(int width, int height) {
            int cw = width - 2 * px(8);
            card.measure(new Constraints(cw, cw, 0, height));
            int ch = card.measuredHeight();
            int top = px(8);
            int y = Math.round(top - (1 - shown) * (ch + top + px(4)));
            card.layout(px(8), y, cw, ch);
        }
    }

    private Banner(Window window, Icon.Glyph glyph, String title, String text, Runnable onTap) {
        this.window = window;
        Column words = new Column(new Label(title).bold(true).maxLines(1), new Label(text).style(Label.Style.CAPTION).maxLines(2));
        words.flex(1);
        card = glyph == null ? new Row(words) : new Row(new Icon(glyph, 24).color(window.theme().primary()), words);
        card.spacing(12);
        card.padding(16, 12).background(window.theme().surface());
        card.cornerRadius(16);
        card.description(title);
        card.onClick(v -> {
            hide();
            if (onTap != null) {
                onTap.run();
            }
        });
        layer.add(card);
        layer.description("banner");
    }

    public static Banner show(Window window, String title, String text, Runnable onTap) {
        return show(window, null, title, text, onTap);
    }

    /** Slides a notification in from the top; tapping it hides it and runs {@code onTap}. */
    public static Banner show(Window window, Icon.Glyph glyph, String title, String text, Runnable onTap) {
        Banner b = new Banner(window, glyph, title, text, onTap);
        window.addOverlay(b.layer);
        b.animate(1, null);
        b.timer = window.loop().postDelayed(b::hide, SLIDE_MILLIS + SHOW_MILLIS);
        return b;
    }

    /** The card, for finding and tapping it. */
    public View card() {
        return card;
    }

    public boolean showing() {
        return layer.window() != null && !hiding;
    }

    /** Slides the banner away now. */
    public void hide() {
        if (hiding || layer.window() == null) {
            return;
        }
        hiding = true;
        timer.cancel();
        animate(0, () -> window.removeOverlay(layer));
    }

    private void animate(float to, Runnable then) {
        if (slide != null) {
            slide.cancel();
        }
        float from = shown;
        slide = new Animator(SLIDE_MILLIS, Animator.EASE_OUT, (t, done) -> {
            shown = from + (to - from) * t;
            layer.requestLayout();
            if (done && then != null) {
                then.run();
            }
        }).start(window);
    }
}
