package org.workcell.sdk.ui;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.font.LineBreakMeasurer;
import java.awt.font.TextAttribute;
import java.awt.font.TextLayout;
import java.text.AttributedString;
import java.util.ArrayList;
import java.util.List;

/**
 * Text set out in lines: wrapped at word boundaries to a width, cut to a number of lines with an
 * ellipsis. Shared by labels, buttons and text fields so that all text on the phone measures and
 * breaks the same way.
 */
public final class Text {
    /** The rendering context every measurement uses: antialiased with fractional metrics, as painted. */
    public static final FontRenderContext CONTEXT = new FontRenderContext(null, true, true);
    private static final String ELLIPSIS = "…";

    /** One laid-out line: its characters {@code [start, end)} of the text and its layout (null when empty). */
    public record Line(int start, int end, TextLayout layout, float width) {}

    /** Lines of text and their total size. */
    public record Block(List<Line> lines, float width, float lineHeight, float ascent) {
        public float height() {
            return lines.size() * lineHeight;
        }
    }

    private Text() {}

    /** Breaks {@code text} into at most {@code maxLines} lines no wider than {@code maxWidth} (0 or less: unlimited). */
    public static Block layout(String text, Font font, float maxWidth, int maxLines) {
        float ascent = font.getLineMetrics("Ag", CONTEXT).getAscent();
        float lineHeight = lineHeight(font);
        List<Line> lines = new ArrayList<>();
        float widest = 0;
        int limit = maxLines <= 0 ? Integer.MAX_VALUE : maxLines;
        int paragraphStart = 0;
        while (paragraphStart <= text.length() && lines.size() < limit) {
            int newline = text.indexOf('\n', paragraphStart);
            int paragraphEnd = newline < 0 ? text.length() : newline;
            String paragraph = text.substring(paragraphStart, paragraphEnd);
            if (paragraph.isEmpty()) {
                lines.add(new Line(paragraphStart, paragraphStart, null, 0));
            } else if (maxWidth <= 0) {
                TextLayout tl = new TextLayout(paragraph, font, CONTEXT);
                lines.add(new Line(paragraphStart, paragraphEnd, tl, tl.getAdvance()));
            } else {
                AttributedString attributed = new AttributedString(paragraph);
                attributed.addAttribute(TextAttribute.FONT, font);
                LineBreakMeasurer measurer = new LineBreakMeasurer(attributed.getIterator(), CONTEXT);
                while (measurer.getPosition() < paragraph.length() && lines.size() < limit) {
                    int start = measurer.getPosition();
                    TextLayout tl = measurer.nextLayout(maxWidth);
                    int end = measurer.getPosition();
                    lines.add(new Line(paragraphStart + start, paragraphStart + end, tl, tl.getAdvance()));
                }
                if (measurer.getPosition() < paragraph.length()) {
                    paragraphEnd = paragraphStart + measurer.getPosition(); // cut: more text follows
                    newline = paragraphEnd;
                }
            }
            if (newline < 0) {
                break;
            }
            if (lines.size() >= limit) {
                // The text goes on beyond the last line shown: end it with an ellipsis.
                if (paragraphEnd < text.length()) {
                    Line last = lines.removeLast();
                    lines.add(ellipsize(text, last, font, maxWidth));
                }
                break;
            }
            paragraphStart = newline + 1;
        }
        for (Line l : lines) {
            widest = Math.max(widest, l.width());
        }
        return new Block(List.copyOf(lines), widest, lineHeight, ascent);
    }

    private static Line ellipsize(String text, Line last, Font font, float maxWidth) {
        String base = text.substring(last.start(), last.end()).stripTrailing();
        for (int end = base.length(); end >= 0; end--) {
            String candidate = base.substring(0, end).stripTrailing() + ELLIPSIS;
            TextLayout tl = new TextLayout(candidate, font, CONTEXT);
            if (maxWidth <= 0 || tl.getAdvance() <= maxWidth || end == 0) {
                return new Line(last.start(), last.start() + end, tl, tl.getAdvance());
            }
        }
        throw new AssertionError("unreachable");
    }

    /** The distance between two baselines for this font. */
    public static float lineHeight(Font font) {
        var m = font.getLineMetrics("Ag", CONTEXT);
        return (float) Math.ceil(m.getAscent() + m.getDescent() + m.getLeading() + font.getSize2D() * 0.15f);
    }

    /** The advance of one line of text (no wrapping). */
    public static float width(String text, Font font) {
        return text.isEmpty() ? 0 : new TextLayout(text, font, CONTEXT).getAdvance();
    }
}
