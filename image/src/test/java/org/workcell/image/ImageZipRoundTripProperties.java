package org.workcell.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Any tree of files and folders exports and imports back to the same tree, byte for byte. */
class ImageZipRoundTripProperties {
    private static Path base;
    private static final AtomicInteger TRIES = new AtomicInteger();

    @BeforeContainer
    static void makeFolder() throws IOException {
        base = Files.createTempDirectory("imagezip-roundtrip");
    }

    @AfterContainer
    static void removeFolder() {
        Trees.delete(base);
    }

    /** A file or folder to create; a spec that clashes with an earlier one is skipped. */
    record Spec(List<String> path, boolean folder, byte[] content) {
        @Override
        public String toString() {
            return String.join("/", path) + (folder ? "/" : " (" + content.length + " bytes)");
        }
    }

    @Provide
    Arbitrary<List<Spec>> trees() {
        Arbitrary<String> segment = Arbitraries.strings()
                .withChars("abcXYZ019 ._-~+@=,()[]!#$%&'")
                .withChars("éß日本\u00a0")
                .withCharRange('\ud83d', '\ud83d').ofMinLength(1).ofMaxLength(12)
                .map(s -> s.replace("\ud83d", "\ud83d\ude00"))
                .filter(s -> !s.equals(".") && !s.equals(".."));
        Arbitrary<byte[]> content = Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(3000),
                Arbitraries.integers().between(0, 300_000).map(byte[]::new),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(40).map(s -> s.repeat(500).getBytes()));
        Arbitrary<Spec> spec = Combinators.combine(segment.list().ofMinSize(1).ofMaxSize(4), Arbitraries.of(true, false), content)
                .as((path, folder, bytes) -> new Spec(path, folder, folder ? new byte[0] : bytes));
        return spec.list().ofMaxSize(15);
    }

    private static void create(Path root, List<Spec> specs) throws IOException {
        for (Spec spec : specs) {
            Path path = root;
            boolean clash = false;
            for (int i = 0; i < spec.path().size(); i++) {
                path = path.resolve(spec.path().get(i));
                boolean last = i == spec.path().size() - 1;
                if (!last && Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    clash = true;
                    break;
                }
            }
            if (clash || Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            if (spec.folder()) {
                Files.createDirectories(path);
            } else {
                Files.createDirectories(path.getParent());
                Files.write(path, spec.content());
            }
        }
    }

    @Property(tries = 100)
    void exportThenExtractGivesTheSameTree(@ForAll("trees") List<Spec> specs) throws IOException {
        Path work = Files.createDirectory(base.resolve("try" + TRIES.incrementAndGet()));
        try {
            Path tree = Files.createDirectory(work.resolve("tree"));
            create(tree, specs);
            Path zip = work.resolve("image.zip");
            ImageZip.export(tree, zip);
            Path back = work.resolve("back");
            ImageZip.extract(zip, back);
            assertThat(Trees.describe(back)).isEqualTo(Trees.describe(tree));

            Path again = work.resolve("again.zip");
            ImageZip.export(back, again);
            assertThat(Arrays.equals(Files.readAllBytes(again), Files.readAllBytes(zip))).as("same tree, same bytes").isTrue();
        } finally {
            Trees.delete(work);
        }
    }
}
