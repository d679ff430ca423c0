package org.workcell.sdk.ui;

import java.awt.Font;

/** Text that wraps to its width and ends with an ellipsis when it has more lines than allowed. */
public class Label extends View {
    public enum Style { TITLE, BODY, CAPTION }

    private String text;
    private Style style = Style.BODY;
    private boolean bold;
    private int color = -1;
    private int maxLines;
    private float sizeDp;
    private boolean centered;
    private Text.Block block;
    private float blockWidth = -1;

    public Label(String text) {
        this.text = text == null ? "" : text;
    }

    public String text() {
        return text;
    }

    public Label text(String text) {
        String t = text == null ? "" : text;
        if (!t.equals(this.text)) {
            this.text = t;
            block = null;
            requestLayout();
            invalidate();
        }
        return this;
    }

    public Label style(Style style) {
        this.style = style;
        changed();
        return this;
    }

    public Label bold(boolean bold) {
        this.bold = bold;
        changed();
        return this;
    }

    /** A text size in dp instead of the style's. */
    public Label textSize(float dp) {
        this.sizeDp = dp;
        changed();
        return this;
    }

    /** A 0xRRGGBB colour instead of the theme's. */
    public Label color(int rgb) {
        this.color = rgb;
        invalidate();
        return this;
    }

    /** At most this many lines (0: no limit); the last one shown ends in an ellipsis if text is cut. */
    public Label maxLines(int lines) {
        this.maxLines = lines;
        changed();
        return this;
    }

    public Label centered(boolean centered) {
        this.centered = centered;
        invalidate();
        return this;
    }

    private void changed() {
        block = null;
        requestLayout();
        invalidate();
    }

    public Font font() {
        float size = sizeDp > 0 ? sizeDp : switch (style) {
            case TITLE -> theme().titleSize();
            case BODY -> theme().bodySize();
            case CAPTION -> theme().captionSize();
        };
        return Fonts.get(bold || style == Style.TITLE ? Fonts.Face.BOLD : Fonts.Face.REGULAR, pxf(size));
    }

    private Text.Block block(float width) {
        if (block == null || blockWidth != width) {
            block = Text.layout(text, font(), width, maxLines);
            blockWidth = width;
        }
        return block;
    }

    @Override
    protected void onAttached() {
        block = null; // density known now
    }

    @Override
    protected Size onMeasure(Constraints c) {
        Text.Block b = block(c.boundedWidth() ? c.maxWidth() : 0);
        return new Size(c.clampWidth((int) Math.ceil(b.width())), c.clampHeight((int) Math.ceil(b.height())));
    }

    @Override
    protected void onDraw(Canvas canvas) {
        int inner = width() - paddingLeftPx() - paddingRightPx();
        Text.Block b = block(inner);
        int rgb = color >= 0 ? color : style == Style.CAPTION ? theme().secondaryText() : theme().text();
        if (!enabled()) {
            rgb = Theme.blend(rgb, theme().surface(), 0.5f);
        }
        float baseline = paddingTopPx() + b.ascent();
        for (Text.Line line : b.lines()) {
            if (line.layout() != null) {
                float x = paddingLeftPx() + (centered ? (inner - line.width()) / 2 : 0);
                canvas.text(line.layout(), x, baseline, rgb);
            }
            baseline += b.lineHeight();
        }
    }
}
