package org.workcell.phone.apps.documents;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small Markdown block parser for the Documents viewer: ATX headings, paragraphs, bullet and
 * numbered lists, fenced code blocks, horizontal rules and block quotes, with inline bold,
 * italic, code spans and links. It never throws on any input: what it does not understand is
 * shown as the text it is.
 */
public final class Markdown {
    /** A run of text with one style. {@code link} is the target of a link, or null. */
    public record Span(String text, boolean bold, boolean italic, boolean code, String link) {
        public static Span plain(String text) {
            return new Span(text, false, false, false, null);
        }

        boolean sameStyle(Span o) {
            return bold == o.bold && italic == o.italic && code == o.code && java.util.Objects.equals(link, o.link);
        }
    }

    public sealed interface Block permits Heading, Paragraph, ListBlock, CodeBlock, Rule, Quote {}

    /** {@code # Title}: level 1 to 6. */
    public record Heading(int level, List<Span> spans) implements Block {}

    public record Paragraph(List<Span> spans) implements Block {}

    /** A bullet list, or (ordered) a numbered list starting at {@code start}. */
    public record ListBlock(boolean ordered, int start, List<List<Span>> items) implements Block {}

    /** A fenced code block; {@code language} is the info string after the fence (may be empty). */
    public record CodeBlock(String language, String code) implements Block {}

    /** A horizontal rule ({@code ---}, {@code ***}, {@code ___}). */
    public record Rule() implements Block {}

    /** {@code > quoted} lines, as one paragraph of text. */
    public record Quote(List<Span> spans) implements Block {}

    private static final Pattern HEADING = Pattern.compile(" {0,3}(#{1,6})(?:[ \\t]+(.*?))?(?:[ \\t]+#+)?[ \\t]*");
    private static final Pattern RULE = Pattern.compile(" {0,3}(?:(?:\\*[ \\t]*){3,}|(?:-[ \\t]*){3,}|(?:_[ \\t]*){3,})");
    private static final Pattern BULLET = Pattern.compile(" {0,3}[-*+](?:[ \\t]+(.*)|[ \\t]*)");
    private static final Pattern NUMBERED = Pattern.compile(" {0,3}(\\d{1,9})[.)](?:[ \\t]+(.*)|[ \\t]*)");
    private static final Pattern FENCE = Pattern.compile(" {0,3}(`{3,}|~{3,})[ \\t]*([^`]*?)[ \\t]*");
    private static final Pattern QUOTE = Pattern.compile(" {0,3}>[ ]?(.*)");
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private Markdown() {}

    /** Parses a whole document into blocks. */
    public static List<Block> parse(String source) {
        String[] lines = source.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        List<Block> blocks = new ArrayList<>();
        StringBuilder paragraph = null;
        StringBuilder quote = null;
        List<StringBuilder> items = null;
        boolean ordered = false;
        int start = 1;
        int i = 0;
        while (i < lines.length) {
            String line = lines[i].replace("\u0000", "\uFFFD");
            Matcher m;
            if (line.isBlank()) {
                paragraph = flushParagraph(blocks, paragraph);
                quote = flushQuote(blocks, quote);
                // A blank line ends a list unless the next line carries on with another item.
                if (items != null && !(i + 1 < lines.length && startsItem(lines[i + 1], ordered))) {
                    blocks.add(list(ordered, start, items));
                    items = null;
                }
                i++;
                continue;
            }
            if ((m = FENCE.matcher(line)).matches() && !(m.group(1).charAt(0) == '`' && m.group(2).contains("`"))) {
                paragraph = flushParagraph(blocks, paragraph);
                quote = flushQuote(blocks, quote);
                items = flushList(blocks, items, ordered, start);
                String fence = m.group(1);
                int indent = line.indexOf(fence.charAt(0));
                StringBuilder code = new StringBuilder();
                boolean first = true;
                i++;
                while (i < lines.length && !isClosingFence(lines[i], fence)) {
                    if (!first) {
                        code.append('\n');
                    }
                    first = false;
                    code.append(stripIndent(lines[i].replace("\u0000", "\uFFFD"), indent));
                    i++;
                }
                i++; // the closing fence (or the end)
                blocks.add(new CodeBlock(m.group(2).strip(), code.toString()));
                continue;
            }
            if ((m = HEADING.matcher(line)).matches()) {
                paragraph = flushParagraph(blocks, paragraph);
                quote = flushQuote(blocks, quote);
                items = flushList(blocks, items, ordered, start);
                String text = m.group(2) == null ? "" : m.group(2);
                blocks.add(new Heading(m.group(1).length(), inline(text)));
                i++;
                continue;
            }
            if (RULE.matcher(line).matches()) {
                paragraph = flushParagraph(blocks, paragraph);
                quote = flushQuote(blocks, quote);
                items = flushList(blocks, items, ordered, start);
                blocks.add(new Rule());
                i++;
                continue;
            }
            Matcher bullet = BULLET.matcher(line);
            Matcher numbered = NUMBERED.matcher(line);
            boolean isBullet = bullet.matches();
            // A numbered line interrupts a paragraph only when it starts at 1, as in CommonMark.
            boolean isNumbered = !isBullet && numbered.matches() && (paragraph == null || items != null || numbered.group(1).equals("1"));
            if (isBullet || isNumbered) {
                paragraph = flushParagraph(blocks, paragraph);
                quote = flushQuote(blocks, quote);
                if (items != null && ordered != isNumbered) {
                    items = flushList(blocks, items, ordered, start);
                }
                if (items == null) {
                    items = new ArrayList<>();
                    ordered = isNumbered;
                    start = isNumbered ? parseStart(numbered.group(1)) : 1;
                }
                String text = isBullet ? bullet.group(1) : numbered.group(2);
                items.add(new StringBuilder(text == null ? "" : text.strip()));
                i++;
                continue;
            }
            if ((m = QUOTE.matcher(line)).matches() && items == null) {
                paragraph = flushParagraph(blocks, paragraph);
                quote = append(quote, m.group(1));
                i++;
                continue;
            }
            if (items != null) {
                // Continuation of the last item (indented or lazy).
                append(items.getLast(), line);
                i++;
                continue;
            }
            if (quote != null) {
                append(quote, line); // lazy continuation of a quote
                i++;
                continue;
            }
            paragraph = append(paragraph, line);
            i++;
        }
        flushParagraph(blocks, paragraph);
        flushQuote(blocks, quote);
        flushList(blocks, items, ordered, start);
        return List.copyOf(blocks);
    }

