package org.workcell.sdk.ui;

import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.List;

/**
 * A glyph from the phone's built-in icon set, drawn as vectors on a 24 by 24 grid so that it is
 * sharp at every density. Outlined strokes, one colour.
 */
public class Icon extends View {
    public enum Glyph {
        MAIL, PEOPLE, NOTE, DOCUMENT, SETTINGS, STORE, BACK, HOME, SWITCHER, SEARCH, PLUS, EDIT, SEND, REPLY,
        LOCK, SIGNAL, BATTERY, FOLDER, TRASH, CHECK, CLOSE, MORE, APP, SHIELD, DOWNLOAD, PERSON, BUILDING, KEYBOARD;

        /** The glyph an app manifest names, or {@link #APP} for a name this set does not have. */
        public static Glyph named(String name) {
            try {
                return valueOf(name);
            } catch (IllegalArgumentException | NullPointerException e) {
                return APP;
            }
        }
    }

    private Glyph glyph;
    private int color = -1;
    private float sizeDp;

    public Icon(Glyph glyph) {
        this(glyph, 24);
    }

    public Icon(Glyph glyph, float sizeDp) {
        this.glyph = glyph;
        this.sizeDp = sizeDp;
        size(sizeDp, sizeDp);
        description(glyph.name().toLowerCase(java.util.Locale.ROOT));
    }

    public Glyph glyph() {
        return glyph;
    }

    public Icon glyph(Glyph glyph) {
        this.glyph = glyph;
        invalidate();
        return this;
    }

    public Icon color(int rgb) {
        color = rgb;
        invalidate();
        return this;
    }

    @Override
    protected void onDraw(Canvas canvas) {
        float inner = Math.min(width() - paddingLeftPx() - paddingRightPx(), height() - paddingTopPx() - paddingBottomPx());
        float scale = inner / 24f;
        AffineTransform at = new AffineTransform();
        at.translate(paddingLeftPx() + (width() - paddingLeftPx() - paddingRightPx() - inner) / 2, paddingTopPx() + (height() - paddingTopPx() - paddingBottomPx() - inner) / 2);
        at.scale(scale, scale);
        int rgb = color >= 0 ? color : theme().text();
        for (Shape s : shapes(glyph)) {
            canvas.stroke(at.createTransformedShape(s), Math.max(1f, 1.8f * scale), rgb);
        }
        for (Shape s : fills(glyph)) {
            canvas.fill(at.createTransformedShape(s), rgb);
        }
    }

    /** Draws {@code glyph} into a box of {@code size} pixels at x, y: for painting icons outside an Icon view. */
    public static void paint(Canvas canvas, Glyph glyph, float x, float y, float size, int rgb) {
        float scale = size / 24f;
        AffineTransform at = AffineTransform.getTranslateInstance(x, y);
        at.scale(scale, scale);
        for (Shape s : shapes(glyph)) {
            canvas.stroke(at.createTransformedShape(s), Math.max(1f, 1.8f * scale), rgb);
        }
        for (Shape s : fills(glyph)) {
            canvas.fill(at.createTransformedShape(s), rgb);
        }
    }

    private static Path2D path(float... xy) {
        Path2D p = new Path2D.Float();
        p.moveTo(xy[0], xy[1]);
        for (int i = 2; i < xy.length; i += 2) {
            p.lineTo(xy[i], xy[i + 1]);
        }
        return p;
    }

    private static List<Shape> fills(Glyph g) {
        return switch (g) {
            case MORE -> List.of(new Ellipse2D.Float(10.5f, 4, 3, 3), new Ellipse2D.Float(10.5f, 10.5f, 3, 3), new Ellipse2D.Float(10.5f, 17, 3, 3));
            case SIGNAL -> List.of(new Rectangle2D.Float(4, 16, 3, 4), new Rectangle2D.Float(9, 12, 3, 8), new Rectangle2D.Float(14, 8, 3, 12), new Rectangle2D.Float(19, 4, 2, 16));
            default -> List.of();
        };
    }

