package org.workcell.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.workcell.image.ImageZip.Limits;
import org.workcell.image.RawZip.Entry;

/**
 * Importing zips from anywhere: every malicious or broken archive is refused with an
 * ImageZipException that says what was wrong, and leaves the disk exactly as it was.
 */
class ImageZipExtractTest {
    private static final Limits DEFAULTS = Limits.DEFAULTS;

    @TempDir
    Path dir;
    Path sandbox;
    Path target;

    @BeforeEach
    void setUp() throws IOException {
        sandbox = Files.createDirectories(dir.resolve("sandbox"));
        target = sandbox.resolve("image");
    }

    // ---- helpers -------------------------------------------------------------------------

    private Path write(byte[] zip) throws IOException {
        return Files.write(dir.resolve("in.zip"), zip);
    }

    /** Extracts, expecting refusal, and checks that nothing on disk changed. */
    private ImageZipException refused(byte[] zip, Limits limits) throws IOException {
        Path file = write(zip);
        Map<String, String> before = Trees.describe(dir);
        Throwable thrown = catchThrowable(() -> ImageZip.extract(file, target, limits));
        assertThat(thrown).isInstanceOf(ImageZipException.class);
        assertThat(Trees.describe(dir)).as("disk after a refused import").isEqualTo(before);
        assertThat(sandbox).isEmptyDirectory();
        return (ImageZipException) thrown;
    }

    private ImageZipException refused(RawZip zip) throws IOException {
        return refused(zip.build(), DEFAULTS);
    }

    private Map<String, String> extracted(byte[] zip) throws IOException {
        ImageZip.extract(write(zip), target);
        try (var listing = Files.list(sandbox)) {
            assertThat(listing.toList()).as("nothing but the target beside it").containsExactly(target);
        }
        return Trees.describe(target);
    }

