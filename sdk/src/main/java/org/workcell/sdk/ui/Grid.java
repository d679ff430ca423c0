package org.workcell.sdk.ui;

/**
 * Children in a fixed number of columns of equal width, filling rows left to right; each row is as
 * tall as its tallest child. An app grid, a keypad, a photo wall.
 */
public class Grid extends ViewGroup {
    private int columns;
    private float spacingDp;
    private float rowSpacingDp = -1;

    public Grid(int columns, View... children) {
        if (columns < 1) {
            throw new IllegalArgumentException("a grid has at least one column");
        }
        this.columns = columns;
        add(children);
    }

    public int columns() {
        return columns;
    }

    public Grid columns(int columns) {
        this.columns = Math.max(1, columns);
        requestLayout();
        invalidate();
        return this;
    }

    /** Space between columns and between rows, in dp. */
    public Grid spacing(float dp) {
        spacingDp = dp;
        requestLayout();
        return this;
    }

    /** Space between rows only, in dp (defaults to the spacing). */
    public Grid rowSpacing(float dp) {
        rowSpacingDp = dp;
        requestLayout();
        return this;
    }

    private int rowGap() {
        return px(rowSpacingDp >= 0 ? rowSpacingDp : spacingDp);
    }

    private int cellWidth(int inner) {
        return Math.max(0, (inner - (columns - 1) * px(spacingDp)) / columns);
    }

    @Override
    protected Size onMeasure(Constraints c) {
        int inner = c.boundedWidth() ? c.maxWidth() : 0;
        int cell = c.boundedWidth() ? cellWidth(inner) : 0;
        int height = 0;
        int rowHeight = 0;
        int widest = 0;
        int i = 0;
        int rows = 0;
        for (View child : children()) {
            if (!child.visible()) {
                continue;
            }
            Size s = child.measure(c.boundedWidth() ? new Constraints(cell, cell, 0, Constraints.UNBOUNDED) : new Constraints(0, Constraints.UNBOUNDED, 0, Constraints.UNBOUNDED));
            widest = Math.max(widest, s.width());
            rowHeight = Math.max(rowHeight, s.height());
            if (++i % columns == 0) {
                height += rowHeight;
                rowHeight = 0;
                rows++;
            }
        }
        if (i % columns != 0) {
            height += rowHeight;
            rows++;
        }
        height += Math.max(0, rows - 1) * rowGap();
        int width = c.boundedWidth() ? inner : widest * columns + (columns - 1) * px(spacingDp);
        return new Size(c.clampWidth(width), c.clampHeight(height));
    }

    @Override
    protected void onLayout(int width, int height) {
        int left = paddingLeftPx();
        int cell = cellWidth(width - left - paddingRightPx());
        int gap = px(spacingDp);
        int y = paddingTopPx();
        java.util.List<View> visible = children().stream().filter(View::visible).toList();
        for (int start = 0; start < visible.size(); start += columns) {
            int end = Math.min(visible.size(), start + columns);
            int rowHeight = 0;
            for (int i = start; i < end; i++) {
                rowHeight = Math.max(rowHeight, visible.get(i).measure(new Constraints(cell, cell, 0, Constraints.UNBOUNDED)).height());
            }
            for (int i = start; i < end; i++) {
                View child = visible.get(i);
                child.measure(Constraints.exactly(cell, rowHeight));
                child.layout(left + (i - start) * (cell + gap), y, cell, rowHeight);
            }
            y += rowHeight + rowGap();
        }
        for (View child : children()) {
            if (!child.visible()) {
                child.layout(0, 0, 0, 0);
            }
        }
    }
}