    private static List<Shape> shapes(Glyph g) {
        return switch (g) {
            case MAIL -> List.of(new RoundRectangle2D.Float(3, 5, 18, 14, 3, 3), path(3.5f, 6.5f, 12, 13, 20.5f, 6.5f));
            case PEOPLE -> List.of(new Ellipse2D.Float(5, 4, 7, 7), new Arc2D.Float(2, 13, 13, 12, 0, 180, Arc2D.OPEN),
                    new Ellipse2D.Float(14, 6, 5, 5), path(16, 14, 22, 14, 22, 19));
            case PERSON -> List.of(new Ellipse2D.Float(8, 3, 8, 8), new Arc2D.Float(4, 13, 16, 14, 0, 180, Arc2D.OPEN));
            case NOTE -> List.of(new RoundRectangle2D.Float(5, 3, 14, 18, 3, 3), path(8, 8, 16, 8), path(8, 12, 16, 12), path(8, 16, 13, 16));
            case DOCUMENT -> List.of(path(6, 3, 14, 3, 19, 8, 19, 21, 6, 21, 6, 3), path(14, 3, 14, 8, 19, 8), path(9, 13, 16, 13), path(9, 17, 16, 17));
            case SETTINGS -> List.of(new Ellipse2D.Float(9, 9, 6, 6), new Ellipse2D.Float(4, 4, 16, 16),
                    path(12, 1.5f, 12, 4), path(12, 20, 12, 22.5f), path(1.5f, 12, 4, 12), path(20, 12, 22.5f, 12));
            case STORE -> List.of(path(4, 8, 20, 8, 19, 21, 5, 21, 4, 8), new Arc2D.Float(8, 3, 8, 9, 0, 180, Arc2D.OPEN));
            case BACK -> List.of(path(20, 12, 4, 12), path(10, 6, 4, 12, 10, 18));
            case HOME -> List.of(new Ellipse2D.Float(5, 5, 14, 14));
            case SWITCHER -> List.of(new RoundRectangle2D.Float(5, 5, 14, 14, 3, 3));
            case SEARCH -> List.of(new Ellipse2D.Float(4, 4, 12, 12), path(14.5f, 14.5f, 20, 20));
            case PLUS -> List.of(path(12, 5, 12, 19), path(5, 12, 19, 12));
            case EDIT -> List.of(path(4, 20, 5, 15, 16, 4, 20, 8, 9, 19, 4, 20), path(14, 6, 18, 10));
            case SEND -> List.of(path(3, 11, 21, 3, 14, 21, 11, 13, 3, 11), path(11, 13, 21, 3));
            case REPLY -> List.of(path(10, 5, 3, 11, 10, 17), new Arc2D.Float(3, 11, 18, 16, 90, -90, Arc2D.OPEN));
            case LOCK -> List.of(new RoundRectangle2D.Float(5, 10, 14, 11, 3, 3), new Arc2D.Float(8, 3, 8, 14, 0, 180, Arc2D.OPEN), path(8, 10, 8, 7), path(16, 10, 16, 7));
            case SIGNAL -> List.of();
            case BATTERY -> List.of(new RoundRectangle2D.Float(3, 7, 16, 10, 2, 2), path(21, 10, 21, 14));
            case FOLDER -> List.of(path(3, 6, 9, 6, 11, 8, 21, 8, 21, 19, 3, 19, 3, 6));
            case TRASH -> List.of(path(4, 6, 20, 6), path(6, 6, 7, 21, 17, 21, 18, 6), path(9, 6, 9, 3, 15, 3, 15, 6));
            case CHECK -> List.of(path(4, 12, 10, 18, 20, 6));
            case CLOSE -> List.of(path(6, 6, 18, 18), path(18, 6, 6, 18));
            case MORE -> List.of();
            case APP -> List.of(new RoundRectangle2D.Float(4, 4, 16, 16, 5, 5), new Ellipse2D.Float(9, 9, 6, 6));
            case SHIELD -> List.of(path(12, 3, 20, 6, 20, 12, 12, 21, 4, 12, 4, 6, 12, 3), path(8, 12, 11, 15, 16, 9));
            case DOWNLOAD -> List.of(path(12, 3, 12, 15), path(7, 10, 12, 15, 17, 10), path(4, 20, 20, 20));
            case BUILDING -> List.of(path(5, 21, 5, 4, 15, 4, 15, 21), path(15, 10, 20, 10, 20, 21), path(3, 21, 22, 21), path(8, 8, 12, 8), path(8, 12, 12, 12), path(8, 16, 12, 16));
            case KEYBOARD -> List.of(new RoundRectangle2D.Float(2, 6, 20, 12, 3, 3), path(6, 10, 7, 10), path(10, 10, 11, 10), path(14, 10, 15, 10), path(18, 10, 18, 10), path(7, 14, 17, 14));
        };
    }
}
