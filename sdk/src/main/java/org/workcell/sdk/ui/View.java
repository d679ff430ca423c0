package org.workcell.sdk.ui;

import java.util.function.Consumer;

/**
 * A rectangle of the screen that measures, lays out, paints and handles input. Sizes given to a
 * view's setters are density-independent pixels (dp, 160 to the inch); everything a view computes
 * is in device pixels.
 *
 * <p>Views belong to the UI thread: create and change them only there ({@link UiLoop#post}).
 * Changing what a view shows calls {@link #invalidate()} (repaint) and, if its size may change,
 * {@link #requestLayout()}: the window then repaints only the damaged pixels and sends only those.
 */
public abstract class View {
    /** A width or height that fills what the parent offers. */
    public static final float FILL = -1f;
    /** A width or height that wraps the content (the default). */
    public static final float WRAP = -2f;

    ViewGroup parent;
    Window window;
    private int x;
    private int y;
    private int width;
    private int height;
    private float widthDp = WRAP;
    private float heightDp = WRAP;
    private float minWidthDp;
    private float minHeightDp;
    private float paddingLeft;
    private float paddingTop;
    private float paddingRight;
    private float paddingBottom;
    private float flex;
    private int background = -1;
    private float cornerRadius;
    private boolean visible = true;
    private boolean enabled = true;
    private boolean focusable;
    private float alpha = 1f;
    private String id;
    private String description;
    private Consumer<View> onClick;
    private boolean layoutRequested = true;

    // ---- identity, for tests and accessibility -----------------------------------------------

    public String id() {
        return id;
    }

    public View id(String id) {
        this.id = id;
        return this;
    }

    /** What the view is, in words: read by accessibility tools and by tests that look for it. */
    public String description() {
        return description;
    }

    public View description(String description) {
        this.description = description;
        return this;
    }

    // ---- size and spacing ---------------------------------------------------------------------

    /** A fixed width in dp, or {@link #FILL} or {@link #WRAP}. */
    public View width(float dp) {
        widthDp = dp;
        requestLayout();
        return this;
    }

    public View height(float dp) {
        heightDp = dp;
        requestLayout();
        return this;
    }

    public View size(float widthDp, float heightDp) {
        return width(widthDp).height(heightDp);
    }

    public View minSize(float widthDp, float heightDp) {
        minWidthDp = widthDp;
        minHeightDp = heightDp;
        requestLayout();
        return this;
    }

    public View padding(float dp) {
        return padding(dp, dp, dp, dp);
    }

    public View padding(float horizontal, float vertical) {
        return padding(horizontal, vertical, horizontal, vertical);
    }

    public View padding(float left, float top, float right, float bottom) {
        paddingLeft = left;
        paddingTop = top;
        paddingRight = right;
        paddingBottom = bottom;
        requestLayout();
        return this;
    }

    /** The share of a row's or column's spare space this view takes (0: none, its natural size). */
    public View flex(float weight) {
        flex = weight;
        requestLayout();
        return this;
    }

    public float flex() {
        return flex;
    }

    public float widthDp() {
        return widthDp;
    }

    public float heightDp() {
        return heightDp;
    }

    // ---- looks ----------------------------------------------------------------------------------

    /** A solid 0xRRGGBB background, or -1 for none. */
    public View background(int rgb) {
        background = rgb;
        invalidate();
        return this;
    }

    public int background() {
        return background;
    }

    public View cornerRadius(float dp) {
        cornerRadius = dp;
        invalidate();
        return this;
    }

    public View visible(boolean visible) {
        if (this.visible != visible) {
            this.visible = visible;
            requestLayout();
            invalidate();
            if (!visible && parent != null) {
                invalidateArea(parent, x, y, width, height);
            }
        }
        return this;
    }

    public boolean visible() {
        return visible;
    }

    public View alpha(float alpha) {
        this.alpha = Math.max(0f, Math.min(1f, alpha));
        invalidate();
        return this;
    }

    public float alpha() {
        return alpha;
    }

    public View enabled(boolean enabled) {
        this.enabled = enabled;
        invalidate();
        return this;
    }

    public boolean enabled() {
        return enabled;
    }

    // ---- input ----------------------------------------------------------------------------------

    /** Called on a tap (down and up inside the view without dragging away). */
    public View onClick(Consumer<View> action) {
        onClick = action;
        return this;
    }

    /** Performs the click action as if tapped; returns whether there was one. */
    public boolean click() {
        if (onClick == null || !enabled) {
            return false;
        }
        onClick.accept(this);
        return true;
    }

    public boolean clickable() {
        return onClick != null;
    }

