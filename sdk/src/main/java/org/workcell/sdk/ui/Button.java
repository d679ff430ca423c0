package org.workcell.sdk.ui;

import java.awt.Font;

/** A tappable label: filled with the theme's primary colour, outlined, or plain text. */
public class Button extends View {
    public enum Kind { FILLED, OUTLINED, TEXT }

    private String text;
    private Kind kind;

    public Button(String text, java.util.function.Consumer<View> onClick) {
        this(text, Kind.FILLED, onClick);
    }

    public Button(String text, Kind kind, java.util.function.Consumer<View> onClick) {
        this.text = text;
        this.kind = kind;
        onClick(onClick);
        focusable(true);
        padding(16, 10);
        minSize(64, 40);
        cornerRadius(20);
        description(text);
    }

    public String text() {
        return text;
    }

    public Button text(String text) {
        this.text = text;
        description(text);
        requestLayout();
        invalidate();
        return this;
    }

    public Button kind(Kind kind) {
        this.kind = kind;
        invalidate();
        return this;
    }

    private Font font() {
        return Fonts.get(Fonts.Face.BOLD, pxf(theme().bodySize() - 1));
    }

    @Override
    protected Size onMeasure(Constraints c) {
        Font f = font();
        return new Size(c.clampWidth((int) Math.ceil(Text.width(text, f))), c.clampHeight((int) Math.ceil(Text.lineHeight(f))));
    }

    @Override
    protected void onDraw(Canvas canvas) {
        Theme t = theme();
        float r = pxf(20);
        int fg;
        switch (kind) {
            case FILLED -> {
                int fill = enabled() ? t.primary() : Theme.blend(t.primary(), t.surface(), 0.6f);
                canvas.fillRoundRect(0, 0, width(), height(), r, pressed() ? Theme.blend(fill, 0x000000, 0.2f) : fill);
                fg = t.onPrimary();
            }
            case OUTLINED -> {
                if (pressed()) {
                    canvas.fillRoundRect(0, 0, width(), height(), r, t.ripple());
                }
                canvas.strokeRoundRect(0, 0, width(), height(), r, pxf(1.5f), t.divider());
                fg = enabled() ? t.primary() : t.secondaryText();
            }
            default -> {
                if (pressed()) {
                    canvas.fillRoundRect(0, 0, width(), height(), r, t.ripple());
                }
                fg = enabled() ? t.primary() : t.secondaryText();
            }
        }
        if (focused()) {
            canvas.strokeRoundRect(0, 0, width(), height(), r, pxf(2), Theme.blend(t.primary(), 0x000000, 0.3f));
        }
        Font f = font();
        float w = Text.width(text, f);
        var m = f.getLineMetrics(text, Text.CONTEXT);
        float baseline = (height() - (m.getAscent() + m.getDescent())) / 2 + m.getAscent();
        canvas.text(text, f, (width() - w) / 2, baseline, fg);
    }

    @Override
    public boolean opaque() {
        return false;
    }
}
