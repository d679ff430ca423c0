package org.workcell.sdk.ui;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A view that holds other views. Children are painted in order (later ones on top) and receive
 * touches in reverse order (the top-most first). A group may scroll its content: children's
 * positions are then offset by {@link #scrollX()}, {@link #scrollY()}.
 */
public abstract class ViewGroup extends View {
    private final List<View> children = new ArrayList<>();
    private int scrollX;
    private int scrollY;
    private View touchTarget;
    private boolean intercepted;

    public List<View> children() {
        return Collections.unmodifiableList(children);
    }

    public ViewGroup add(View... views) {
        for (View v : views) {
            add(children.size(), v);
        }
        return this;
    }

    public ViewGroup add(int index, View child) {
        if (child.parent != null) {
            throw new IllegalStateException(child + " is in another group already");
        }
        children.add(index, child);
        child.parent = this;
        if (window != null) {
            attachTree(child, window);
        }
        requestLayout();
        invalidate();
        return this;
    }

    public void remove(View child) {
        if (children.remove(child)) {
            if (child == touchTarget) {
                touchTarget = null;
            }
            Rect area = child.bounds();
            if (window != null) {
                detachTree(child);
                if (!area.isEmpty()) {
                    window.damage(area);
                }
            }
            child.parent = null;
            requestLayout();
        }
    }

    public void removeAll() {
        for (View child : new ArrayList<>(children)) {
            remove(child);
        }
    }

    /** Replaces all children with {@code views}. */
    public void setChildren(View... views) {
        removeAll();
        add(views);
    }

    /**
     * Adds a child that is already measured and placed, without a repaint or a layout pass: for
     * virtualised lists, whose rows come into view in the strip a scroll exposes (which the window
     * repaints anyway). Damage here would be in post-scroll coordinates and spoil the copy-rect.
     */
    void addQuietly(View child) {
        if (child.parent != null) {
            throw new IllegalStateException(child + " is in another group already");
        }
        children.add(child);
        child.parent = this;
        if (window != null) {
            attachTree(child, window);
        }
    }

    /** Removes a child without a repaint or a layout pass (a list row that scrolled out of view). */
    void removeQuietly(View child) {
        if (children.remove(child)) {
            if (child == touchTarget) {
                touchTarget = null;
            }
            if (window != null) {
                detachTree(child);
            }
            child.parent = null;
        }
    }

    static void attachTree(View v, Window window) {
        v.attach(window);
        if (v instanceof ViewGroup g) {
            for (View c : g.children) {
                attachTree(c, window);
            }
        }
    }

    static void detachTree(View v) {
        if (v instanceof ViewGroup g) {
            for (View c : g.children) {
                detachTree(c);
            }
        }
        v.detach();
    }

    // ---- scrolling ------------------------------------------------------------------------------

    public int scrollX() {
        return scrollX;
    }

    public int scrollY() {
        return scrollY;
    }

    /**
     * Moves the content so that {@code x, y} of it is at the top left. The window moves the pixels
     * already on screen (a copy-rect) and repaints only the strip that comes into view.
     */
    protected void scrollTo(int x, int y) {
        int dx = x - scrollX;
        int dy = y - scrollY;
        if (dx == 0 && dy == 0) {
            return;
        }
        scrollX = x;
        scrollY = y;
        if (window != null) {
            window.scrolled(this, dx, dy);
        }
        onScrolled();
    }

    /** Called after the content moved (virtualised lists bind new rows here). */
    protected void onScrolled() {}

    /** Where the content's 0,0 is on the window. */
    Rect contentOrigin() {
        Rect r = windowRect();
        return new Rect(r.x() - scrollX, r.y() - scrollY, 0, 0);
    }

    // ---- painting -------------------------------------------------------------------------------

    @Override
    void drawChildren(Canvas canvas) {
        if (!clipsChildren() || canvas.clipTo(0, 0, width(), height())) {
            canvas.translate(-scrollX, -scrollY);
            for (View child : children) {
                if (child.visible() && canvas.visible(child.x(), child.y(), child.width(), child.height())) {
                    canvas.save();
                    canvas.translate(child.x(), child.y());
                    child.draw(canvas);
                    canvas.restore();
                }
            }
            canvas.translate(scrollX, scrollY);
        }
    }

    /** Whether children are cut at this group's edges (always, except for groups that draw shadows outside). */
    protected boolean clipsChildren() {
        return true;
    }

    /** Per class: whether a group paints something of its own (overrides onDraw), for the window's scroll check. */
    private static final ClassValue<Boolean> DRAWS = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            for (Class<?> c = type; c != null && c != ViewGroup.class; c = c.getSuperclass()) {
                try {
                    c.getDeclaredMethod("onDraw", Canvas.class);
                    return true;
                } catch (NoSuchMethodException e) {
                    // not here: look further up
                }
            }
            return false;
        }
    };

    static boolean drawsItself(ViewGroup g) {
        return DRAWS.get(g.getClass());
    }

    // ---- touch ----------------------------------------------------------------------------------

    /**
     * Looks at a touch on its way to a child; returning true takes the rest of the gesture from
     * the child (which gets a CANCEL). Scrolling containers take drags this way.
     */
    protected boolean onInterceptTouch(TouchEvent e) {
        return false;
    }

    /** Routes a touch (in this group's coordinates) to the top-most child under it, or handles it here. */
    public boolean dispatchTouch(TouchEvent e) {
        if (!visible() || !enabled()) {
            return false;
        }
        if (e.action() == TouchEvent.Action.DOWN) {
            touchTarget = null;
            intercepted = false;
            if (onInterceptTouch(e)) {
                intercepted = true;
                return onTouch(e);
            }
            int cx = e.x() + scrollX;
            int cy = e.y() + scrollY;
            for (int i = children.size() - 1; i >= 0; i--) {
                View child = children.get(i);
                if (!child.visible() || cx < child.x() || cy < child.y() || cx >= child.x() + child.width() || cy >= child.y() + child.height()) {
                    continue;
                }
                if (deliver(child, e.offset(scrollX - child.x(), scrollY - child.y()))) {
                    touchTarget = child;
                    return true;
                }
            }
            intercepted = true; // no child wanted it: the gesture is ours, if we want it
            return onTouch(e);
        }
        if (intercepted) {
            return onTouch(e);
        }
        if (touchTarget == null) {
            return false;
        }
        View target = touchTarget;
        if (onInterceptTouch(e)) {
            intercepted = true;
            touchTarget = null;
            deliver(target, e.withAction(TouchEvent.Action.CANCEL).offset(scrollX - target.x(), scrollY - target.y()));
            return onTouch(e.withAction(TouchEvent.Action.DOWN));
        }
        boolean used = deliver(target, e.offset(scrollX - target.x(), scrollY - target.y()));
        if (e.action() == TouchEvent.Action.UP || e.action() == TouchEvent.Action.CANCEL) {
            touchTarget = null;
        }
        return used;
    }

    private static boolean deliver(View child, TouchEvent e) {
        return child instanceof ViewGroup g ? g.dispatchTouch(e) : child.enabled() && child.onTouch(e);
    }

    // ---- finding views ----------------------------------------------------------------------------

    /** The first view in this subtree (depth first, this group included) that matches. */
    public Optional<View> find(Predicate<View> test) {
        if (test.test(this)) {
            return Optional.of(this);
        }
        for (View child : children) {
            if (child instanceof ViewGroup g) {
                Optional<View> found = g.find(test);
                if (found.isPresent()) {
                    return found;
                }
            } else if (test.test(child)) {
                return Optional.of(child);
            }
        }
        return Optional.empty();
    }

    /** Every visible view in this subtree that matches, in painting order. */
    public List<View> findAll(Predicate<View> test) {
        List<View> out = new ArrayList<>();
        collect(this, test, out);
        return out;
    }

    private static void collect(View v, Predicate<View> test, List<View> out) {
        if (!v.visible()) {
            return;
        }
        if (test.test(v)) {
            out.add(v);
        }
        if (v instanceof ViewGroup g) {
            for (View c : g.children) {
                collect(c, test, out);
            }
        }
    }
}
