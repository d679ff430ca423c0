package org.workcell.sdk.ui;

/**
 * Children one after another along an axis, with optional spacing; children with a {@link View#flex}
 * share what space is left. {@link Row} and {@link Column} are the two directions.
 */
public abstract class Linear extends ViewGroup {
    public enum Align { START, CENTER, END, STRETCH }

    private final boolean horizontal;
    private float spacingDp;
    private Align align = Align.STRETCH;
    private Align justify = Align.START;

    Linear(boolean horizontal, View... children) {
        this.horizontal = horizontal;
        add(children);
    }

    /** Space between children, in dp. */
    public Linear spacing(float dp) {
        spacingDp = dp;
        requestLayout();
        return this;
    }

    /** How children are placed across the axis. */
    public Linear align(Align align) {
        this.align = align;
        requestLayout();
        return this;
    }

    /** Where the children sit along the axis when they do not fill it. */
    public Linear justify(Align justify) {
        this.justify = justify;
        requestLayout();
        return this;
    }

    private int main(Size s) {
        return horizontal ? s.width() : s.height();
    }

    private int cross(Size s) {
        return horizontal ? s.height() : s.width();
    }

    @Override
    protected Size onMeasure(Constraints c) {
        int maxMain = horizontal ? c.maxWidth() : c.maxHeight();
        int maxCross = horizontal ? c.maxHeight() : c.maxWidth();
        int minCross = horizontal ? c.minHeight() : c.minWidth();
        int spacing = px(spacingDp);
        int used = 0;
        int crossSize = 0;
        float flexTotal = 0;
        int visible = 0;
        for (View child : children()) {
            if (!child.visible()) {
                continue;
            }
            visible++;
            if (child.flex() > 0 && maxMain < Constraints.UNBOUNDED) {
                flexTotal += child.flex();
                continue;
            }
            Size s = child.measure(childConstraints(c, 0, Constraints.UNBOUNDED, maxCross, minCross));
            used += main(s);
            crossSize = Math.max(crossSize, cross(s));
        }
        used += Math.max(0, visible - 1) * spacing;
        if (flexTotal > 0) {
            int free = Math.max(0, maxMain - used);
            int given = 0;
            float seen = 0;
            for (View child : children()) {
                if (child.visible() && child.flex() > 0) {
                    seen += child.flex();
                    int share = Math.round(free * seen / flexTotal) - given; // shares add up exactly to free
                    given += share;
                    Size s = child.measure(childConstraints(c, share, share, maxCross, minCross));
                    crossSize = Math.max(crossSize, cross(s));
                }
            }
            used += free;
        }
        if (align == Align.STRETCH && maxCross < Constraints.UNBOUNDED && (horizontal ? c.minHeight() == c.maxHeight() : c.minWidth() == c.maxWidth())) {
            crossSize = maxCross;
        }
        int mainSize = horizontal ? c.clampWidth(used) : c.clampHeight(used);
        crossSize = horizontal ? c.clampHeight(crossSize) : c.clampWidth(crossSize);
        return horizontal ? new Size(mainSize, crossSize) : new Size(crossSize, mainSize);
    }

    private Constraints childConstraints(Constraints c, int minMain, int maxMain, int maxCross, int minCross) {
        int crossMin = align == Align.STRETCH && maxCross < Constraints.UNBOUNDED && minCross == maxCross ? maxCross : 0;
        return horizontal ? new Constraints(minMain, maxMain, crossMin, maxCross) : new Constraints(crossMin, maxCross, minMain, maxMain);
    }

    @Override
    protected void onLayout(int width, int height) {
        int left = paddingLeftPx();
        int top = paddingTopPx();
        int innerMain = (horizontal ? width - left - paddingRightPx() : height - top - paddingBottomPx());
        int innerCross = (horizontal ? height - top - paddingBottomPx() : width - left - paddingRightPx());
        int spacing = px(spacingDp);
        int total = 0;
        int visible = 0;
        for (View child : children()) {
            if (child.visible()) {
                total += horizontal ? child.measuredWidth() : child.measuredHeight();
                visible++;
            }
        }
        total += Math.max(0, visible - 1) * spacing;
        int pos = switch (justify) {
            case CENTER -> Math.max(0, (innerMain - total) / 2);
            case END -> Math.max(0, innerMain - total);
            default -> 0;
        };
        for (View child : children()) {
            if (!child.visible()) {
                child.layout(0, 0, 0, 0);
                continue;
            }
            int cm = horizontal ? child.measuredWidth() : child.measuredHeight();
            int cc = horizontal ? child.measuredHeight() : child.measuredWidth();
            if (align == Align.STRETCH) {
                cc = innerCross;
                // A stretched child is measured again at the full cross size, so text wraps to it.
                child.measure(horizontal ? Constraints.exactly(cm, cc) : Constraints.exactly(cc, cm));
            }
            int offset = switch (align) {
                case CENTER -> (innerCross - cc) / 2;
                case END -> innerCross - cc;
                default -> 0;
            };
            if (horizontal) {
                child.layout(left + pos, top + offset, cm, cc);
            } else {
                child.layout(left + offset, top + pos, cc, cm);
            }
            pos += cm + spacing;
        }
    }
}
