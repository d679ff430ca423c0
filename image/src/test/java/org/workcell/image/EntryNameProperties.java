package org.workcell.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.workcell.image.internal.EntryName;

/** The entry-name parser: a name is refused with an ImageZipException, or it lands inside the root. */
class EntryNameProperties {
    private static final Path ROOT = Path.of("/srv/images/.image.partial-0123").toAbsolutePath();

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("/\\.:aZ0 -_\u0000\n\t\u007f\u0085é日\u202e").ofMaxLength(24),
                Arbitraries.strings().withChars("/.a").ofMaxLength(12),
                Arbitraries.strings().all().ofMaxLength(10),
                Arbitraries.of("..", "../", "a/../b", "/", "//", "C:", "C:\\", "\\\\?\\C:\\x", "a/./b", ".", "./", "...", "..a", "a..", ".a/", "a/b/"));
    }

    @Property(tries = 3000)
    void aNameIsRefusedOrStaysInsideTheRoot(@ForAll("names") String name) {
        EntryName parsed;
        try {
            parsed = EntryName.parse(name, 64);
        } catch (ImageZipException e) {
            assertThat(e.entry()).contains(name);
            assertThat(e.getMessage()).startsWith("entry \"").doesNotContain("\u0000", "\n", "\u0085");
            return;
        }
        assertThat(parsed.segments()).isNotEmpty().doesNotContain("", ".", "..");
        assertThat(String.join("/", parsed.segments()) + (parsed.directory() ? "/" : "")).isEqualTo(name);
        assertThat(name).doesNotContain("\\", "\u0000", "\n").doesNotStartWith("/");
        Path resolved;
        try {
            resolved = parsed.resolveUnder(ROOT);
        } catch (ImageZipException e) {
            return;
        }
        assertThat(resolved.normalize()).startsWithRaw(ROOT).isNotEqualTo(ROOT);
        assertThat(ROOT.relativize(resolved).getNameCount()).isEqualTo(parsed.segments().size());
    }

    @Example
    void unusualButHarmlessNamesAreAccepted() throws ImageZipException {
        for (String ok : new String[] {"...", "..a", "a..", ".hidden", "a b/c", "日本/語", "ab:c", "-rf", "~user"}) {
            assertThat(EntryName.parse(ok, 64).resolveUnder(ROOT)).startsWithRaw(ROOT);
        }
    }
}
