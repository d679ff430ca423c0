package org.workcell.sdk.ui;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.Shape;
import java.awt.font.TextLayout;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Where views paint, in pixels relative to the view being drawn. A thin layer over Java 2D that
 * keeps translation and clip in step with the view tree and speaks in 0xRRGGBB colours.
 */
public final class Canvas {
    private final Graphics2D g;
    private final Deque<State> saved = new ArrayDeque<>();
    private int tx;
    private int ty;
    private Rect clip; // in window coordinates

    private record State(int tx, int ty, Rect clip, java.awt.Composite composite) {}

    public Canvas(Graphics2D g, Rect clip) {
        this.g = g;
        this.clip = clip;
        g.setClip(clip.x(), clip.y(), clip.width(), clip.height());
    }

    /** The Java 2D graphics, translated to the current view, for painting this class does not cover. */
    public Graphics2D graphics() {
        return g;
    }

    public void save() {
        saved.push(new State(tx, ty, clip, g.getComposite()));
    }

    public void restore() {
        State s = saved.pop();
        g.translate(s.tx - tx, s.ty - ty);
        tx = s.tx;
        ty = s.ty;
        clip = s.clip;
        g.setClip(clip.x() - tx, clip.y() - ty, clip.width(), clip.height());
        g.setComposite(s.composite);
    }

    public void translate(int dx, int dy) {
        g.translate(dx, dy);
        tx += dx;
        ty += dy;
    }

    /** Narrows the clip to a rectangle in the current coordinates; returns false if nothing is left to paint. */
    public boolean clipTo(int x, int y, int width, int height) {
        clip = clip.intersect(new Rect(x + tx, y + ty, width, height));
        g.setClip(clip.x() - tx, clip.y() - ty, clip.width(), clip.height());
        return !clip.isEmpty();
    }

    /** Whether a rectangle in the current coordinates reaches into the area being painted. */
    public boolean visible(int x, int y, int width, int height) {
        return clip.intersects(new Rect(x + tx, y + ty, width, height));
    }

    /** Paints what follows at {@code alpha} (0 to 1) over what is there. */
    public void alpha(float alpha) {
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, Math.max(0f, Math.min(1f, alpha))));
    }

    public void fillRect(int x, int y, int width, int height, int rgb) {
        g.setColor(new Color(rgb));
        g.fillRect(x, y, width, height);
    }

    public void fillRect(int x, int y, int width, int height, int rgb, float alpha) {
        g.setColor(new Color((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, Math.round(255 * Math.max(0f, Math.min(1f, alpha)))));
        g.fillRect(x, y, width, height);
    }

    public void fillRoundRect(float x, float y, float width, float height, float radius, int rgb) {
        g.setColor(new Color(rgb));
        g.fill(new RoundRectangle2D.Float(x, y, width, height, radius * 2, radius * 2));
    }

    public void strokeRoundRect(float x, float y, float width, float height, float radius, float stroke, int rgb) {
        g.setColor(new Color(rgb));
        g.setStroke(new BasicStroke(stroke));
        float h = stroke / 2;
        g.draw(new RoundRectangle2D.Float(x + h, y + h, width - stroke, height - stroke, radius * 2, radius * 2));
    }

    public void fillCircle(float cx, float cy, float radius, int rgb) {
        g.setColor(new Color(rgb));
        g.fill(new Ellipse2D.Float(cx - radius, cy - radius, radius * 2, radius * 2));
    }

    public void line(float x1, float y1, float x2, float y2, float stroke, int rgb) {
        g.setColor(new Color(rgb));
        g.setStroke(new BasicStroke(stroke, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new java.awt.geom.Line2D.Float(x1, y1, x2, y2));
    }

    public void fill(Shape shape, int rgb) {
        g.setColor(new Color(rgb));
        g.fill(shape);
    }

    public void stroke(Shape shape, float width, int rgb) {
        g.setColor(new Color(rgb));
        g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(shape);
    }

    /** One line of text with its baseline at {@code baseline}. */
    public void text(String text, Font font, float x, float baseline, int rgb) {
        if (text.isEmpty()) {
            return;
        }
        g.setFont(font);
        g.setColor(new Color(rgb));
        g.drawString(text, x, baseline);
    }

    public void text(TextLayout layout, float x, float baseline, int rgb) {
        g.setColor(new Color(rgb));
        layout.draw(g, x, baseline);
    }

    public void image(Image image, int x, int y, int width, int height) {
        g.drawImage(image, x, y, width, height, null);
    }
}