    private static String hex(String s) {
        return "file " + java.util.HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8));
    }

    // ---- valid archives ------------------------------------------------------------------

    @Test
    void aValidRawZipExtracts() throws IOException {
        var zip = RawZip.of(RawZip.folder("a/"), RawZip.stored("a/x.txt", "hello"),
                RawZip.deflated("b/y.txt", "deflated text".getBytes(StandardCharsets.UTF_8)), RawZip.stored("empty", ""));
        assertThat(extracted(zip.build())).containsExactly(
                Map.entry("a", "dir"), Map.entry("a/x.txt", hex("hello")), Map.entry("b", "dir"),
                Map.entry("b/y.txt", hex("deflated text")), Map.entry("empty", "file "));
    }

    @Test
    void anEmptyArchiveGivesAnEmptyFolder() throws IOException {
        assertThat(extracted(new RawZip().build())).isEmpty();
        assertThat(target).isEmptyDirectory();
    }

    @Test
    void dataDescriptorsZip64AndCommentsAreRead() throws IOException {
        Entry withSignature = RawZip.deflated("d1", "one".getBytes(StandardCharsets.UTF_8)).descriptor(true);
        Entry withoutSignature = RawZip.deflated("d2", "two".getBytes(StandardCharsets.UTF_8)).descriptor(false);
        Entry zip64 = RawZip.stored("z64", "sixty-four");
        zip64.zip64 = true;
        Entry zip64Descriptor = RawZip.deflated("z64d", "wide".getBytes(StandardCharsets.UTF_8));
        zip64Descriptor.zip64 = true;
        zip64Descriptor.descriptor(true);
        var zip = RawZip.of(withSignature, withoutSignature, zip64, zip64Descriptor);
        zip.zip64End = true;
        zip.comment = "a comment with PK\u0005\u0006 inside".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(extracted(zip.build())).containsOnlyKeys("d1", "d2", "z64", "z64d")
                .containsEntry("z64d", hex("wide"));
    }

    @Test
    void namesDifferingOnlyInCaseAreBothKeptWhereTheFileSystemCanHoldThem() throws IOException {
        Path probe = Files.createFile(dir.resolve("probe"));
        boolean caseSensitive = !Files.exists(dir.resolve("PROBE"));
        Files.delete(probe);
        org.junit.jupiter.api.Assumptions.assumeTrue(caseSensitive, "case-sensitive file system");
        var zip = RawZip.of(RawZip.stored("README", "upper"), RawZip.stored("readme", "lower"));
        assertThat(extracted(zip.build())).containsEntry("README", hex("upper")).containsEntry("readme", hex("lower"));
    }

    @Test
    void unixFileAndFolderModesAreAcceptedButNotApplied() throws IOException {
        var zip = RawZip.of(RawZip.folder("bin/").unixMode(0040777), RawZip.stored("bin/tool", "#!/bin/sh").unixMode(0104777));
        assertThat(extracted(zip.build())).containsEntry("bin/tool", hex("#!/bin/sh"));
        assertThat(Files.isExecutable(target.resolve("bin/tool"))).as("setuid/exec bits from a zip are not applied").isFalse();
    }

    // ---- names ---------------------------------------------------------------------------

    static Stream<Arguments> badNames() {
        return Stream.of(
                arguments("../evil", "\"..\" segment"),
                arguments("a/../../evil", "\"..\" segment"),
                arguments("a/..", "\"..\" segment"),
                arguments("..", "\"..\" segment"),
                arguments("../", "\"..\" segment"),
                arguments("./a", "\".\" segment"),
                arguments("a/./b", "\".\" segment"),
                arguments("a//b", "empty path segment"),
                arguments("/etc/passwd", "absolute path"),
                arguments("/", "absolute path"),
                arguments("//server/share/x", "absolute path"),
                arguments("C:\\x", "drive letter"),
                arguments("C:x", "drive letter"),
                arguments("c:/windows/x", "drive letter"),
                arguments("\\\\server\\share\\x", "absolute path"),
                arguments("\\x", "absolute path"),
                arguments("a\\b", "backslash"),
                arguments("a\\..\\..\\b", "backslash"),
                arguments("a\u0000b", "NUL"),
                arguments("a\u0000/../../x", "NUL"),
                arguments("a\nb", "control character"),
                arguments("a\rb", "control character"),
                arguments("a\tb", "control character"),
                arguments("a\u007fb", "control character"),
                arguments("a\u0085b", "control character"),
                arguments("\u001b[31mred", "control character"),
                arguments("", "name is empty"),
                arguments("x".repeat(256), "longer than 255 bytes"),
                arguments("a/".repeat(2100) + "b", "longer than 4096 bytes"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("badNames")
    void badNamesAreRefused(String name, String fragment) throws IOException {
        ImageZipException e = refused(RawZip.of(RawZip.stored("ok", "fine"), RawZip.stored(name, "payload")));
        assertThat(e).hasMessageContaining(fragment);
        assertThat(e.entry()).contains(name);
        assertThat(e.getMessage()).doesNotContain("\u0000", "\n", "\r", "\u001b");
    }

    @Test
    void aNameThatIsNotUtf8IsRefused() throws IOException {
        Entry e = RawZip.stored("x", "data");
        e.name = new byte[] {'a', (byte) 0xC0, (byte) 0xAF, 'b'};
        assertThat(refused(RawZip.of(e))).hasMessageContaining("not valid UTF-8");
    }

    @Test
    void namesDeeperThanTheLimitAreRefused() throws IOException {
        Limits shallow = new Limits(100, 1 << 20, 1 << 20, 200, 3);
        assertThat(extractedWith(RawZip.of(RawZip.stored("a/b/c", "ok")).build(), shallow)).containsKey("a/b/c");
        Trees.delete(target);
        assertThat(refused(RawZip.of(RawZip.stored("a/b/c/d", "deep")).build(), shallow))
                .hasMessageContaining("more than 3 levels deep");
        assertThat(refused(RawZip.of(RawZip.folder("a/b/c/d/")).build(), shallow)).hasMessageContaining("levels deep");
    }

    private Map<String, String> extractedWith(byte[] zip, Limits limits) throws IOException {
        ImageZip.extract(write(zip), target, limits);
        return Trees.describe(target);
    }

    // ---- duplicates and structure --------------------------------------------------------

    @Test
    void duplicateNamesAreRefused() throws IOException {
        assertThat(refused(RawZip.of(RawZip.stored("a", "1"), RawZip.stored("a", "2")))).hasMessageContaining("appears twice");
        assertThat(refused(RawZip.of(RawZip.folder("d/"), RawZip.folder("d/")))).hasMessageContaining("appears twice");
    }

    @Test
    void aPathThatWouldBeBothFileAndFolderIsRefused() throws IOException {
        assertThat(refused(RawZip.of(RawZip.stored("a", "1"), RawZip.folder("a/")))).hasMessageContaining("both a file and a folder");
        assertThat(refused(RawZip.of(RawZip.stored("a", "1"), RawZip.stored("a/b", "2"))))
                .hasMessageContaining("needs \"a\" to be a folder");
        assertThat(refused(RawZip.of(RawZip.stored("a/b/c", "1"), RawZip.stored("a/b", "2"))))
                .hasMessageContaining("other entries use it as a folder");
    }

    // ---- entry types ---------------------------------------------------------------------

    static Stream<Arguments> notPlainFiles() {
        return Stream.of(
                arguments(0120777, "evil", "symbolic link"),
                arguments(0120777, "evil/", "symbolic link"),
                arguments(0020644, "tty", "character device"),
                arguments(0060644, "sda", "block device"),
                arguments(0010644, "fifo", "named pipe"),
                arguments(0140644, "sock", "socket"),
                arguments(0170644, "odd", "unknown file type"),
                arguments(0040755, "dir-without-slash", "does not end with '/'"),
                arguments(0100644, "file-with-slash/", "ends with '/'"));
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @MethodSource("notPlainFiles")
    void entriesThatAreNotPlainFilesOrFoldersAreRefused(int mode, String name, String fragment) throws IOException {
        // A symlink entry's data is its target; here one that escapes the tree.
        Entry entry = RawZip.stored(name, name.endsWith("/") ? "" : "../../../../etc/passwd").unixMode(mode);
        assertThat(refused(RawZip.of(RawZip.stored("ok", "fine"), entry))).hasMessageContaining(fragment);
    }

    @Test
    void aSymlinkIsRefusedWhateverSystemTheArchiveClaimsToComeFrom() throws IOException {
        Entry fromDos = RawZip.stored("link", "/etc/passwd");
        fromDos.madeBy = 20;
        fromDos.external = 0120777L << 16;
        assertThat(refused(RawZip.of(fromDos))).hasMessageContaining("symbolic link");
    }

    @Test
    void aSymlinkDeclaredInAnAsiExtraFieldIsRefused() throws IOException {
        Entry central = RawZip.stored("link", "/etc/passwd");
        central.centralExtra = RawZip.asiExtra(0120777);
        assertThat(refused(RawZip.of(central))).hasMessageContaining("symbolic link");
        Entry local = RawZip.stored("link", "/etc/passwd");
        local.localExtra = RawZip.asiExtra(0120777);
        assertThat(refused(RawZip.of(local))).hasMessageContaining("symbolic link");
    }

    @Test
    void windowsReparsePointsAndFolderAttributesAreChecked() throws IOException {
        Entry reparse = RawZip.stored("junction", "C:\\Windows");
        reparse.madeBy = 10 << 8 | 20;
        reparse.external = 0x400;
        assertThat(refused(RawZip.of(reparse))).hasMessageContaining("reparse point");
        Entry folder = RawZip.stored("folder-without-slash", "");
        folder.external = 0x10;
        assertThat(refused(RawZip.of(folder))).hasMessageContaining("marked as a folder");
    }

    @Test
    void aFolderWithContentIsRefused() throws IOException {
        assertThat(refused(RawZip.of(RawZip.stored("d/", "content")))).hasMessageContaining("is a folder but declares 7 bytes");
    }

    // ---- limits --------------------------------------------------------------------------

    @Test
    void tooManyEntriesAreRefusedBeforeReadingThem() throws IOException {
        Limits three = new Limits(3, 1 << 20, 1 << 20, 200, 8);
        var zip = RawZip.of(RawZip.stored("a", "1"), RawZip.stored("b", "2"), RawZip.stored("c", "3"), RawZip.stored("d", "4"));
        assertThat(refused(zip.build(), three)).hasMessageContaining("4 entries, more than the limit of 3");
        var lying = RawZip.of(RawZip.stored("a", "1"));
        lying.count = 65_000L;
        assertThat(refused(lying.build(), three)).hasMessageContaining("65000 entries");
    }

    @Test
    void foldersThatNamesOnlyImplyCountAsEntries() throws IOException {
        // One entry, six paths on disk: a, a/b, ... and the file.
        Limits five = new Limits(5, 1 << 20, 1 << 20, 200, 8);
        assertThat(refused(RawZip.of(RawZip.stored("a/b/c/d/e/f", "deep")).build(), five))
                .hasMessageContaining("more than 5 files and folders");
        assertThat(extractedWith(RawZip.of(RawZip.stored("a/b/c/d/e", "ok")).build(), five)).hasSize(5);
    }

    @Test
    void anEntryOverTheSizeLimitIsRefused() throws IOException {
        Limits small = new Limits(100, 1000, 50, 200, 8);
        assertThat(refused(RawZip.of(RawZip.stored("big", "x".repeat(60))).build(), small))
                .hasMessageContaining("declares 60 bytes, more than the limit of 50 per entry");
    }

    @Test
    void anArchiveOverTheTotalLimitIsRefused() throws IOException {
        Limits small = new Limits(100, 100, 80, 200, 8);
        var zip = RawZip.of(RawZip.stored("a", "x".repeat(60)), RawZip.stored("b", "y".repeat(60)));
        assertThat(refused(zip.build(), small)).hasMessageContaining("more than 100 bytes in all");
    }

    @Test
    void anEntryThatDeflatesTooWellIsRefused() throws IOException {
        var zip = RawZip.of(RawZip.deflated("zeros", new byte[2 << 20]));
        assertThat(refused(zip)).hasMessageContaining("more than 200 times its compressed size");
    }

    @Test
    void smallFilesOfZerosAreNotHeldToTheRatio() throws IOException {
        var zip = RawZip.of(RawZip.deflated("zeros", new byte[1 << 20]));
        assertThat(extracted(zip.build())).containsKey("zeros");
        assertThat(Files.size(target.resolve("zeros"))).isEqualTo(1 << 20);
    }

    @Test
    void manySmallEntriesThatTogetherDeflateTooWellAreRefused() throws IOException {
        var zip = new RawZip();
        for (int i = 0; i < 4; i++) {
            zip.add(RawZip.deflated("zeros" + i, new byte[1 << 20]));
        }
        assertThat(refused(zip)).hasMessageContaining("times its size");
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> new Limits(0, 1, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Limits(1, -1, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Limits(1, 1, 1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Limits(1, 1, 1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Limits.DEFAULTS).isEqualTo(new Limits(100_000, 16L << 30, 4L << 30, 200, 64));
    }

    // ---- sizes and checksums -------------------------------------------------------------

    @Test
    void anEntryLargerThanItDeclaresIsStoppedAtTheDeclaredSize() throws IOException {
        Entry e = RawZip.deflated("liar", "0123456789".repeat(100).getBytes(StandardCharsets.US_ASCII));
        e.size = 10;
        e.crc = RawZip.crc("0123456789".getBytes(StandardCharsets.US_ASCII));
        assertThat(refused(RawZip.of(e))).hasMessageContaining("more than the 10 bytes it declares");
    }

    @Test
    void anEntrySmallerThanItDeclaresIsRefused() throws IOException {
        Entry e = RawZip.deflated("short", "abc".getBytes(StandardCharsets.US_ASCII));
        e.size = 4;
        assertThat(refused(RawZip.of(e))).hasMessageContaining("unpacks to 3 bytes, not the 4 it declares");
    }

    @Test
    void aStoredEntryWhoseSizesDifferIsRefused() throws IOException {
        Entry e = RawZip.stored("odd", "abcdef");
        e.size = 5;
        e.localSize = 5L;
        assertThat(refused(RawZip.of(e))).hasMessageContaining("they must be equal");
    }

    @Test
    void aCrcMismatchIsRefusedAndTheFilesAlreadyWrittenAreRemoved() throws IOException {
        Entry bad = RawZip.stored("z/last", "corrupted");
        bad.crc ^= 1;
        bad.localCrc = bad.crc;
        var zip = RawZip.of(RawZip.stored("a/first", "fine"), RawZip.deflated("b/second", new byte[5000]), bad);
        assertThat(refused(zip)).hasMessageContaining("CRC-32").hasMessageContaining("z/last");
    }

    @Test
    void damagedDeflateDataIsRefused() throws IOException {
        Entry e = RawZip.deflated("broken", "some text that deflates".repeat(20).getBytes(StandardCharsets.US_ASCII));
        e.data[0] = (byte) 0xFF;
        assertThat(refused(RawZip.of(e))).hasMessageContaining("broken");
    }

    @Test
    void aDeflateStreamShorterThanItsCompressedSizeIsRefused() throws IOException {
        Entry e = RawZip.deflated("padded", "text".getBytes(StandardCharsets.US_ASCII));
        e.data = RawZip.concat(e.data, new byte[] {1, 2, 3});
        e.compressedSize = e.data.length;
        assertThat(refused(RawZip.of(e))).hasMessageContaining("ends 3 bytes before its declared compressed size");
    }

    @Test
    void aDeflateStreamLongerThanItsCompressedSizeIsRefused() throws IOException {
        Entry e = RawZip.deflated("cut", new Random(1).ints(2000).collect(ByteArrayOutputStream::new,
                (o, i) -> o.write(i), (a, b) -> a.writeBytes(b.toByteArray())).toByteArray());
        e.data = Arrays.copyOf(e.data, e.data.length - 10);
        e.compressedSize = e.data.length;
        assertThat(refused(RawZip.of(e))).hasMessageContaining("cut");
    }

    // ---- local headers against the central directory --------------------------------------

    @Test
    void aLocalHeaderWithAnotherNameIsRefused() throws IOException {
        Entry e = RawZip.stored("innocent.txt", "x");
        e.localName = "../../evil.txt".getBytes(StandardCharsets.UTF_8);
        assertThat(refused(RawZip.of(e))).hasMessageContaining("local header gives a different name");
    }

    @Test
    void aLocalHeaderWithAnotherMethodSizeOrCrcIsRefused() throws IOException {
        Entry method = RawZip.stored("m", "abc");
        method.localMethod = 8;
        assertThat(refused(RawZip.of(method))).hasMessageContaining("compression method");
        Entry size = RawZip.stored("s", "abc");
        size.localSize = 2L;
        assertThat(refused(RawZip.of(size))).hasMessageContaining("disagree on its size or CRC-32");
        Entry crc = RawZip.stored("c", "abc");
        crc.localCrc = 1L;
        assertThat(refused(RawZip.of(crc))).hasMessageContaining("disagree on its size or CRC-32");
        Entry flags = RawZip.stored("f", "abc");
        flags.localFlags = 8;
        assertThat(refused(RawZip.of(flags))).hasMessageContaining("data descriptor");
    }

    @Test
    void aDataDescriptorThatDisagreesIsRefused() throws IOException {
        Entry e = RawZip.deflated("d", "data".getBytes(StandardCharsets.US_ASCII)).descriptor(true);
        e.trailer[5] ^= 1;
        assertThat(refused(RawZip.of(e))).hasMessageContaining("data descriptor is missing or disagrees");
    }

    @Test
    void aCentralOffsetThatMissesTheLocalHeaderIsRefused() throws IOException {
        Entry e = RawZip.stored("a", "abc");
        e.centralOffset = 1L;
        assertThat(refused(RawZip.of(e))).hasMessageContaining("belong to no entry");
    }

    @Test
    void overlappingEntriesAreRefused() throws IOException {
        // The overlap bomb: several directory entries sharing one local header and its data.
        var shared = RawZip.of(RawZip.stored("a", "aaaa"), RawZip.stored("b", "bbbb"));
        shared.entries.get(1).centralOffset = 0L;
        assertThat(refused(shared)).hasMessageContaining("overlaps the entry before it");
        // An entry hidden inside another's stored data, which a streaming reader would not see.
        byte[] inner = RawZip.of(RawZip.stored("x", "hidden")).build();
        Entry outer = RawZip.stored("outer", Arrays.copyOf(inner, 30 + 1 + 6));
        Entry hidden = RawZip.stored("x", "hidden");
        hidden.centralOffset = 30L + "outer".length();
        assertThat(refused(RawZip.of(outer, hidden))).hasMessageContaining("overlaps");
    }

    // ---- archive structure ---------------------------------------------------------------

    @Test
    void bytesOutsideTheEntriesAreRefused() throws IOException {
        var prefixed = RawZip.of(RawZip.stored("a", "1"));
        prefixed.prefix = "#!/bin/sh\nexec unzip\n".getBytes(StandardCharsets.US_ASCII);
        prefixed.directoryOffset = null;
        assertThat(refused(prefixed)).hasMessageContaining("belong to no entry");
        var gap = RawZip.of(RawZip.stored("a", "1"));
        gap.beforeDirectory = new byte[7];
        assertThat(refused(gap)).hasMessageContaining("7 bytes between the last entry and the central directory");
        var appended = RawZip.of(RawZip.stored("a", "1"));
        appended.suffix = new byte[] {1, 2, 3};
        assertThat(refused(appended)).hasMessageContaining("no end-of-archive record");
    }

    @Test
    void aWrongEntryCountOrDirectoryPositionIsRefused() throws IOException {
        var more = RawZip.of(RawZip.stored("a", "1"), RawZip.stored("b", "2"));
        more.count = 3L;
        assertThat(refused(more)).hasMessageContaining("central directory");
        var fewer = RawZip.of(RawZip.stored("a", "1"), RawZip.stored("b", "2"));
        fewer.count = 1L;
        assertThat(refused(fewer)).hasMessageContaining("bytes more than its 1 entries");
        var offset = RawZip.of(RawZip.stored("a", "1"));
        offset.directoryOffset = 3L;
        assertThat(refused(offset)).hasMessageContaining("does not end where the end record says");
    }

    @Test
    void unsupportedFeaturesAreRefused() throws IOException {
        Entry encrypted = RawZip.stored("secret", "abc");
        encrypted.flags = 1;
        encrypted.localFlags = 1;
        assertThat(refused(RawZip.of(encrypted))).hasMessageContaining("encrypted");
        Entry bzip2 = RawZip.stored("b", "abc");
        bzip2.method = 12;
        assertThat(refused(RawZip.of(bzip2))).hasMessageContaining("compression method 12");
        var split = RawZip.of(RawZip.stored("a", "1"));
        split.disk = 1;
        assertThat(refused(split)).hasMessageContaining("several disks");
    }

    @Test
    void zip64FieldsMustBePresentAndComplete() throws IOException {
        Entry e = RawZip.stored("a", "abc");
        e.size = RawZip.MAGIC32;
        e.compressedSize = RawZip.MAGIC32;
        assertThat(refused(RawZip.of(e))).hasMessageContaining("zip64");
        var end = RawZip.of(RawZip.stored("a", "1"));
        byte[] bytes = end.build();
        bytes[bytes.length - 22 + 10] = (byte) 0xFF;
        bytes[bytes.length - 22 + 11] = (byte) 0xFF;
        assertThat(refused(bytes, DEFAULTS)).hasMessageContaining("zip64 locator");
        Entry malformed = RawZip.stored("m", "abc");
        malformed.centralExtra = new byte[] {1, 0, 20, 0, 0, 0};
        assertThat(refused(RawZip.of(malformed))).hasMessageContaining("malformed extra field");
    }

    @Test
    void notAZipIsRefused() throws IOException {
        assertThat(refused(new byte[0], DEFAULTS)).hasMessageContaining("too short");
        assertThat(refused("just some text, not a zip at all".getBytes(StandardCharsets.US_ASCII), DEFAULTS))
                .hasMessageContaining("no end-of-archive record");
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        assertThat(refused(noise, DEFAULTS)).hasMessageContaining("not a zip file");
    }

    @Test
    void everyTruncationOfAValidZipIsRefusedAndLeavesNothing() throws IOException {
        Entry descriptor = RawZip.deflated("d/two", "second entry, deflated".getBytes(StandardCharsets.US_ASCII)).descriptor(true);
        Entry wide = RawZip.stored("d/three", "zip64");
        wide.zip64 = true;
        var zip = RawZip.of(RawZip.folder("d/"), RawZip.stored("d/one", "first"), descriptor, wide);
        zip.zip64End = true;
        byte[] whole = zip.build();
        assertThat(extracted(whole)).hasSize(4);
        Trees.delete(target);
        for (int length = 0; length < whole.length; length++) {
            assertThat(refused(Arrays.copyOf(whole, length), DEFAULTS)).as("cut at %d of %d", length, whole.length).isNotNull();
        }
    }

    // ---- the target ----------------------------------------------------------------------

    @Test
    void anExistingTargetIsNeverReplaced() throws IOException {
        Path zip = write(RawZip.of(RawZip.stored("a", "new")).build());
        Files.createDirectory(target);
        assertThatThrownBy(() -> ImageZip.extract(zip, target)).isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining("already exists");
        assertThat(target).isEmptyDirectory();
        Files.delete(target);
        Files.createSymbolicLink(target, dir.resolve("nowhere"));
        assertThatThrownBy(() -> ImageZip.extract(zip, target)).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(dir.resolve("nowhere")).doesNotExist();
        try (var listing = Files.list(sandbox)) {
            assertThat(listing.toList()).containsExactly(target);
        }
    }

    @Test
    void aMissingParentOrZipIsReportedAndNothingIsCreated() throws IOException {
        Path zip = write(RawZip.of(RawZip.stored("a", "new")).build());
        assertThatThrownBy(() -> ImageZip.extract(zip, sandbox.resolve("no/such/image"))).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> ImageZip.extract(dir.resolve("missing.zip"), target)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> ImageZip.extract(sandbox, target)).isInstanceOf(IOException.class)
                .hasMessageContaining("not a regular file");
        assertThat(sandbox).isEmptyDirectory();
    }
}
