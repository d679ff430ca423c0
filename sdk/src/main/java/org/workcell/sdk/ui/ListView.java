package org.workcell.sdk.ui;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * A vertical list of any length whose rows all have one height. Only the rows in view exist as
 * views (one more while a row is half in view): rows that scroll out are recycled for the rows
 * that scroll in, and an {@link Adapter} binds each to its data. It scrolls like {@link Scroll}
 * (drag, fling, deceleration, overscroll that springs back) and as cheaply: the pixels on screen
 * move, and only the strip that comes into view is painted.
 *
 * <p>For paged data, {@link #onNearEnd} asks for more when the user nears the last row; call
 * {@link #notifyChanged()} when the data changes.
 */
public class ListView extends ViewGroup {
    /** The rows' data: how many, a new row view, and filling a row view for a position. */
    public interface Adapter {
        int count();

        View create();

        void bind(View row, int position);
    }

    private static final Adapter NONE = new Adapter() {
        @Override
        public int count() {
            return 0;
        }

        @Override
        public View create() {
            throw new IllegalStateException("no rows");
        }

        @Override
        public void bind(View row, int position) {}
    };

    private final Kinetics kinetics = new Kinetics(this, this::maxScroll);

    private Adapter adapter = NONE;
    private float rowHeightDp = 56;
    private final Map<Integer, View> active = new HashMap<>();
    private final Deque<View> recycled = new ArrayDeque<>();
    private int count;
    private View emptyView;
    private boolean dividers;
    private float dividerInsetDp;
    private Runnable onNearEnd;
    private int nearEndRows = 10;
    private boolean nearEndAsked;
    private int created;

    public ListView() {
        width(FILL).height(FILL);
    }

    public ListView(Adapter adapter, float rowHeightDp) {
        this();
        rowHeight(rowHeightDp);
        adapter(adapter);
    }

    /** The data; the list starts again at the top. */
    public ListView adapter(Adapter adapter) {
        this.adapter = adapter == null ? NONE : adapter;
        for (View v : active.values()) {
            removeQuietly(v);
        }
        active.clear();
        recycled.clear();
        created = 0;
        kinetics.stop();
        scrollTo(0, 0);
        notifyChanged();
        return this;
    }

    public Adapter adapter() {
        return adapter;
    }

    /** Every row's height, in dp. */
    public ListView rowHeight(float dp) {
        this.rowHeightDp = dp;
        requestLayout();
        invalidate();
        return this;
    }

    /** The row height in pixels. */
    public int rowHeightPx() {
        return Math.max(1, px(rowHeightDp));
    }

    /** Shown instead of the rows while there are none. */
    public ListView emptyView(View view) {
        if (emptyView != null) {
            remove(emptyView);
        }
        emptyView = view;
        if (view != null) {
            view.visible(count == 0);
            add(view);
        }
        return this;
    }

    /** A thin line under every row, starting {@code insetDp} from the left. */
    public ListView dividers(boolean on, float insetDp) {
        this.dividers = on;
        this.dividerInsetDp = insetDp;
        invalidate();
        return this;
    }

    public ListView dividers(boolean on) {
        return dividers(on, 0);
    }

    /**
     * Runs {@code action} once when a row within {@code rows} of the end comes into view, and again
     * only after {@link #notifyChanged()} reports a new count: the time to fetch the next page.
     */
    public ListView onNearEnd(int rows, Runnable action) {
        this.nearEndRows = Math.max(0, rows);
        this.onNearEnd = action;
        nearEndAsked = false;
        bindVisible(false);
        return this;
    }

    public ListView onNearEnd(Runnable action) {
        return onNearEnd(10, action);
    }

    /** The data changed: rows in view are bound again and the count is read again. */
    public void notifyChanged() {
        int old = count;
        count = Math.max(0, adapter.count());
        if (count != old) {
            nearEndAsked = false;
        }
        if (emptyView != null) {
            emptyView.visible(count == 0);
        }
        if (scrollY() > maxScroll() && !kinetics.moving()) {
            scrollTo(0, maxScroll());
        }
        bindVisible(true);
        requestLayout();
        invalidate();
    }

    public int count() {
        return count;
    }

    /** How many row views the adapter was asked to create: stays near the rows that fit on screen. */
    public int createdRows() {
        return created;
    }

    /** The row view showing {@code position}, if it is in view. */
    public View rowView(int position) {
        return active.get(position);
    }

    /** The first position at least partly in view. */
    public int firstVisiblePosition() {
        return Math.max(0, Math.min(count - 1, Math.floorDiv(scrollY(), rowHeightPx())));
    }

    // ---- scrolling ------------------------------------------------------------------------------------

    public int maxScroll() {
        return Math.max(0, count * rowHeightPx() + paddingTopPx() + paddingBottomPx() - height());
    }

    /** Jumps to {@code y} pixels from the top (clamped). */
    public void scrollTo(int y) {
        kinetics.stop();
        scrollTo(0, Math.max(0, Math.min(maxScroll(), y)));
    }

    /** Jumps so that {@code position} is the first row in view (or as near as the end allows). */
    public void scrollToPosition(int position) {
        scrollTo(Math.max(0, position) * rowHeightPx());
    }

    /** Scrolls smoothly to put {@code position} at the top (or as near as the end allows). */
    public void smoothScrollToPosition(int position) {
        kinetics.animateTo(Math.max(0, position) * rowHeightPx());
    }

    /** Coasts with {@code pxPerMillis}, as after a flick. */
    public void fling(double pxPerMillis) {
        kinetics.fling(pxPerMillis);
    }

    public boolean moving() {
        return kinetics.moving();
    }

    @Override
    protected void onScrolled() {
        bindVisible(false);
    }

    /**
     * Makes the rows in view exist, recycling the rest. {@code rebind}: bind rows already in view
     * again (the data changed). Rows are bound while detached, so binding repaints nothing: a row
     * that scrolls in is in the strip the window paints anyway.
     */
    private void bindVisible(boolean rebind) {
        int w = width() - paddingLeftPx() - paddingRightPx();
        if (w <= 0 || height() <= 0) {
            return;
        }
        int rh = rowHeightPx();
        int top = scrollY() - paddingTopPx();
        int first = Math.max(0, Math.floorDiv(top, rh));
        int last = Math.min(count - 1, Math.floorDiv(top + height() - 1, rh));
        for (var it = active.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (e.getKey() < first || e.getKey() > last) {
                removeQuietly(e.getValue());
                recycled.push(e.getValue());
                it.remove();
            }
        }
        for (int p = first; p <= last; p++) {
            View row = active.get(p);
            if (row != null && !rebind) {
                continue;
            }
            if (row != null) {
                removeQuietly(row);
            } else if (!recycled.isEmpty()) {
                row = recycled.pop();
            } else {
                row = adapter.create();
                created++;
            }
            adapter.bind(row, p);
            row.measure(Constraints.exactly(w, rh));
            row.layout(paddingLeftPx(), paddingTopPx() + p * rh, w, rh);
            addQuietly(row);
            active.put(p, row);
        }
        if (onNearEnd != null && !nearEndAsked && count > 0 && last >= count - 1 - nearEndRows) {
            nearEndAsked = true;
            onNearEnd.run();
        }
    }

    // ---- layout -----------------------------------------------------------------------------------------

    @Override
    protected void onAttached() {
        if (background() < 0) {
            background(theme().background()); // opaque, so scrolls can move pixels
        }
    }

    @Override
    protected Size onMeasure(Constraints c) {
        int w = c.boundedWidth() ? c.maxWidth() : c.minWidth();
        long h = (long) count * rowHeightPx();
        if (emptyView != null && count == 0) {
            Size s = emptyView.measure(c.loosen());
            w = Math.max(w, s.width());
            h = s.height();
        }
        return new Size(c.clampWidth(w), c.clampHeight((int) Math.min(Constraints.UNBOUNDED, h)));
    }

    @Override
    protected void onLayout(int width, int height) {
        if (scrollY() > maxScroll() && !kinetics.moving()) {
            scrollTo(0, maxScroll());
        }
        int w = width - paddingLeftPx() - paddingRightPx();
        int rh = rowHeightPx();
        for (var e : active.entrySet()) {
            View row = e.getValue();
            row.measure(Constraints.exactly(w, rh));
            row.layout(paddingLeftPx(), paddingTopPx() + e.getKey() * rh, w, rh);
        }
        bindVisible(false);
        if (emptyView != null) {
            int ih = height - paddingTopPx() - paddingBottomPx();
            emptyView.measure(new Constraints(0, w, 0, ih));
            int ew = emptyView.measuredWidth();
            int eh = emptyView.measuredHeight();
            // In content coordinates: the list shows its top when it is empty.
            emptyView.layout(paddingLeftPx() + (w - ew) / 2, paddingTopPx() + (ih - eh) / 2, ew, eh);
        }
    }

    @Override
    void drawChildren(Canvas canvas) {
        super.drawChildren(canvas);
        if (!dividers || active.isEmpty()) {
            return;
        }
        canvas.save();
        if (canvas.clipTo(0, 0, width(), height())) {
            int line = Math.max(1, px(0.75f));
            int inset = px(dividerInsetDp);
            int rh = rowHeightPx();
            int color = theme().divider();
            for (int p : active.keySet()) {
                if (p == count - 1) {
                    continue;
                }
                int y = paddingTopPx() + (p + 1) * rh - line - scrollY();
                canvas.fillRect(paddingLeftPx() + inset, y, width() - paddingLeftPx() - paddingRightPx() - inset, line, color);
            }
        }
        canvas.restore();
    }

    // ---- input --------------------------------------------------------------------------------------------

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
            case DOWN -> kinetics.animateTo(scrollY() + rowHeightPx());
            case UP -> kinetics.animateTo(scrollY() - rowHeightPx());
            case HOME -> kinetics.animateTo(0);
            case END -> kinetics.animateTo(maxScroll());
            default -> {
                return false;
            }
        }
        return true;
    }
}
