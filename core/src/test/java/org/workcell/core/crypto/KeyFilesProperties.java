package org.workcell.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Fuzzing the key file reader: whatever a damaged file holds, the answer is a working pair or an IOException. */
class KeyFilesProperties {
    private static final KeyPair PAIR = Ed25519.generate();
    private static final String VALID = KeyFilesTest.pemOf(PAIR);
    private static final byte[] PROBE = "probe".getBytes(StandardCharsets.UTF_8);

    private static Path dir;

    @BeforeContainer
    static void makeFolder() throws IOException {
        dir = Files.createTempDirectory("keyfiles-fuzz");
    }

    @AfterContainer
    static void removeFolder() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    record Edit(int kind, int position, char c, int length) {
        String apply(String text) {
            int at = text.isEmpty() ? 0 : position % (text.length() + 1);
            return switch (kind) {
                case 0 -> text.isEmpty() ? text : text.substring(0, Math.min(at, text.length() - 1)) + c
                        + text.substring(Math.min(at, text.length() - 1) + 1);
                case 1 -> text.substring(0, at) + c + text.substring(at);
                case 2 -> text.substring(0, at) + text.substring(Math.min(text.length(), at + length));
                default -> text.substring(0, at);
            };
        }
    }

    @Provide
    Arbitrary<List<Edit>> edits() {
        Arbitrary<Character> chars = Arbitraries.oneOf(
                Arbitraries.chars().with("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=\n-"),
                Arbitraries.chars().range('\u0000', '\u00ff'));
        Arbitrary<Edit> edit = Combinators.combine(
                Arbitraries.integers().between(0, 3).withDistribution(net.jqwik.api.RandomDistribution.uniform()),
                Arbitraries.integers().between(0, 1000),
                chars,
                Arbitraries.integers().between(1, 40))
                .as(Edit::new);
        return edit.list().ofMinSize(1).ofMaxSize(4);
    }

    @Property(tries = 500)
    void aDamagedKeyFileLoadsAsAMatchingPairOrFailsWithIOException(@ForAll("edits") List<Edit> edits) throws IOException {
        String text = VALID;
        for (Edit edit : edits) {
            text = edit.apply(text);
        }
        Path file = Files.createTempFile(dir, "key", ".pem", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(file, text.getBytes(StandardCharsets.ISO_8859_1));

        KeyPair loaded;
        try {
            loaded = KeyFiles.load(file);
        } catch (IOException expected) {
            return;
        } finally {
            Files.delete(file);
        }
        // Whatever survived the damage must still be one consistent Ed25519 key pair.
        assertThat(Ed25519.verify(loaded.getPublic(), PROBE, Ed25519.sign(loaded.getPrivate(), PROBE))).isTrue();
    }
}
