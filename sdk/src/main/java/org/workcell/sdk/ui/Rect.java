package org.workcell.sdk.ui;

/** An axis-aligned rectangle in pixels: {@code [x, x + width) x [y, y + height)}. */
public record Rect(int x, int y, int width, int height) {
    public static final Rect EMPTY = new Rect(0, 0, 0, 0);

    public Rect {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("a rectangle's size is not negative: " + width + "x" + height);
        }
    }

    public int right() {
        return x + width;
    }

    public int bottom() {
        return y + height;
    }

    public boolean isEmpty() {
        return width == 0 || height == 0;
    }

    public boolean contains(int px, int py) {
        return px >= x && py >= y && px < x + width && py < y + height;
    }

    public boolean contains(Rect r) {
        return !r.isEmpty() && r.x >= x && r.y >= y && r.right() <= right() && r.bottom() <= bottom();
    }

    public boolean intersects(Rect r) {
        return !isEmpty() && !r.isEmpty() && r.x < right() && x < r.right() && r.y < bottom() && y < r.bottom();
    }

    public Rect intersect(Rect r) {
        int l = Math.max(x, r.x);
        int t = Math.max(y, r.y);
        int rr = Math.min(right(), r.right());
        int b = Math.min(bottom(), r.bottom());
        return rr <= l || b <= t ? EMPTY : new Rect(l, t, rr - l, b - t);
    }

    public Rect union(Rect r) {
        if (isEmpty()) {
            return r;
        }
        if (r.isEmpty()) {
            return this;
        }
        int l = Math.min(x, r.x);
        int t = Math.min(y, r.y);
        return new Rect(l, t, Math.max(right(), r.right()) - l, Math.max(bottom(), r.bottom()) - t);
    }

    public Rect offset(int dx, int dy) {
        return new Rect(x + dx, y + dy, width, height);
    }

    public long area() {
        return (long) width * height;
    }
}
