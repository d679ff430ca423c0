package org.workcell.phone.apps.documents;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import org.workcell.sdk.ui.Canvas;
import org.workcell.sdk.ui.Constraints;
import org.workcell.sdk.ui.Size;
import org.workcell.sdk.ui.View;

/**
 * A picture scaled to fit the view (never stretched, never enlarged beyond twice its size),
 * centred. The scaled copy is made once per size, so repaints are plain copies.
 */
public final class ImageView extends View {
    private final BufferedImage image;
    private BufferedImage scaled;

    public ImageView(BufferedImage image, String description) {
        this.image = image;
        description(description);
        size(FILL, FILL);
    }

    public BufferedImage image() {
        return image;
    }

    /** Where the picture goes inside a box of {@code w} by {@code h}: x, y, width, height. */
    public static int[] fit(int imageW, int imageH, int w, int h) {
        if (w <= 0 || h <= 0) {
            return new int[] {0, 0, 0, 0};
        }
        double scale = Math.min(2.0, Math.min(w / (double) imageW, h / (double) imageH));
        int sw = Math.max(1, (int) Math.round(imageW * scale));
        int sh = Math.max(1, (int) Math.round(imageH * scale));
        return new int[] {(w - sw) / 2, (h - sh) / 2, sw, sh};
    }

    @Override
    protected Size onMeasure(Constraints c) {
        return new Size(c.clampWidth(c.boundedWidth() ? c.maxWidth() : image.getWidth()), c.clampHeight(c.boundedHeight() ? c.maxHeight() : image.getHeight()));
    }

    /** The placement for the current size. */
    public int[] placement() {
        return fit(image.getWidth(), image.getHeight(), width() - paddingLeftPx() - paddingRightPx(), height() - paddingTopPx() - paddingBottomPx());
    }

    @Override
    protected void onDraw(Canvas canvas) {
        int[] p = placement();
        if (p[2] == 0) {
            return;
        }
        if (scaled == null || scaled.getWidth() != p[2] || scaled.getHeight() != p[3]) {
            scaled = new BufferedImage(p[2], p[3], BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = scaled.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, p[2], p[3], null);
            g.dispose();
        }
        canvas.image(scaled, paddingLeftPx() + p[0], paddingTopPx() + p[1], p[2], p[3]);
    }
}
