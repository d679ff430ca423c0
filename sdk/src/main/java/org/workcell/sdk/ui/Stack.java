package org.workcell.sdk.ui;

/** Children over each other, each placed by its gravity inside the stack. */
public class Stack extends ViewGroup {
    public enum Gravity { FILL, CENTER, TOP, BOTTOM, TOP_END, BOTTOM_END, BOTTOM_START }

    private final java.util.Map<View, Gravity> gravity = new java.util.IdentityHashMap<>();

    public Stack(View... children) {
        add(children);
    }

    /** Adds {@code child} placed by {@code g}. */
    public Stack add(View child, Gravity g) {
        gravity.put(child, g);
        add(child);
        return this;
    }

    @Override
    public void remove(View child) {
        gravity.remove(child);
        super.remove(child);
    }

    private Gravity gravityOf(View child) {
        return gravity.getOrDefault(child, Gravity.FILL);
    }

    @Override
    protected Size onMeasure(Constraints c) {
        int w = c.minWidth();
        int h = c.minHeight();
        for (View child : children()) {
            Size s = child.measure(gravityOf(child) == Gravity.FILL && c.boundedWidth() && c.boundedHeight()
                    ? Constraints.exactly(c.maxWidth(), c.maxHeight()) : c.loosen());
            w = Math.max(w, s.width());
            h = Math.max(h, s.height());
        }
        return new Size(c.clampWidth(w), c.clampHeight(h));
    }

    @Override
    protected void onLayout(int width, int height) {
        int l = paddingLeftPx();
        int t = paddingTopPx();
        int iw = width - l - paddingRightPx();
        int ih = height - t - paddingBottomPx();
        for (View child : children()) {
            int cw = Math.min(iw, child.measuredWidth());
            int ch = Math.min(ih, child.measuredHeight());
            switch (gravityOf(child)) {
                case FILL -> {
                    child.measure(Constraints.exactly(iw, ih));
                    child.layout(l, t, iw, ih);
                }
                case CENTER -> child.layout(l + (iw - cw) / 2, t + (ih - ch) / 2, cw, ch);
                case TOP -> child.layout(l + (iw - cw) / 2, t, cw, ch);
                case BOTTOM -> child.layout(l + (iw - cw) / 2, t + ih - ch, cw, ch);
                case TOP_END -> child.layout(l + iw - cw, t, cw, ch);
                case BOTTOM_END -> child.layout(l + iw - cw, t + ih - ch, cw, ch);
                case BOTTOM_START -> child.layout(l, t + ih - ch, cw, ch);
            }
        }
    }
}
