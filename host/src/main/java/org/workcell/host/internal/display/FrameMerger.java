package org.workcell.host.internal.display;

import java.util.ArrayList;
import java.util.List;
import org.workcell.channel.CopyRect;
import org.workcell.channel.FillRect;
import org.workcell.channel.FrameUpdate;
import org.workcell.channel.Framebuffer;
import org.workcell.channel.PixelsRect;
import org.workcell.channel.Rect;

/**
 * Merges every {@link FrameUpdate} a phone sent since a display client's last frame into one update
 * that, applied to the client's copy (the mirror as it was at the last {@link #take}), yields the
 * current mirror exactly. A slow client thus costs bounded memory and work, never a queue of frames.
 *
 * <p>The state is an ordered list of copies and a set of dirty rectangles, with this invariant: let
 * S be the client's old buffer with the recorded copies applied in order, and M the current mirror;
 * every pixel outside the dirty set is the same in S and M. So the merged update is the copies, in
 * order, then every dirty area read from the mirror. Each recorded op keeps the invariant:
 * <ul>
 *   <li>a paint (fill or pixels) changes M only inside its rect, which is marked dirty;
 *   <li>a copy is applied to both S and M (it is appended to the list), so a destination pixel agrees
 *       unless its source pixel was dirty: the dirty parts of the source are marked again, moved to
 *       the destination. Nothing else changes, so the other dirty areas are kept as they are.
 * </ul>
 * Dirty areas only ever grow, which is always safe (more pixels are sent than needed), and that is
 * what the bounds use: past {@value #MAX_DIRTY} rectangles the pair whose bounding box adds least
 * area is replaced by that box; past {@value #MAX_COPIES} copies, all copies are dropped and the
 * whole screen is dirty. A copy whose destination is already dirty is not needed (S then differs
 * from the unpruned S only inside the dirty set, and a later copy reading from there marks its own
 * destination dirty), nor is one whose destination ends up dirty and that no later kept copy reads.
 *
 * <p>A new merger starts with the whole screen dirty: a new client has nothing yet. Not thread-safe:
 * the caller locks.
 */
public final class FrameMerger {
    /** Copies kept at most; one more and the whole screen is sent instead. */
    public static final int MAX_COPIES = 32;
    /** Dirty rectangles kept at most; more are coalesced into bounding boxes. */
    public static final int MAX_DIRTY = 64;

    /** A rectangle; width and height are positive once clipped. */
    private record Box(int x, int y, int w, int h) {
        int right() {
            return x + w;
        }

        int bottom() {
            return y + h;
        }

        long area() {
            return (long) w * h;
        }

        boolean contains(Box o) {
            return o.x >= x && o.y >= y && o.right() <= right() && o.bottom() <= bottom();
        }

        /** The overlap, or null if there is none. */
        Box intersect(Box o) {
            int l = Math.max(x, o.x);
            int t = Math.max(y, o.y);
            int r = Math.min(right(), o.right());
            int b = Math.min(bottom(), o.bottom());
            return l < r && t < b ? new Box(l, t, r - l, b - t) : null;
        }

        Box union(Box o) {
            int l = Math.min(x, o.x);
            int t = Math.min(y, o.y);
            return new Box(l, t, Math.max(right(), o.right()) - l, Math.max(bottom(), o.bottom()) - t);
        }

        /** Whether the union is exactly the two together: same columns or rows, overlapping or touching. */
        boolean mergesExactly(Box o) {
            return (x == o.x && w == o.w && y <= o.bottom() && o.y <= bottom())
                    || (y == o.y && h == o.h && x <= o.right() && o.x <= right());
        }
    }

    private final List<CopyRect> copies = new ArrayList<>();
    private final List<Box> dirty = new ArrayList<>();
    private int width;
    private int height;

    public FrameMerger(int width, int height) {
        resized(width, height);
    }

    /** Records an update that the mirror has just applied. */
    public void add(FrameUpdate update) {
        for (Rect r : update.rects()) {
            switch (r) {
                case CopyRect c -> copy(c);
                case FillRect f -> mark(new Box(f.x(), f.y(), f.width(), f.height()));
                case PixelsRect p -> mark(new Box(p.x(), p.y(), p.width(), p.height()));
            }
        }
    }

