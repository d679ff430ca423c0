package org.workcell.core.crypto;

import static java.nio.file.attribute.PosixFilePermission.OWNER_READ;
import static java.nio.file.attribute.PosixFilePermission.OWNER_WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class KeyFilesTest {
    private static final byte[] DATA = "check-in".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void loadOrCreateCreatesAFileReadableByItsOwnerOnly() throws IOException {
        Path file = dir.resolve("lease-signing.pem");

        KeyFiles.loadOrCreate(file);

        assertThat(file).isRegularFile();
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(OWNER_READ, OWNER_WRITE);
    }

    @Test
    void loadOrCreateReturnsTheSamePairOnTheNextCall() throws IOException {
        Path file = dir.resolve("key.pem");

        KeyPair first = KeyFiles.loadOrCreate(file);
        byte[] stored = Files.readAllBytes(file);
        KeyPair second = KeyFiles.loadOrCreate(file);

        assertThat(second.getPublic().getEncoded()).isEqualTo(first.getPublic().getEncoded());
        assertThat(second.getPrivate().getEncoded()).isEqualTo(first.getPrivate().getEncoded());
        assertThat(Ed25519.verify(first.getPublic(), DATA, Ed25519.sign(second.getPrivate(), DATA))).isTrue();
        assertThat(Files.readAllBytes(file)).as("an existing key is not rewritten").isEqualTo(stored);
    }

    @Test
    void loadOrCreateMakesDifferentKeysForDifferentFiles() throws IOException {
        KeyPair a = KeyFiles.loadOrCreate(dir.resolve("a.pem"));
        KeyPair b = KeyFiles.loadOrCreate(dir.resolve("b.pem"));

        assertThat(Ed25519.keyId(a.getPublic())).isNotEqualTo(Ed25519.keyId(b.getPublic()));
    }

    @Test
    void loadOrCreateCreatesMissingParentFolders() throws IOException {
        Path file = dir.resolve("data").resolve("keys").resolve("key.pem");

        KeyPair pair = KeyFiles.loadOrCreate(file);

        assertThat(KeyFiles.load(file).getPublic().getEncoded()).isEqualTo(pair.getPublic().getEncoded());
    }

    @Test
    void writeLeavesNoTemporaryFilesBehind() throws IOException {
        Path file = dir.resolve("key.pem");
        KeyFiles.write(file, Ed25519.generate(), false);
        KeyFiles.write(file, Ed25519.generate(), true);
        assertThatThrownBy(() -> KeyFiles.write(file, Ed25519.generate(), false));

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void writtenFileIsPemWithAPrivateThenAPublicBlockOfAtMost64ColumnLines() throws IOException {
        Path file = dir.resolve("key.pem");
        KeyPair pair = Ed25519.generate();

        KeyFiles.write(file, pair, false);

        String text = Files.readString(file, StandardCharsets.US_ASCII);
        assertThat(text).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        assertThat(text.indexOf("-----END PRIVATE KEY-----")).isLessThan(text.indexOf("-----BEGIN PUBLIC KEY-----"));
        assertThat(text.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(64));
        String publicBody = text.substring(text.indexOf("-----BEGIN PUBLIC KEY-----") + 26, text.indexOf("-----END PUBLIC KEY-----"));
        assertThat(Base64.getMimeDecoder().decode(publicBody)).isEqualTo(pair.getPublic().getEncoded());
    }

    @Test
    void writeWithoutReplaceRefusesToOverwriteAnExistingKey() throws IOException {
        Path file = dir.resolve("key.pem");
        KeyPair original = Ed25519.generate();
        KeyFiles.write(file, original, false);
        byte[] before = Files.readAllBytes(file);

        assertThatThrownBy(() -> KeyFiles.write(file, Ed25519.generate(), false))
                .isInstanceOf(FileAlreadyExistsException.class);

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(KeyFiles.load(file).getPublic().getEncoded()).isEqualTo(original.getPublic().getEncoded());
    }

    @Test
    void writeWithoutReplaceRefusesToOverwriteAnyExistingFile() throws IOException {
        Path file = dir.resolve("key.pem");
        Files.writeString(file, "someone else's file");

        assertThatThrownBy(() -> KeyFiles.write(file, Ed25519.generate(), false))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(file)).isEqualTo("someone else's file");
    }

    @Test
    void writeWithReplaceOverwritesAndKeepsTheFileOwnerOnly() throws IOException {
        Path file = dir.resolve("key.pem");
        KeyFiles.write(file, Ed25519.generate(), false);
        KeyPair replacement = Ed25519.generate();

        KeyFiles.write(file, replacement, true);

        assertThat(KeyFiles.load(file).getPublic().getEncoded()).isEqualTo(replacement.getPublic().getEncoded());
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(OWNER_READ, OWNER_WRITE);
    }

    @ParameterizedTest
    @EnumSource(value = PosixFilePermission.class, names = {"GROUP_.*", "OTHERS_.*"}, mode = EnumSource.Mode.MATCH_ANY)
    void loadRefusesAFileThatGroupOrOthersHaveAnyPermissionOn(PosixFilePermission extra) throws IOException {
        Path file = dir.resolve("key.pem");
        KeyFiles.write(file, Ed25519.generate(), false);
        Set<PosixFilePermission> perms = EnumSet.of(OWNER_READ, OWNER_WRITE, extra);
        Files.setPosixFilePermissions(file, perms);

        assertThatThrownBy(() -> KeyFiles.load(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("chmod 600")
                .hasMessageContaining(file.toString())
                .hasMessageContaining(PosixFilePermissions.toString(perms));
    }

    @Test
    void loadOrCreateRefusesAWorldReadableKeyInsteadOfReplacingIt() throws IOException {
        Path file = dir.resolve("key.pem");
        KeyFiles.write(file, Ed25519.generate(), false);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        byte[] before = Files.readAllBytes(file);

        assertThatThrownBy(() -> KeyFiles.loadOrCreate(file)).isInstanceOf(IOException.class).hasMessageContaining("chmod 600");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void loadAcceptsAReadOnlyOwnerOnlyFile() throws IOException {
        Path file = dir.resolve("key.pem");
        KeyPair pair = Ed25519.generate();
        KeyFiles.write(file, pair, false);
        Files.setPosixFilePermissions(file, EnumSet.of(OWNER_READ));

        assertThat(KeyFiles.load(file).getPublic().getEncoded()).isEqualTo(pair.getPublic().getEncoded());
    }

    @Test
    void loadFindsBlocksByTheirLabelsNotTheirOrder() throws IOException {
        Path file = dir.resolve("key.pem");
        KeyPair pair = Ed25519.generate();
        String text = pemOf(pair);
        int split = text.indexOf("-----BEGIN PUBLIC KEY-----");
        Files.writeString(file, "comment\n" + text.substring(split) + text.substring(0, split), StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(file, EnumSet.of(OWNER_READ, OWNER_WRITE));

        assertThat(KeyFiles.load(file).getPrivate().getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
    }

    @Test
    void loadOfAMissingFileIsAnIOException() {
        assertThatThrownBy(() -> KeyFiles.load(dir.resolve("absent.pem"))).isInstanceOf(IOException.class);
    }

    static Stream<Named<UnaryOperator<String>>> damages() throws Exception {
        String otherTypePem = pemOf(KeyPairGenerator.getInstance("Ed448").generateKeyPair());
        String ecPem = pemOf(KeyPairGenerator.getInstance("EC").generateKeyPair());
        String foreignPair = pemOf(Ed25519.generate());
        return Stream.of(
                Named.of("empty file", text -> ""),
                Named.of("not PEM at all", text -> "hello, world\n"),
                Named.of("first half only", text -> text.substring(0, text.length() / 2)),
                Named.of("private block only", text -> text.substring(0, text.indexOf("-----BEGIN PUBLIC KEY-----"))),
                Named.of("public block only", text -> text.substring(text.indexOf("-----BEGIN PUBLIC KEY-----"))),
                Named.of("labels swapped", text -> text.replace("PRIVATE", "TMP").replace("PUBLIC", "PRIVATE").replace("TMP", "PUBLIC")),
                Named.of("END before BEGIN", text -> text.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----",
                        "-----END PRIVATE KEY-----\n-----BEGIN PRIVATE KEY-----")),
                Named.of("base64 cut short", text -> text.replaceFirst("(?s)(-----BEGIN PRIVATE KEY-----\n)....", "$1")),
                Named.of("base64 with bad padding", text -> text.replaceFirst("(?s)(-----BEGIN PRIVATE KEY-----\n)", "$1A===")),
                Named.of("Ed448 key pair", text -> otherTypePem),
                Named.of("EC key pair", text -> ecPem),
                Named.of("private key of another pair", text -> foreignPair.substring(0, foreignPair.indexOf("-----BEGIN PUBLIC KEY-----"))
                        + text.substring(text.indexOf("-----BEGIN PUBLIC KEY-----"))),
                Named.of("public key of another pair", text -> text.substring(0, text.indexOf("-----BEGIN PUBLIC KEY-----"))
                        + foreignPair.substring(foreignPair.indexOf("-----BEGIN PUBLIC KEY-----"))));
    }

    @ParameterizedTest
    @MethodSource("damages")
    void loadOfADamagedFileIsAnIOException(UnaryOperator<String> damage) throws IOException {
        Path file = dir.resolve("key.pem");
        KeyFiles.write(file, Ed25519.generate(), false);
        Files.writeString(file, damage.apply(Files.readString(file, StandardCharsets.US_ASCII)), StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> KeyFiles.load(file)).isInstanceOf(IOException.class).hasMessageContaining(file.toString());
    }

    @Test
    void loadOfAFileThatIsNotAsciiIsAnIOException() throws IOException {
        Path file = dir.resolve("key.pem");
        KeyFiles.write(file, Ed25519.generate(), false);
        Files.write(file, List.of("-----BEGIN PRIVATE KEY-----", "\u00ff\u00fe", "-----END PRIVATE KEY-----"), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> KeyFiles.load(file)).isInstanceOf(IOException.class);
    }

    /** The file format, written independently of KeyFiles so that damaged variants can be made. */
    static String pemOf(KeyPair pair) {
        Base64.Encoder mime = Base64.getMimeEncoder(64, new byte[] {'\n'});
        return "-----BEGIN PRIVATE KEY-----\n" + mime.encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n"
                + "-----BEGIN PUBLIC KEY-----\n" + mime.encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }
}