    private static boolean startsItem(String line, boolean ordered) {
        return ordered ? NUMBERED.matcher(line).matches() : BULLET.matcher(line).matches() && !RULE.matcher(line).matches();
    }

    private static int parseStart(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static boolean isClosingFence(String line, String fence) {
        String s = line.strip();
        if (s.length() < fence.length() || line.length() - line.stripLeading().length() > 3) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            if (s.charAt(k) != fence.charAt(0)) {
                return false;
            }
        }
        return true;
    }

    private static String stripIndent(String line, int indent) {
        int k = 0;
        while (k < indent && k < line.length() && line.charAt(k) == ' ') {
            k++;
        }
        return line.substring(k);
    }

    private static StringBuilder append(StringBuilder sb, String line) {
        String s = line.strip();
        if (sb == null) {
            return new StringBuilder(s);
        }
        if (!sb.isEmpty() && !s.isEmpty()) {
            sb.append(' ');
        }
        return sb.append(s);
    }

    private static StringBuilder flushParagraph(List<Block> blocks, StringBuilder paragraph) {
        if (paragraph != null) {
            blocks.add(new Paragraph(inline(paragraph.toString())));
        }
        return null;
    }

    private static StringBuilder flushQuote(List<Block> blocks, StringBuilder quote) {
        if (quote != null) {
            blocks.add(new Quote(inline(quote.toString())));
        }
        return null;
    }

    private static List<StringBuilder> flushList(List<Block> blocks, List<StringBuilder> items, boolean ordered, int start) {
        if (items != null) {
            blocks.add(list(ordered, start, items));
        }
        return null;
    }

    private static ListBlock list(boolean ordered, int start, List<StringBuilder> items) {
        List<List<Span>> parsed = new ArrayList<>();
        for (StringBuilder item : items) {
            parsed.add(inline(item.toString()));
        }
        return new ListBlock(ordered, start, List.copyOf(parsed));
    }

    // ---- inline ---------------------------------------------------------------------------------

