package org.workcell.phone.apps.documents;

import java.awt.Color;
import java.awt.Font;
import java.awt.font.LineBreakMeasurer;
import java.awt.font.TextAttribute;
import java.awt.font.TextLayout;
import java.text.AttributedString;
import java.util.ArrayList;
import java.util.List;
import org.workcell.sdk.ui.Canvas;
import org.workcell.sdk.ui.Constraints;
import org.workcell.sdk.ui.Fonts;
import org.workcell.sdk.ui.Size;
import org.workcell.sdk.ui.Text;
import org.workcell.sdk.ui.Theme;
import org.workcell.sdk.ui.View;

/**
 * Styled runs of text wrapped to the view's width: bold, italic (slanted), code spans in the mono
 * face on a tinted background, links in the accent colour and underlined. Its description is the
 * plain text, for accessibility and tests.
 */
public final class RichText extends View {
    private final List<Markdown.Span> spans;
    private final String text;
    private final float sizeDp;
    private final boolean bold;
    private int color = -1;
    private List<TextLayout> lines = List.of();
    private float laidOutWidth = -1;
    private float lineHeight;

    public RichText(List<Markdown.Span> spans, float sizeDp, boolean bold) {
        this.spans = List.copyOf(spans);
        this.text = Markdown.text(spans);
        this.sizeDp = sizeDp;
        this.bold = bold;
        description(text);
    }

    public List<Markdown.Span> spans() {
        return spans;
    }

    public String text() {
        return text;
    }

    public RichText color(int rgb) {
        color = rgb;
        laidOutWidth = -1;
        invalidate();
        return this;
    }

    /** The face a run is drawn in. */
    Font fontOf(Markdown.Span s) {
        float px = pxf(sizeDp);
        if (s.code()) {
            return Fonts.get(Fonts.Face.MONO, px * 0.92f);
        }
        Font f = Fonts.get(bold || s.bold() ? Fonts.Face.BOLD : Fonts.Face.REGULAR, px);
        return s.italic() ? f.deriveFont(f.getStyle() | Font.ITALIC) : f;
    }

    private void layoutText(float width) {
        if (width == laidOutWidth) {
            return;
        }
        laidOutWidth = width;
        Theme t = theme();
        Font base = Fonts.get(bold ? Fonts.Face.BOLD : Fonts.Face.REGULAR, pxf(sizeDp));
        lineHeight = Text.lineHeight(base);
        List<TextLayout> out = new ArrayList<>();
        if (!text.isEmpty()) {
            AttributedString as = new AttributedString(text);
            as.addAttribute(TextAttribute.FONT, base);
            int pos = 0;
            for (Markdown.Span s : spans) {
                int end = pos + s.text().length();
                as.addAttribute(TextAttribute.FONT, fontOf(s), pos, end);
                as.addAttribute(TextAttribute.FOREGROUND, new Color(s.link() != null ? t.primary() : color >= 0 ? color : t.text()), pos, end);
                if (s.link() != null) {
                    as.addAttribute(TextAttribute.UNDERLINE, TextAttribute.UNDERLINE_ON, pos, end);
                }
                if (s.code()) {
                    as.addAttribute(TextAttribute.BACKGROUND, new Color(t.surfaceVariant()), pos, end);
                }
                pos = end;
            }
            LineBreakMeasurer m = new LineBreakMeasurer(as.getIterator(), Text.CONTEXT);
            float wrap = width > 0 ? width : Float.MAX_VALUE / 4;
            while (m.getPosition() < text.length()) {
                TextLayout l = m.nextLayout(wrap);
                out.add(l);
                lineHeight = Math.max(lineHeight, (float) Math.ceil(l.getAscent() + l.getDescent() + l.getLeading()));
            }
        }
        lines = out;
    }

    /** Lines after the last layout: for tests of wrapping. */
    public int lineCount() {
        return lines.size();
    }

    @Override
    protected void onAttached() {
        laidOutWidth = -1;
    }

    @Override
    protected Size onMeasure(Constraints c) {
        layoutText(c.boundedWidth() ? c.maxWidth() : 0);
        float widest = 0;
        for (TextLayout l : lines) {
            widest = Math.max(widest, l.getAdvance());
        }
        return new Size(c.clampWidth((int) Math.ceil(widest)), c.clampHeight((int) Math.ceil(lines.size() * lineHeight)));
    }

    @Override
    protected void onDraw(Canvas canvas) {
        layoutText(width() - paddingLeftPx() - paddingRightPx());
        float y = paddingTopPx();
        for (TextLayout l : lines) {
            canvas.text(l, paddingLeftPx(), y + l.getAscent(), color >= 0 ? color : theme().text());
            y += lineHeight;
        }
    }
}