    /** The mirror was resized (and cleared): everything is dirty, pending copies are dropped. */
    public void resized(int width, int height) {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("size " + width + "x" + height + " is negative");
        }
        this.width = width;
        this.height = height;
        markAll();
    }

    /** Whether {@link #take} has anything to send. */
    public boolean pending() {
        return !copies.isEmpty() || !dirty.isEmpty();
    }

    /**
     * The merged update: the pending copies in order, then the dirty areas read from {@code mirror}
     * (a {@link FillRect} where an area is one colour). Resets the state: the client's copy is then
     * the mirror as it is now.
     *
     * @throws IllegalArgumentException if the mirror's size is not the one this merger was told about
     */
    public FrameUpdate take(Framebuffer mirror, long frameNumber) {
        if (mirror.width() != width || mirror.height() != height) {
            throw new IllegalArgumentException("mirror is " + mirror.width() + "x" + mirror.height()
                    + " but the merger was told " + width + "x" + height);
        }
        List<Rect> out = new ArrayList<>(copies.size() + dirty.size());
        out.addAll(neededCopies());
        for (Box b : dirty) {
            int[] rgb = mirror.region(b.x, b.y, b.w, b.h);
            out.add(oneColour(rgb) ? new FillRect(b.x, b.y, b.w, b.h, rgb[0]) : new PixelsRect(b.x, b.y, b.w, b.h, rgb));
        }
        copies.clear();
        dirty.clear();
        return new FrameUpdate(frameNumber, out);
    }

    private void copy(CopyRect c) {
        Box dst = new Box(c.x(), c.y(), c.width(), c.height());
        Box src = new Box(c.fromX(), c.fromY(), c.width(), c.height());
        Box screen = new Box(0, 0, width, height);
        if (dst.area() == 0 || (c.x() == c.fromX() && c.y() == c.fromY())) {
            return; // changes nothing
        }
        if (!screen.contains(dst) || !screen.contains(src)) {
            // The mirror would have refused it; whatever happened, sending everything is right.
            markAll();
            return;
        }
        int dx = c.x() - c.fromX();
        int dy = c.y() - c.fromY();
        // The client will copy stale pixels wherever the source is dirty: those become dirty too.
        // Computed from the dirty set as it was before this copy, then marked.
        List<Box> moved = new ArrayList<>();
        for (Box d : dirty) {
            Box i = d.intersect(src);
            if (i != null) {
                moved.add(new Box(i.x + dx, i.y + dy, i.w, i.h));
            }
        }
        for (Box m : moved) {
            mark(m);
        }
        if (covered(dst)) {
            return; // every pixel it writes is sent anyway
        }
        copies.add(c);
        if (copies.size() > MAX_COPIES) {
            markAll();
        }
    }

    /** The copies without those whose destination is sent anyway and that no later kept copy reads. */
    private List<CopyRect> neededCopies() {
        List<CopyRect> kept = new ArrayList<>(copies.size());
        for (int i = copies.size() - 1; i >= 0; i--) {
            CopyRect c = copies.get(i);
            Box dst = new Box(c.x(), c.y(), c.width(), c.height());
            boolean read = false;
            for (CopyRect later : kept) {
                if (dst.intersect(new Box(later.fromX(), later.fromY(), later.width(), later.height())) != null) {
                    read = true;
                    break;
                }
            }
            if (read || !covered(dst)) {
                kept.add(c);
            }
        }
        return kept.reversed();
    }

    /** Whether one dirty rectangle covers {@code b} (a cheap, partial test of the union). */
    private boolean covered(Box b) {
        for (Box d : dirty) {
            if (d.contains(b)) {
                return true;
            }
        }
        return false;
    }

    private void markAll() {
        copies.clear();
        dirty.clear();
        mark(new Box(0, 0, width, height));
    }

    /** Adds an area to the dirty set, clipped to the screen, merging where that is exact or cheap. */
    private void mark(Box b) {
        Box r = new Box(0, 0, width, height).intersect(b);
        if (r == null) {
            return;
        }
        boolean merged;
        do {
            merged = false;
            for (int i = dirty.size() - 1; i >= 0; i--) {
                Box e = dirty.get(i);
                if (e.contains(r)) {
                    return;
                }
                if (r.contains(e)) {
                    dirty.remove(i);
                } else if (r.mergesExactly(e)) {
                    dirty.remove(i);
                    r = r.union(e);
                    merged = true; // the bigger box may now contain or touch earlier ones
                }
            }
        } while (merged);
        dirty.add(r);
        if (r.w == width && r.h == height) {
            copies.clear(); // everything is sent: no copy is needed
        }
        if (dirty.size() > MAX_DIRTY) {
            coalesce();
        }
    }

    /** Replaces the pair whose bounding box adds the least area by that box. */
    private void coalesce() {
        int bestI = 0;
        int bestJ = 1;
        long bestGrowth = Long.MAX_VALUE;
        for (int i = 0; i < dirty.size(); i++) {
            Box a = dirty.get(i);
            for (int j = i + 1; j < dirty.size(); j++) {
                Box b = dirty.get(j);
                Box overlap = a.intersect(b);
                long growth = a.union(b).area() - a.area() - b.area() + (overlap == null ? 0 : overlap.area());
                if (growth < bestGrowth) {
                    bestGrowth = growth;
                    bestI = i;
                    bestJ = j;
                }
            }
        }
        Box union = dirty.get(bestI).union(dirty.get(bestJ));
        dirty.remove(bestJ); // the higher index first
        dirty.remove(bestI);
        mark(union); // one fewer than before: this cannot coalesce again
    }

    private static boolean oneColour(int[] rgb) {
        for (int i = 1; i < rgb.length; i++) {
            if (rgb[i] != rgb[0]) {
                return false;
            }
        }
        return rgb.length > 0;
    }
}
