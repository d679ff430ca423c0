package org.workcell.sdk.ui;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The phone's screen: a stack of layers (the content, then overlays such as dialogs, menus and
 * toasts), the pixels they were last painted into, and what changed since the last frame.
 *
 * <p>A frame is produced only when something asked for one (damage, a layout, a running
 * animation), at most every 16 ms. {@link #render()} paints exactly the damaged rectangles and
 * reports them, after the scrolls it could express as moves of pixels already on screen. The
 * runtime sends that to the host; it asks for the next frame only once the host took the last,
 * so a slow host gets fewer, merged frames.
 */
public final class Window {
    /** What changed in one frame: first the copies (scrolls), then the rectangles repainted. */
    public record Frame(List<Copy> copies, List<Rect> damage) {
        public boolean isEmpty() {
            return copies.isEmpty() && damage.isEmpty();
        }
    }

    /** Move the pixels of {@code area} by {@code dx, dy} (the area is where they come from). */
    public record Copy(Rect area, int dx, int dy) {}

    /** Told when a frame is ready to render (the runtime renders it when the host can take it). */
    public interface FrameListener {
        void frameReady();
    }

    private static final long FRAME_MILLIS = 16;
    private static final int MAX_DAMAGE_RECTS = 24;

    private final UiLoop loop;
    private final Theme theme;
    private final Layers layers = new Layers();
    private final List<Rect> damage = new ArrayList<>();
    private final Map<ViewGroup, int[]> scrolls = new LinkedHashMap<>();
    private final List<Animator> animators = new ArrayList<>();
    private final List<Consumer<View>> focusListeners = new ArrayList<>();
    private FrameListener frameListener = () -> { };
    private BufferedImage image;
    private int[] pixels;
    private Graphics2D graphics;
    private int width;
    private int height;
    private int density;
    private boolean layoutNeeded = true;
    private boolean frameRequested;
    private boolean rendering;
    private long lastFrame = Long.MIN_VALUE / 2;
    private View focused;
    private Clipboard clipboard = Clipboard.inMemory();

    public Window(UiLoop loop, Theme theme, int width, int height, int densityDpi) {
        this.loop = loop;
        this.theme = theme;
        resize(width, height, densityDpi);
        ViewGroup.attachTree(layers, this);
    }

    // ---- size -------------------------------------------------------------------------------------

    /** A new size or density (rotation, a resized browser): everything is laid out and painted again. */
    public void resize(int width, int height, int densityDpi) {
        if (width < 1 || height < 1 || width > 8192 || height > 8192 || densityDpi < 60 || densityDpi > 960) {
            throw new IllegalArgumentException("unsupported display " + width + "x" + height + " at " + densityDpi + " dpi");
        }
        this.width = width;
        this.height = height;
        this.density = densityDpi;
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        if (graphics != null) {
            graphics.dispose();
        }
        graphics = image.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_LCD_HRGB);
        graphics.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        graphics.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        scrolls.clear();
        damage.clear();
        damage.add(new Rect(0, 0, width, height));
        scheduleLayout();
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int density() {
        return density;
    }

    public Theme theme() {
        return theme;
    }

    public UiLoop loop() {
        return loop;
    }

    /** The screen's pixels as last rendered, 0xRRGGBB row by row; live, read it between frames only. */
    public int[] pixels() {
        return pixels;
    }

    public BufferedImage image() {
        return image;
    }

    // ---- layers -------------------------------------------------------------------------------------

    /** The bottom layer: what the phone shows (the system UI puts home, apps and bars here). */
    public void setContent(View content) {
        if (!layers.children().isEmpty()) {
            layers.remove(layers.children().getFirst());
        }
        layers.add(0, content);
    }

    /** Puts an overlay above everything; remove it with {@link #removeOverlay}. */
    public void addOverlay(View overlay) {
        layers.add(overlay);
    }

    public void removeOverlay(View overlay) {
        layers.remove(overlay);
    }

    public List<View> layers() {
        return layers.children();
    }

    /** The root of all layers, for finding views. */
    public ViewGroup root() {
        return layers;
    }

    /** Lays the layers over each other, each the size of the screen unless it says otherwise. */
    private final class Layers extends ViewGroup {
        @Override
        protected Size onMeasure(Constraints c) {
            for (View child : children()) {
                child.measure(Constraints.exactly(width, height));
            }
            return new Size(width, height);
        }

        @Override
        protected void onLayout(int w, int h) {
            for (View child : children()) {
                child.layout(0, 0, w, h);
            }
        }
    }

    // ---- focus and input --------------------------------------------------------------------------

    public View focused() {
        return focused;
    }

    public void focus(View view) {
        if (view == focused) {
            return;
        }
        View old = focused;
        focused = view;
        if (old != null) {
            old.onFocusChanged(false);
        }
        if (view != null) {
            view.onFocusChanged(true);
        }
        for (Consumer<View> listener : List.copyOf(focusListeners)) {
            listener.accept(view);
        }
    }

    /** Told of every focus change (the system UI shows the on-screen keyboard for text fields). */
    public void onFocusChange(Consumer<View> listener) {
        focusListeners.add(listener);
    }

    /** A touch in window pixels. */
    public boolean touch(TouchEvent e) {
        layoutIfNeeded();
        return layers.dispatchTouch(e);
    }

    /**
     * A key: to the focused view first, then to the overlays from the top down (a dialog or a menu
     * closes on BACK), then to the key handler of the system UI.
     */
    public boolean key(KeyEvent e) {
        if (focused != null && focused.onKey(e)) {
            return true;
        }
        List<View> all = layers.children();
        for (int i = all.size() - 1; i >= 1; i--) {
            View layer = all.get(i);
            if (layer.visible() && layer.onKey(e)) {
                return true;
            }
        }
        return keyHandler != null && keyHandler.test(e);
    }

    private java.util.function.Predicate<KeyEvent> keyHandler;

    /** The system UI's keys (BACK, HOME): what neither the focused view nor an overlay used. */
    public void setKeyHandler(java.util.function.Predicate<KeyEvent> handler) {
        this.keyHandler = handler;
    }

    /** Where text fields copy to and paste from. */
    public Clipboard clipboard() {
        return clipboard;
    }

    /** Replaces the clipboard (the runtime installs one that applies the clipboard policy). */
    public void clipboard(Clipboard clipboard) {
        this.clipboard = java.util.Objects.requireNonNull(clipboard);
    }

    public boolean text(String text) {
        return focused != null && focused.onText(text);
    }

    // ---- damage, layout and frames ------------------------------------------------------------

    void scheduleLayout() {
        layoutNeeded = true;
        requestFrame();
    }

    /** Marks a rectangle of the window (window pixels) for repainting. */
    public void damage(Rect r) {
        Rect clipped = r.intersect(new Rect(0, 0, width, height));
        if (clipped.isEmpty()) {
            return;
        }
        addDamage(clipped);
        requestFrame();
    }

    private void addDamage(Rect r) {
        for (Iterator<Rect> it = damage.iterator(); it.hasNext(); ) {
            Rect d = it.next();
            if (d.contains(r)) {
                return;
            }
            Rect u = d.union(r);
            // Merge when the union wastes little: one bigger rectangle costs less than two headers.
            if (r.contains(d) || u.area() <= (d.area() + r.area()) * 5 / 4) {
                it.remove();
                addDamage(u);
                return;
            }
        }
        damage.add(r);
        if (damage.size() > MAX_DAMAGE_RECTS) {
            Rect all = Rect.EMPTY;
            for (Rect d : damage) {
                all = all.union(d);
            }
            damage.clear();
            damage.add(all);
        }
    }

    /** A scrolling group moved its content by {@code dx, dy}. */
    void scrolled(ViewGroup group, int dx, int dy) {
        int[] total = scrolls.computeIfAbsent(group, g -> new int[2]);
        total[0] += dx;
        total[1] += dy;
        requestFrame();
    }

    void addAnimator(Animator a) {
        if (!animators.contains(a)) {
            animators.add(a);
        }
        requestFrame();
    }

    void removeAnimator(Animator a) {
        animators.remove(a);
    }

    boolean hasAnimator(Animator a) {
        return animators.contains(a);
    }

    public boolean animating() {
        return !animators.isEmpty();
    }

    public void setFrameListener(FrameListener listener) {
        this.frameListener = listener;
    }

    /** Whether there is anything to render. */
    public boolean frameNeeded() {
        return layoutNeeded || !damage.isEmpty() || !scrolls.isEmpty() || !animators.isEmpty();
    }

    private void requestFrame() {
        if (frameRequested || rendering) {
            return; // while rendering: render() asks for the next frame at its end if one is needed
        }
        frameRequested = true;
        long wait = Math.max(0, lastFrame + FRAME_MILLIS - loop.now());
        loop.postDelayed(() -> {
            frameRequested = false;
            if (frameNeeded()) {
                frameListener.frameReady();
            }
        }, wait);
    }

    private void layoutIfNeeded() {
        if (layoutNeeded || layers.layoutRequested()) {
            layoutNeeded = false;
            layers.measure(Constraints.exactly(width, height));
            layers.layout(0, 0, width, height);
        }
    }

    /**
     * Advances animations, lays out, and paints what changed. Returns the copies and rectangles
     * the host must apply to its copy of the screen to match {@link #pixels()}.
     */
    public Frame render() {
        long now = loop.now();
        lastFrame = now;
        rendering = true;
        Frame frame;
        try {
            for (Animator a : List.copyOf(animators)) {
                if (a.tick(now)) {
                    animators.remove(a);
                }
            }
            layoutIfNeeded();
            List<Copy> copies = applyScrolls();
            List<Rect> painted = List.copyOf(damage);
            damage.clear();
            for (Rect r : painted) {
                Canvas canvas = new Canvas(graphics, r);
                canvas.fillRect(r.x(), r.y(), r.width(), r.height(), theme.background());
                layers.draw(canvas);
            }
            graphics.setClip(null);
            frame = new Frame(copies, painted);
        } finally {
            rendering = false;
        }
        // An animation's last step damaged what this frame painted: only what is left asks for more.
        if (frameNeeded()) {
            requestFrame();
        }
        return frame;
    }

    /** Turns this frame's scrolls into pixel moves where that is safe, and damage where it is not. */
    private List<Copy> applyScrolls() {
        List<Copy> copies = new ArrayList<>();
        for (Map.Entry<ViewGroup, int[]> e : scrolls.entrySet()) {
            ViewGroup g = e.getKey();
            int dx = e.getValue()[0];
            int dy = e.getValue()[1];
            Rect v = g.bounds();
            if (g.window != this || v.isEmpty() || (dx == 0 && dy == 0)) {
                continue;
            }
            // Pixels on screen show the content before the scroll: they move by -dx, -dy.
            boolean safe = Math.abs(dx) < v.width() && Math.abs(dy) < v.height() && g.opaque() && !coveredAbove(g, v);
            for (Rect d : damage) {
                if (d.intersects(v) && !v.contains(d)) {
                    safe = false;
                }
            }
            if (!safe) {
                addDamage(v);
                continue;
            }
            Rect source = new Rect(v.x() + Math.max(0, dx), v.y() + Math.max(0, dy), v.width() - Math.abs(dx), v.height() - Math.abs(dy));
            copies.add(new Copy(source, -dx, -dy));
            graphics.copyArea(source.x(), source.y(), source.width(), source.height(), -dx, -dy);
            // Damage already inside the viewport was in old coordinates: it moves with the pixels.
            List<Rect> moved = new ArrayList<>();
            for (Iterator<Rect> it = damage.iterator(); it.hasNext(); ) {
                Rect d = it.next();
                if (v.contains(d)) {
                    it.remove();
                    moved.add(d.offset(-dx, -dy).intersect(v));
                }
            }
            for (Rect d : moved) {
                if (!d.isEmpty()) {
                    addDamage(d);
                }
            }
            // The strips that come into view.
            if (dy > 0) {
                addDamage(new Rect(v.x(), v.bottom() - dy, v.width(), dy));
            } else if (dy < 0) {
                addDamage(new Rect(v.x(), v.y(), v.width(), -dy));
            }
            if (dx > 0) {
                addDamage(new Rect(v.right() - dx, v.y(), dx, v.height()));
            } else if (dx < 0) {
                addDamage(new Rect(v.x(), v.y(), -dx, v.height()));
            }
        }
        scrolls.clear();
        return copies;
    }

    /** Whether anything painted after {@code view} overlaps {@code area} (its pixels must not move with a scroll). */
    private static boolean coveredAbove(View view, Rect area) {
        for (View v = view; v.parent != null; v = v.parent) {
            List<View> siblings = v.parent.children();
            for (int i = siblings.indexOf(v) + 1; i < siblings.size(); i++) {
                if (paintsOver(siblings.get(i), area)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether {@code v} paints anything inside {@code area}. A transparent group that paints nothing
     * itself (a full-screen overlay layer holding a toast) covers only where its children are.
     */
    private static boolean paintsOver(View v, Rect area) {
        if (!v.visible() || !v.bounds().intersects(area)) {
            return false;
        }
        if (v instanceof ViewGroup g && g.background() < 0 && !g.pressed() && !ViewGroup.drawsItself(g)) {
            for (View c : g.children()) {
                if (paintsOver(c, area)) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }
}