    /** Splits one block's text into styled runs: {@code **bold**}, {@code *italic*}, {@code `code`}, {@code [text](url)}. */
    public static List<Span> inline(String text) {
        List<Span> out = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        boolean bold = false;
        boolean italic = false;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < n && PUNCTUATION.indexOf(text.charAt(i + 1)) >= 0) {
                run.append(text.charAt(i + 1));
                i += 2;
                continue;
            }
            if (c == '`') {
                int ticks = count(text, i, '`');
                int close = findTicks(text, i + ticks, ticks);
                if (close >= 0) {
                    flush(out, run, bold, italic);
                    String code = text.substring(i + ticks, close);
                    if (code.length() >= 2 && code.startsWith(" ") && code.endsWith(" ") && !code.isBlank()) {
                        code = code.substring(1, code.length() - 1);
                    }
                    add(out, new Span(code, bold, italic, true, null));
                    i = close + ticks;
                    continue;
                }
                run.append(text, i, i + ticks); // no closing run: literal backticks
                i += ticks;
                continue;
            }
            if (c == '[' || c == '!' && i + 1 < n && text.charAt(i + 1) == '[') {
                int open = c == '!' ? i + 1 : i;
                int close = text.indexOf("](", open + 1);
                int end = close < 0 ? -1 : text.indexOf(')', close + 2);
                int nested = text.indexOf('[', open + 1);
                if (close > open + 1 && end > close && (nested < 0 || nested > close)) {
                    String label = text.substring(open + 1, close);
                    String url = text.substring(close + 2, end).strip();
                    int space = url.indexOf(' ');
                    if (space > 0) {
                        url = url.substring(0, space); // drop a title: [x](url "title")
                    }
                    flush(out, run, bold, italic);
                    add(out, new Span(label, bold, italic, false, url));
                    i = end + 1;
                    continue;
                }
            }
            if (c == '<') {
                int end = text.indexOf('>', i + 1);
                if (end > i + 1) {
                    String inside = text.substring(i + 1, end);
                    if ((inside.startsWith("http://") || inside.startsWith("https://") || inside.startsWith("mailto:")) && inside.indexOf(' ') < 0) {
                        flush(out, run, bold, italic);
                        add(out, new Span(inside.startsWith("mailto:") ? inside.substring(7) : inside, bold, italic, false, inside));
                        i = end + 1;
                        continue;
                    }
                }
            }
            if (c == '*' || c == '_') {
                int count = count(text, i, c);
                boolean intraword = c == '_' && i > 0 && Character.isLetterOrDigit(text.charAt(i - 1))
                        && i + count < n && Character.isLetterOrDigit(text.charAt(i + count));
                if (!intraword) {
                    int use = Math.min(count, 3);
                    boolean toggled = false;
                    if (use >= 2 && (bold ? true : opens(text, i, c, 2))) {
                        flush(out, run, bold, italic);
                        bold = !bold;
                        use -= 2;
                        i += 2;
                        toggled = true;
                    }
                    if (use >= 1 && (italic ? true : opens(text, i, c, 1))) {
                        flush(out, run, bold, italic);
                        italic = !italic;
                        i += 1;
                        toggled = true;
                    }
                    if (toggled) {
                        continue;
                    }
                }
                run.append(text, i, i + count);
                i += count;
                continue;
            }
            run.append(c);
            i++;
        }
        flush(out, run, bold, italic);
        return List.copyOf(out);
    }

    /** Whether a delimiter run of {@code width} at {@code i} opens: text follows, and a closer comes later. */
    private static boolean opens(String text, int i, char c, int width) {
        int after = i + width;
        if (after >= text.length() || Character.isWhitespace(text.charAt(after))) {
            return false;
        }
        String closer = String.valueOf(c).repeat(width);
        int from = after + 1;
        while (true) {
            int k = text.indexOf(closer, from);
            if (k < 0) {
                return false;
            }
            if (!Character.isWhitespace(text.charAt(k - 1)) && (width == 2 || !(k + 1 < text.length() && text.charAt(k + 1) == c) || k + 2 < text.length() && text.charAt(k + 2) == c)) {
                return true;
            }
            from = k + width;
        }
    }

    private static int count(String text, int i, char c) {
        int k = i;
        while (k < text.length() && text.charAt(k) == c) {
            k++;
        }
        return k - i;
    }

    private static int findTicks(String text, int from, int ticks) {
        int k = from;
        while (k < text.length()) {
            int at = text.indexOf('`', k);
            if (at < 0) {
                return -1;
            }
            int run = count(text, at, '`');
            if (run == ticks) {
                return at;
            }
            k = at + run;
        }
        return -1;
    }

    private static void flush(List<Span> out, StringBuilder run, boolean bold, boolean italic) {
        if (!run.isEmpty()) {
            add(out, new Span(run.toString(), bold, italic, false, null));
            run.setLength(0);
        }
    }

    private static void add(List<Span> out, Span span) {
        if (span.text().isEmpty()) {
            return;
        }
        if (!out.isEmpty() && out.getLast().sameStyle(span)) {
            Span last = out.removeLast();
            out.add(new Span(last.text() + span.text(), span.bold(), span.italic(), span.code(), span.link()));
        } else {
            out.add(span);
        }
    }

    // ---- text -----------------------------------------------------------------------------------

    /** The text of a run list, without styling. */
    public static String text(List<Span> spans) {
        StringBuilder sb = new StringBuilder();
        for (Span s : spans) {
            sb.append(s.text());
        }
        return sb.toString();
    }

    /** The document's text, without markup: blocks separated by blank lines, list items by newlines. */
    public static String plainText(List<Block> blocks) {
        StringBuilder sb = new StringBuilder();
        for (Block b : blocks) {
            if (!sb.isEmpty()) {
                sb.append("\n\n");
            }
            switch (b) {
                case Heading h -> sb.append(text(h.spans()));
                case Paragraph p -> sb.append(text(p.spans()));
                case Quote q -> sb.append(text(q.spans()));
                case CodeBlock c -> sb.append(c.code());
                case Rule r -> sb.append("---");
                case ListBlock l -> {
                    for (int k = 0; k < l.items().size(); k++) {
                        if (k > 0) {
                            sb.append('\n');
                        }
                        sb.append(l.ordered() ? (l.start() + k) + ". " : "• ").append(text(l.items().get(k)));
                    }
                }
            }
        }
        return sb.toString();
    }
}