    public View focusable(boolean focusable) {
        this.focusable = focusable;
        return this;
    }

    public boolean focusable() {
        return focusable;
    }

    public boolean focused() {
        return window != null && window.focused() == this;
    }

    public void requestFocus() {
        if (window != null && focusable) {
            window.focus(this);
        }
    }

    /**
     * Handles a touch in this view's coordinates; returns true to take the gesture (the view then
     * receives its moves and its end). The default gives clickable views pressed feedback and a click.
     */
    public boolean onTouch(TouchEvent e) {
        if (!enabled || onClick == null && !focusable) {
            return false;
        }
        switch (e.action()) {
            case DOWN -> setPressed(true);
            case MOVE -> setPressed(e.x() >= 0 && e.y() >= 0 && e.x() < width && e.y() < height);
            case UP -> {
                boolean inside = pressed;
                setPressed(false);
                if (inside) {
                    if (focusable) {
                        requestFocus();
                    }
                    click();
                }
            }
            case CANCEL -> setPressed(false);
        }
        return true;
    }

    private boolean pressed;

    public boolean pressed() {
        return pressed;
    }

    protected void setPressed(boolean pressed) {
        if (this.pressed != pressed) {
            this.pressed = pressed;
            invalidate();
        }
    }

    /** A key while this view has the focus; returns whether it was used. */
    public boolean onKey(KeyEvent e) {
        if (e.down() && e.key() == KeyEvent.Key.ENTER && onClick != null) {
            return click();
        }
        return false;
    }

    /** Text typed while this view has the focus; returns whether it was used. */
    public boolean onText(String text) {
        return false;
    }

    /** Whether a focused view of this kind wants the on-screen keyboard. */
    public boolean wantsKeyboard() {
        return false;
    }

    protected void onFocusChanged(boolean focused) {
        invalidate();
    }

    // ---- measuring and layout -----------------------------------------------------------------

    /** Measures this view within {@code c}; the size is then {@link #measuredWidth()} by {@link #measuredHeight()}. */
    public final Size measure(Constraints c) {
        if (!visible) {
            measured = Size.ZERO;
            return measured;
        }
        Constraints own = c;
        if (widthDp >= 0) {
            own = own.withWidth(px(widthDp));
        } else if (widthDp == FILL && c.boundedWidth()) {
            own = own.withWidth(c.maxWidth());
        }
        if (heightDp >= 0) {
            own = own.withHeight(px(heightDp));
        } else if (heightDp == FILL && c.boundedHeight()) {
            own = own.withHeight(c.maxHeight());
        }
        int minW = own.clampWidth(Math.max(own.minWidth(), px(minWidthDp)));
        int minH = own.clampHeight(Math.max(own.minHeight(), px(minHeightDp)));
        own = new Constraints(minW, own.maxWidth(), minH, own.maxHeight());
        int ph = paddingLeftPx() + paddingRightPx();
        int pv = paddingTopPx() + paddingBottomPx();
        Size content = onMeasure(own.deflate(ph, pv));
        measured = new Size(own.clampWidth(content.width() + ph), own.clampHeight(content.height() + pv));
        return measured;
    }

    private Size measured = Size.ZERO;

    /** The content's size (inside the padding) within {@code c}. The default is as small as allowed. */
    protected Size onMeasure(Constraints c) {
        return new Size(c.minWidth(), c.minHeight());
    }

    public int measuredWidth() {
        return measured.width();
    }

    public int measuredHeight() {
        return measured.height();
    }

    /** Places this view at {@code x, y} in its parent's content coordinates, {@code width} by {@code height} pixels. */
    public final void layout(int x, int y, int width, int height) {
        boolean moved = x != this.x || y != this.y || width != this.width || height != this.height;
        if (moved && parent != null && this.width > 0 && this.height > 0) {
            invalidateArea(parent, this.x, this.y, this.width, this.height);
        }
        this.x = x;
        this.y = y;
        this.width = width;
        this.height = height;
        if (moved) {
            invalidate();
        }
        layoutRequested = false;
        onLayout(width, height);
    }

    /** Places the children; the content area is inside the padding. */
    protected void onLayout(int width, int height) {}

    /** Asks for a new layout pass before the next frame: call it when the view's size may change. */
    public void requestLayout() {
        for (View v = this; v != null && !v.layoutRequested; v = v.parent) {
            v.layoutRequested = true;
        }
        layoutRequested = true;
        if (window != null) {
            window.scheduleLayout();
        }
    }

    boolean layoutRequested() {
        return layoutRequested;
    }

    public int x() {
        return x;
    }

