package org.workcell.sdk.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A stack of pages, one showing at a time. {@link #push} slides a page in from the right over the
 * current one (which drifts a little left and dims); {@link #pop} plays that backwards. When no
 * transition runs, only the top page is in the view tree: the pages beneath are detached, so they
 * are neither laid out nor painted, and get no touches.
 */
public class Navigator extends ViewGroup {
    static final long TRANSITION_MILLIS = 250;
    private static final float PARALLAX = 0.25f;
    private static final float DIM = 0.2f;

    private final List<View> pages = new ArrayList<>();
    private Animator transition;
    private Runnable finish;
    private View below; // during a transition: the page under the moving one
    private View moving; // during a transition: the page sliding in or out
    private float shown; // how far the moving page is in view, 0 to 1
    private Consumer<View> onChange = v -> { };

    public Navigator(View root) {
        width(FILL).height(FILL);
        pages.add(root);
        add(root);
    }

    /** Told of the new top page after every push, pop and new root (the system UI updates its bar). */
    public Navigator onChange(Consumer<View> listener) {
        this.onChange = listener == null ? v -> { } : listener;
        return this;
    }

    public View top() {
        return pages.getLast();
    }

    public int depth() {
        return pages.size();
    }

    public List<View> pages() {
        return List.copyOf(pages);
    }

    public boolean transitioning() {
        return transition != null;
    }

    /** Slides {@code page} in from the right over the current page. */
    public void push(View page) {
        completeTransition();
        View old = top();
        clearFocusIn(old);
        pages.add(page);
        prepare(page);
        add(page);
        below = old;
        moving = page;
        shown = 0;
        run(0, 1, () -> {
            remove(old);
            onChange.accept(page);
        });
    }

    /** Slides the top page out to the right, uncovering the one beneath; false if there is only one page. */
    public boolean pop() {
        completeTransition();
        if (pages.size() < 2) {
            return false;
        }
        View leaving = pages.removeLast();
        View back = top();
        clearFocusIn(leaving);
        add(0, back);
        below = back;
        moving = leaving;
        shown = 1;
        run(1, 0, () -> {
            remove(leaving);
            onChange.accept(back);
        });
        return true;
    }

    /** What the system UI's back does: pops if it can. */
    public boolean back() {
        return pop();
    }

    /** Replaces all pages with {@code page}, at once. */
    public void replaceRoot(View page) {
        completeTransition();
        for (View p : pages) {
            clearFocusIn(p);
        }
        pages.clear();
        removeAll();
        pages.add(page);
        prepare(page);
        add(page);
        onChange.accept(page);
    }

    private void prepare(View page) {
        if (page.background() < 0) {
            page.background(theme().background()); // opaque: the page beneath must not show through
        }
    }

    private void clearFocusIn(View page) {
        Window w = window();
        if (w == null || w.focused() == null) {
            return;
        }
        for (View v = w.focused(); v != null; v = v.parent()) {
            if (v == page) {
                w.focus(null);
                return;
            }
        }
    }

    private void run(float from, float to, Runnable end) {
        finish = () -> {
            transition = null;
            finish = null;
            below = null;
            moving = null;
            shown = 1;
            end.run();
            requestLayout();
            invalidate();
        };
        if (window() == null) {
            finish.run();
            return;
        }
        requestLayout();
        transition = new Animator(TRANSITION_MILLIS, Animator.EASE_OUT, (t, done) -> {
            shown = from + (to - from) * t;
            if (done) {
                finish.run();
            } else {
                requestLayout();
                invalidate();
            }
        }).start(window());
    }

    /** Jumps a running transition to its end. */
    private void completeTransition() {
        if (transition != null) {
            transition.cancel();
            finish.run();
        }
    }

    // ---- layout and painting ----------------------------------------------------------------------------

    @Override
    protected Size onMeasure(Constraints c) {
        int w = c.boundedWidth() ? c.maxWidth() : c.minWidth();
        int h = c.boundedHeight() ? c.maxHeight() : c.minHeight();
        for (View child : children()) {
            child.measure(Constraints.exactly(w, h));
        }
        return new Size(w, h);
    }

    @Override
    protected void onLayout(int width, int height) {
        for (View child : children()) {
            int x = 0;
            if (child == moving) {
                x = Math.round(width * (1 - shown));
            } else if (child == below) {
                x = -Math.round(width * PARALLAX * shown);
            }
            child.measure(Constraints.exactly(width, height));
            child.layout(x, 0, width, height);
        }
    }

    @Override
    void drawChildren(Canvas canvas) {
        if (transition == null) {
            super.drawChildren(canvas);
            return;
        }
        if (!canvas.clipTo(0, 0, width(), height())) {
            return;
        }
        for (View child : children()) {
            if (child == moving) {
                canvas.fillRect(0, 0, width(), height(), 0x000000, DIM * shown);
            }
            if (child.visible() && canvas.visible(child.x(), child.y(), child.width(), child.height())) {
                canvas.save();
                canvas.translate(child.x(), child.y());
                child.draw(canvas);
                canvas.restore();
            }
        }
    }

    // ---- input ----------------------------------------------------------------------------------------------

    /** During a transition touches go nowhere; otherwise only the top page is here to get them. */
    @Override
    protected boolean onInterceptTouch(TouchEvent e) {
        return transition != null;
    }

    @Override
    public boolean onTouch(TouchEvent e) {
        return transition != null;
    }
}
