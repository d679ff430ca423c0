package org.workcell.phone.system;

import java.awt.Font;
import java.awt.geom.AffineTransform;
import org.workcell.sdk.ui.Canvas;
import org.workcell.sdk.ui.Fonts;
import org.workcell.sdk.ui.Text;
import org.workcell.sdk.ui.View;

/**
 * Faint diagonal text over the whole screen (the user's name, say) so that a photo of the screen
 * shows whose it was. It takes no touches.
 */
final class Watermark extends View {
    private String text = "";

    Watermark() {
        description("watermark");
    }

    void text(String text) {
        if (!text.equals(this.text)) {
            this.text = text;
            invalidate();
        }
    }

    @Override
    protected void onDraw(Canvas canvas) {
        Font font = Fonts.get(Fonts.Face.BOLD, pxf(18));
        float step = Math.max(Text.width(text, font) + pxf(48), pxf(120));
        var g = canvas.graphics();
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 6, width() / 2.0, height() / 2.0);
        canvas.alpha(0.10f);
        int diagonal = (int) Math.hypot(width(), height());
        for (float y = -diagonal / 2f; y < height() + diagonal / 2f; y += pxf(96)) {
            for (float x = -diagonal / 2f; x < width() + diagonal / 2f; x += step) {
                canvas.text(text, font, x, y, 0x000000);
            }
        }
        canvas.alpha(1f);
        g.setTransform(saved);
    }
}
