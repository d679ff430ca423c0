package org.workcell.phone.apps.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

class MarkdownProperties {
    /** Any text at all, markup characters included, parses without throwing. */
    @Property(tries = 2000)
    void randomInputNeverThrows(@ForAll("markdownish") String source) {
        List<Markdown.Block> blocks = Markdown.parse(source);
        assertThat(Markdown.plainText(blocks)).isNotNull();
    }

    @Property(tries = 500)
    void arbitraryUnicodeNeverThrows(@ForAll @StringLength(max = 400) String source) {
        Markdown.parse(source);
    }

    /** Text without markup comes back as written: paragraphs split at blank lines, lines joined by spaces. */
    @Property(tries = 1000)
    void plainTextRoundTrips(@ForAll("paragraphs") List<List<String>> paragraphs) {
        StringBuilder source = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (List<String> lines : paragraphs) {
            if (!source.isEmpty()) {
                source.append("\n\n");
            }
            source.append(String.join("\n", lines));
            expected.add(String.join(" ", lines));
        }
        List<Markdown.Block> blocks = Markdown.parse(source.toString());
        assertThat(blocks).allMatch(b -> b instanceof Markdown.Paragraph);
        assertThat(Markdown.plainText(blocks)).isEqualTo(String.join("\n\n", expected));
    }

    /** Inline parsing only removes markup: every character of plain words survives, in order. */
    @Property(tries = 1000)
    void inlineKeepsWords(@ForAll("paragraphs") List<List<String>> paragraphs) {
        String line = String.join(" ", paragraphs.getFirst());
        assertThat(Markdown.text(Markdown.inline(line))).isEqualTo(line);
        assertThat(Markdown.text(Markdown.inline("**" + line + "**"))).isEqualTo(line);
    }

    @Provide
    Arbitrary<String> markdownish() {
        return Arbitraries.strings().withChars("#*_`-+>[]()!<>\\~ \n\t1.a)xyz:/\r").ofMaxLength(300);
    }

    @Provide
    Arbitrary<List<List<String>>> paragraphs() {
        Arbitrary<String> word = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withChars("éß,.;:'?").ofMinLength(1).ofMaxLength(10)
                .filter(w -> Character.isLetter(w.charAt(0)));
        Arbitrary<String> line = word.list().ofMinSize(1).ofMaxSize(8).map(ws -> String.join(" ", ws));
        return line.list().ofMinSize(1).ofMaxSize(4).list().ofMinSize(1).ofMaxSize(5);
    }
}
