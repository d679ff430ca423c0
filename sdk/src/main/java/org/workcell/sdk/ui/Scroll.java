package org.workcell.sdk.ui;

/**
 * A vertically scrolling viewport over one content view: drag, fling with deceleration, and
 * overscroll that springs back. Scrolling moves the pixels already on screen; only the strip that
 * comes into view is painted.
 */
public class Scroll extends ViewGroup {
    private final View content;
    private final Kinetics kinetics = new Kinetics(this, this::maxScroll);

    public Scroll(View content) {
        this.content = content;
        add(content);
        width(FILL).height(FILL);
    }

    public View content() {
        return content;
    }

    @Override
    protected void onAttached() {
        if (background() < 0) {
            background(theme().background()); // opaque, so scrolls can move pixels
        }
    }

    public int maxScroll() {
        return Math.max(0, content.height() - (height() - paddingTopPx() - paddingBottomPx()));
    }

    /** Jumps to {@code y} pixels from the top (clamped to the content). */
    public void scrollTo(int y) {
        kinetics.stop();
        scrollTo(0, Math.max(0, Math.min(maxScroll(), y)));
    }

    /** Scrolls smoothly so that {@code child} (anywhere inside the content) is in view. */
    public void reveal(View child) {
        Rect r = child.windowRect();
        Rect v = windowRect();
        int top = r.y() - v.y() + scrollY();
        int bottom = top + r.height();
        if (top < scrollY()) {
            kinetics.animateTo(top);
        } else if (bottom > scrollY() + v.height()) {
            kinetics.animateTo(bottom - v.height());
        }
    }

    public void fling(double pxPerMillis) {
        kinetics.fling(pxPerMillis);
    }

    public boolean moving() {
        return kinetics.moving();
    }

    @Override
    protected Size onMeasure(Constraints c) {
        Constraints inner = new Constraints(c.boundedWidth() ? c.maxWidth() : c.minWidth(), c.maxWidth(), 0, Constraints.UNBOUNDED);
        Size s = content.measure(inner);
        return new Size(c.clampWidth(s.width()), c.clampHeight(s.height()));
    }

    @Override
    protected void onLayout(int width, int height) {
        int w = width - paddingLeftPx() - paddingRightPx();
        content.measure(new Constraints(w, w, 0, Constraints.UNBOUNDED));
        content.layout(paddingLeftPx(), paddingTopPx(), w, content.measuredHeight());
        if (scrollY() > maxScroll() && !kinetics.moving()) {
            scrollTo(0, maxScroll());
        }
    }

    @Override
    protected boolean onInterceptTouch(TouchEvent e) {
        return kinetics.intercept(e);
    }

    @Override
    public boolean onTouch(TouchEvent e) {
        return kinetics.touch(e);
    }

    @Override
    public boolean onKey(KeyEvent e) {
        if (!e.down()) {
            return false;
        }
        switch (e.key()) {
            case PAGE_DOWN -> kinetics.animateTo(scrollY() + height() * 9 / 10);
            case PAGE_UP -> kinetics.animateTo(scrollY() - height() * 9 / 10);
            case DOWN -> kinetics.animateTo(scrollY() + px(48));
            case UP -> kinetics.animateTo(scrollY() - px(48));
            default -> {
                return false;
            }
        }
        return true;
    }
}
