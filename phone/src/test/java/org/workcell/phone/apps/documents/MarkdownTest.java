package org.workcell.phone.apps.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.workcell.phone.apps.documents.Markdown.Block;
import org.workcell.phone.apps.documents.Markdown.CodeBlock;
import org.workcell.phone.apps.documents.Markdown.Heading;
import org.workcell.phone.apps.documents.Markdown.ListBlock;
import org.workcell.phone.apps.documents.Markdown.Paragraph;
import org.workcell.phone.apps.documents.Markdown.Quote;
import org.workcell.phone.apps.documents.Markdown.Rule;
import org.workcell.phone.apps.documents.Markdown.Span;

class MarkdownTest {
    private static Span plain(String t) {
        return Span.plain(t);
    }

    private static Span bold(String t) {
        return new Span(t, true, false, false, null);
    }

    private static Span italic(String t) {
        return new Span(t, false, true, false, null);
    }

    private static Span code(String t) {
        return new Span(t, false, false, true, null);
    }

    @Test
    void headingsOfEachLevelWithClosingHashesTrimmed() {
        List<Block> blocks = Markdown.parse("# One\n## Two ##\n### Three\n#### Four\n#NoSpace");
        assertThat(blocks).containsExactly(
                new Heading(1, List.of(plain("One"))),
                new Heading(2, List.of(plain("Two"))),
                new Heading(3, List.of(plain("Three"))),
                new Heading(4, List.of(plain("Four"))),
                new Paragraph(List.of(plain("#NoSpace"))));
    }

    @Test
    void paragraphLinesJoinAndBlankLinesSeparate() {
        List<Block> blocks = Markdown.parse("first line\nsecond line\n\n\nnext paragraph\r\nsame one");
        assertThat(blocks).containsExactly(
                new Paragraph(List.of(plain("first line second line"))),
                new Paragraph(List.of(plain("next paragraph same one"))));
    }

    @Test
    void bulletAndNumberedListsWithContinuations() {
        List<Block> blocks = Markdown.parse("- apples\n* pears\n  still pears\n+ plums\n\n3. three\n4) four\n\nafter");
        assertThat(blocks).containsExactly(
                new ListBlock(false, 1, List.of(List.of(plain("apples")), List.of(plain("pears still pears")), List.of(plain("plums")))),
                new ListBlock(true, 3, List.of(List.of(plain("three")), List.of(plain("four")))),
                new Paragraph(List.of(plain("after"))));
    }

    @Test
    void aListSurvivesBlankLinesBetweenItemsAndSwitchingKindStartsANewOne() {
        List<Block> blocks = Markdown.parse("- a\n\n- b\n1. one");
        assertThat(blocks).containsExactly(
                new ListBlock(false, 1, List.of(List.of(plain("a")), List.of(plain("b")))),
                new ListBlock(true, 1, List.of(List.of(plain("one")))));
    }

    @Test
    void aNumberOtherThanOneDoesNotInterruptAParagraph() {
        assertThat(Markdown.parse("We shipped in\n2024. It worked.")).containsExactly(
                new Paragraph(List.of(plain("We shipped in 2024. It worked."))));
    }

    @Test
    void fencedCodeKeepsTextVerbatimAndTheInfoString() {
        List<Block> blocks = Markdown.parse("```java\nint x = 1;\n\n  **not bold**\n```\ntext");
        assertThat(blocks).containsExactly(
                new CodeBlock("java", "int x = 1;\n\n  **not bold**"),
                new Paragraph(List.of(plain("text"))));
    }

    @Test
    void anUnclosedFenceRunsToTheEnd() {
        assertThat(Markdown.parse("~~~\nline 1\nline 2")).containsExactly(new CodeBlock("", "line 1\nline 2"));
    }

    @Test
    void rulesInTheirThreeSpellingsAndNotAsBullets() {
        assertThat(Markdown.parse("---\n* * *\n___\n- item")).containsExactly(
                new Rule(), new Rule(), new Rule(), new ListBlock(false, 1, List.of(List.of(plain("item")))));
    }

    @Test
    void quotes() {
        assertThat(Markdown.parse("> quoted\n> more\n\nplain")).containsExactly(
                new Quote(List.of(plain("quoted more"))), new Paragraph(List.of(plain("plain"))));
    }

    @Test
    void inlineBoldItalicCodeAndLinks() {
        assertThat(Markdown.inline("a **b** *c* `d` [e](http://x.org \"t\") f")).containsExactly(
                plain("a "), bold("b"), plain(" "), italic("c"), plain(" "), code("d"), plain(" "),
                new Span("e", false, false, false, "http://x.org"), plain(" f"));
    }

    @Test
    void boldItalicTogetherAndUnderscores() {
        assertThat(Markdown.inline("***both*** __strong__ _em_")).containsExactly(
                new Span("both", true, true, false, null), plain(" "), bold("strong"), plain(" "), italic("em"));
    }

    @Test
    void delimitersWithoutClosersAndIntrawordUnderscoresStayLiteral() {
        assertThat(Markdown.inline("2 * 3 = 6, snake_case_name, **open, `tick")).containsExactly(
                plain("2 * 3 = 6, snake_case_name, **open, `tick"));
    }

    @Test
    void codeSpansIgnoreEmphasisAndEscapesWork() {
        assertThat(Markdown.inline("`` a `*b*` c `` \\*lit\\*")).containsExactly(code("a `*b*` c"), plain(" *lit*"));
    }

    @Test
    void autolinksAndImagesBecomeLinks() {
        assertThat(Markdown.inline("<https://a.b/c> ![logo](img.png)")).containsExactly(
                new Span("https://a.b/c", false, false, false, "https://a.b/c"), plain(" "),
                new Span("logo", false, false, false, "img.png"));
    }

    @Test
    void plainTextOfADocument() {
        String text = Markdown.plainText(Markdown.parse("# Title\n\nSome **bold** text.\n\n1. one\n2. two\n\n---"));
        assertThat(text).isEqualTo("Title\n\nSome bold text.\n\n1. one\n2. two\n\n---");
    }
}