    public int y() {
        return y;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int paddingLeftPx() {
        return px(paddingLeft);
    }

    public int paddingTopPx() {
        return px(paddingTop);
    }

    public int paddingRightPx() {
        return px(paddingRight);
    }

    public int paddingBottomPx() {
        return px(paddingBottom);
    }

    // ---- painting -----------------------------------------------------------------------------

    /** Asks for this view to be repainted on the next frame. */
    public void invalidate() {
        if (window != null && visible && width > 0 && height > 0) {
            Rect r = bounds();
            if (!r.isEmpty()) {
                window.damage(r);
            }
        }
    }

    /** Asks for part of this view ({@code x, y, width, height} in view pixels) to be repainted: a caret, a pressed key. */
    public void invalidate(int x, int y, int width, int height) {
        if (window != null && visible && this.width > 0 && this.height > 0 && width > 0 && height > 0) {
            Rect w = windowRect();
            Rect r = new Rect(w.x() + x, w.y() + y, width, height).intersect(bounds());
            if (!r.isEmpty()) {
                window.damage(r);
            }
        }
    }

    private static void invalidateArea(ViewGroup parent, int x, int y, int width, int height) {
        if (parent.window != null) {
            Rect origin = parent.contentOrigin();
            Rect r = new Rect(origin.x() + x, origin.y() + y, width, height).intersect(parent.visibleBounds());
            if (!r.isEmpty()) {
                parent.window.damage(r);
            }
        }
    }

    /** Where this view is on the window, in window pixels, clipped to what its ancestors show. */
    public Rect bounds() {
        if (parent == null) {
            return new Rect(x, y, width, height);
        }
        Rect origin = parent.contentOrigin();
        return new Rect(origin.x() + x, origin.y() + y, width, height).intersect(parent.visibleBounds());
    }

    /** Where this view is on the window, unclipped. */
    public Rect windowRect() {
        if (parent == null) {
            return new Rect(x, y, width, height);
        }
        Rect origin = parent.contentOrigin();
        return new Rect(origin.x() + x, origin.y() + y, width, height);
    }

    Rect visibleBounds() {
        return bounds();
    }

    /** Paints the view at the canvas's origin. Called by the parent with translation and clip set. */
    void draw(Canvas canvas) {
        if (!visible || width == 0 || height == 0) {
            return;
        }
        canvas.save();
        if (alpha < 1f) {
            canvas.alpha(alpha);
        }
        if (background >= 0) {
            if (cornerRadius > 0) {
                canvas.fillRoundRect(0, 0, width, height, px(cornerRadius), background);
            } else {
                canvas.fillRect(0, 0, width, height, background);
            }
        }
        if (pressed && onClick != null) {
            canvas.fillRoundRect(0, 0, width, height, px(cornerRadius), theme().ripple());
        }
        onDraw(canvas);
        drawChildren(canvas);
        canvas.restore();
    }

    /** Paints the content (after the background, before any children). */
    protected void onDraw(Canvas canvas) {}

    void drawChildren(Canvas canvas) {}

    /** Whether this view paints every pixel of its bounds (lets the window skip what is beneath it). */
    public boolean opaque() {
        return background >= 0 && cornerRadius == 0 && alpha == 1f;
    }

    // ---- the window -----------------------------------------------------------------------------

    public Window window() {
        return window;
    }

    public ViewGroup parent() {
        return parent;
    }

    /** Device pixels for {@code dp} density-independent pixels on this view's window (160 dpi when detached). */
    public int px(float dp) {
        return Math.round(pxf(dp));
    }

    public float pxf(float dp) {
        return dp * (window == null ? 1f : window.density() / 160f);
    }

    public Theme theme() {
        return window == null ? Theme.LIGHT : window.theme();
    }

    void attach(Window window) {
        this.window = window;
        onAttached();
    }

    void detach() {
        if (window != null && window.focused() == this) {
            window.focus(null);
        }
        onDetached();
        this.window = null;
    }

    /** Called when the view joins a window (density and theme are known from here on). */
    protected void onAttached() {}

    protected void onDetached() {}

    /** Runs {@code action} after {@code delayMillis} on the UI thread, if the view is still attached then. */
    public UiLoop.Cancellable postDelayed(Runnable action, long delayMillis) {
        if (window == null) {
            return () -> { };
        }
        return window.loop().postDelayed(() -> {
            if (window != null) {
                action.run();
            }
        }, delayMillis);
    }

    @Override
    public String toString() {
        String name = getClass().getSimpleName();
        return name + (id == null ? "" : "#" + id) + (description == null ? "" : "[" + description + "]") + "@" + x + "," + y + " " + width + "x" + height;
    }
}
