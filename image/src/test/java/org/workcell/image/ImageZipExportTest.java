package org.workcell.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.workcell.image.internal.ZipExporter;

/** Exporting an image tree: a plain, deterministic zip that other tools and our importer read. */
class ImageZipExportTest {
    @TempDir
    Path dir;
    Path tree;
    Path out;

    @BeforeEach
    void makeTree() throws IOException {
        tree = Files.createDirectories(dir.resolve("tree"));
        out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(tree.resolve("phone.json"), "{\"width\":1080,\"height\":2340,\"density\":420}");
        Files.createDirectories(tree.resolve("apps/empty"));
        byte[] random = new byte[100_000];
        new Random(42).nextBytes(random);
        Files.write(tree.resolve("apps/mail.jar"), random);
        Files.createDirectories(tree.resolve("data"));
        Files.write(tree.resolve("data/userdata.img"), new byte[4 << 20]);
        Files.write(tree.resolve("data/small-zeros"), new byte[64 << 10]);
        Files.writeString(tree.resolve("data/empty"), "");
        Files.createDirectories(tree.resolve("unicode"));
        Files.writeString(tree.resolve("unicode/日本語 é.txt"), "ünïcödé");
        Files.writeString(tree.resolve(".hidden"), "dot file");
        Files.writeString(tree.resolve("apps/a-b"), "sorts before apps/ with '-' < '/'");
    }

    private List<String> entryNames(Path zip) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipFile zipFile = new ZipFile(zip.toFile())) {
            zipFile.stream().forEach(e -> names.add(e.getName()));
        }
        return names;
    }

    @Test
    void exportThenImportGivesTheSameTree() throws IOException {
        Path zip = out.resolve("image.zip");
        ImageZip.export(tree, zip);
        ImageZip.extract(zip, dir.resolve("back"));
        assertThat(Trees.describe(dir.resolve("back"))).isEqualTo(Trees.describe(tree));
        try (var listing = Files.list(out)) {
            assertThat(listing.toList()).as("no temporary file left beside the zip").containsExactly(zip);
        }
    }

    @Test
    void theSameTreeGivesTheSameBytes() throws IOException {
        Path first = out.resolve("first.zip");
        ImageZip.export(tree, first);
        // A copy made later, with other timestamps, exports to the same bytes.
        Path copy = dir.resolve("copy");
        try (var walk = Files.walk(tree)) {
            for (Path p : walk.toList()) {
                Path to = copy.resolve(tree.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                    Files.setLastModifiedTime(to, FileTime.fromMillis(1_234_567_890_000L));
                }
            }
        }
        Path second = out.resolve("second.zip");
        ImageZip.export(copy, second);
        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
    }

    @Test
    void entriesAreSortedWithFixedTimesAndNoExtraFields() throws IOException {
        Path zip = out.resolve("image.zip");
        ImageZip.export(tree, zip);
        List<String> names = entryNames(zip);
        List<String> sorted = new ArrayList<>(names);
        Collections.sort(sorted);
        assertThat(names).isEqualTo(sorted).contains("apps/", "apps/empty/", "apps/mail.jar", "data/empty", "unicode/日本語 é.txt");
        try (ZipFile zipFile = new ZipFile(zip.toFile())) {
            for (ZipEntry e : Collections.list(zipFile.entries())) {
                assertThat(e.getTimeLocal()).isEqualTo(LocalDateTime.of(1980, 2, 1, 0, 0));
                assertThat(e.getExtra()).isNullOrEmpty();
            }
        }
    }

    @Test
    void filesThatDeflateLikeABombAreStoredAndOthersDeflated() throws IOException {
        Path zip = out.resolve("image.zip");
        ImageZip.export(tree, zip);
        try (ZipFile zipFile = new ZipFile(zip.toFile())) {
            assertThat(zipFile.getEntry("data/userdata.img").getMethod()).isEqualTo(ZipEntry.STORED);
            assertThat(zipFile.getEntry("data/small-zeros").getMethod()).isEqualTo(ZipEntry.STORED);
            assertThat(zipFile.getEntry("apps/mail.jar").getMethod()).isEqualTo(ZipEntry.DEFLATED);
            assertThat(zipFile.getEntry("phone.json").getMethod()).isEqualTo(ZipEntry.DEFLATED);
        }
    }

    @Test
    void manyFilesOfZerosStillImportWithDefaultLimits() throws IOException {
        Path zeros = Files.createDirectories(dir.resolve("zeros"));
        for (int i = 0; i < 40; i++) {
            Files.write(zeros.resolve("blank" + i), new byte[100 << 10]);
        }
        Path zip = out.resolve("zeros.zip");
        ImageZip.export(zeros, zip);
        ImageZip.extract(zip, dir.resolve("back"));
        assertThat(Trees.describe(dir.resolve("back"))).isEqualTo(Trees.describe(zeros));
    }

    @Test
    void theJdkReadersReadIt() throws IOException {
        Path zip = out.resolve("image.zip");
        ImageZip.export(tree, zip);
        Map<String, String> streamed = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                streamed.put(e.getName(), e.isDirectory() ? "dir" : Integer.toString(java.util.Arrays.hashCode(in.readAllBytes())));
            }
        }
        Map<String, String> random = new TreeMap<>();
        try (ZipFile zipFile = new ZipFile(zip.toFile())) {
            for (ZipEntry e : Collections.list(zipFile.entries())) {
                try (InputStream in = zipFile.getInputStream(e)) {
                    random.put(e.getName(), e.isDirectory() ? "dir" : Integer.toString(java.util.Arrays.hashCode(in.readAllBytes())));
                }
            }
        }
        assertThat(streamed).isEqualTo(random).hasSize(12)
                .containsEntry("apps/mail.jar", Integer.toString(java.util.Arrays.hashCode(Files.readAllBytes(tree.resolve("apps/mail.jar")))));
    }

    @Test
    void infoZipUnzipReadsItNonAsciiNamesIncluded() throws Exception {
        Path zip = out.resolve("image.zip");
        ImageZip.export(tree, zip);
        assertUnzipGivesTheTree(zip);
    }

    @Test
    void zip64FieldsAreReadByEveryReader() throws Exception {
        // Threshold 0: every size, offset and count goes into zip64 fields, as in a huge image.
        Path zip = out.resolve("image64.zip");
        ZipExporter.export(tree, zip, 0);
        byte[] bytes = Files.readAllBytes(zip);
        assertThat(bytes).as("zip64 end record present").containsSubsequence(new byte[] {0x50, 0x4b, 0x06, 0x06});
        Map<String, Integer> streamed = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                streamed.put(e.getName(), in.readAllBytes().length);
            }
        }
        try (ZipFile zipFile = new ZipFile(zip.toFile())) {
            assertThat(zipFile.size()).isEqualTo(streamed.size()).isEqualTo(12);
            assertThat(zipFile.getEntry("data/userdata.img").getSize()).isEqualTo(4 << 20);
        }
        assertThat(streamed).containsEntry("data/userdata.img", 4 << 20);
        ImageZip.extract(zip, dir.resolve("back"));
        assertThat(Trees.describe(dir.resolve("back"))).isEqualTo(Trees.describe(tree));
        assertUnzipGivesTheTree(zip);
    }

    private void assertUnzipGivesTheTree(Path zip) throws Exception {
        Path unzip = Path.of("/usr/bin/unzip");
        Assumptions.assumeTrue(Files.isExecutable(unzip), "needs Info-ZIP unzip");
        Path back = dir.resolve("unzipped");
        Trees.delete(back);
        Process p = new ProcessBuilder(unzip.toString(), "-q", zip.toString(), "-d", back.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(Trees.describe(back)).isEqualTo(Trees.describe(tree));
    }

    // ---- refusals ------------------------------------------------------------------------

    private void assertRefusedWithNothingWritten(Path from, String entry, String fragment) throws IOException {
        Path zip = out.resolve("image.zip");
        assertThatThrownBy(() -> ImageZip.export(from, zip)).isInstanceOf(ImageZipException.class)
                .hasMessageContaining(fragment)
                .satisfies(e -> assertThat(((ImageZipException) e).entry()).contains(entry));
        assertThat(out).isEmptyDirectory();
    }

    @Test
    void symbolicLinksAreRefused() throws IOException {
        Files.createSymbolicLink(tree.resolve("apps/link.jar"), tree.resolve("apps/mail.jar"));
        assertRefusedWithNothingWritten(tree, "apps/link.jar", "symbolic link");
        Files.delete(tree.resolve("apps/link.jar"));
        Files.createSymbolicLink(tree.resolve("data/etc"), Path.of("/etc"));
        assertRefusedWithNothingWritten(tree, "data/etc", "symbolic link");
        Files.delete(tree.resolve("data/etc"));
        Files.createSymbolicLink(tree.resolve("dangling"), tree.resolve("nowhere"));
        assertRefusedWithNothingWritten(tree, "dangling", "symbolic link");
    }

    @Test
    void pipesAndOtherSpecialFilesAreRefused() throws Exception {
        Path mkfifo = Path.of("/usr/bin/mkfifo");
        Assumptions.assumeTrue(Files.isExecutable(mkfifo), "needs mkfifo");
        Process p = new ProcessBuilder(mkfifo.toString(), tree.resolve("data/pipe").toString()).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertRefusedWithNothingWritten(tree, "data/pipe", "not a regular file or folder");
    }

    @Test
    void namesTheImporterWouldRefuseAreRefused() throws IOException {
        Files.writeString(tree.resolve("back\\slash"), "x");
        assertRefusedWithNothingWritten(tree, "back\\slash", "backslash");
        Files.delete(tree.resolve("back\\slash"));
        Files.writeString(tree.resolve("new\nline"), "x");
        assertRefusedWithNothingWritten(tree, "new\nline", "control character");
    }

    @Test
    void aZipInsideTheTreeIsRefused() throws IOException {
        Map<String, String> before = Trees.describe(tree);
        assertThatThrownBy(() -> ImageZip.export(tree, tree.resolve("data/self.zip"))).isInstanceOf(FileSystemException.class)
                .hasMessageContaining("inside the tree");
        assertThat(Trees.describe(tree)).isEqualTo(before);
    }

    @Test
    void anExistingZipIsReplacedButNotAFolder() throws IOException {
        Path zip = Files.writeString(out.resolve("image.zip"), "old");
        ImageZip.export(tree, zip);
        assertThat(entryNames(zip)).contains("phone.json");
        Path folder = Files.createDirectories(out.resolve("folder.zip"));
        assertThatThrownBy(() -> ImageZip.export(tree, folder)).isInstanceOf(FileSystemException.class)
                .hasMessageContaining("not a regular file");
        assertThat(folder).isEmptyDirectory();
    }

    @Test
    void aMissingTreeOrFolderIsReported() {
        assertThatThrownBy(() -> ImageZip.export(dir.resolve("missing"), out.resolve("x.zip"))).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> ImageZip.export(tree, dir.resolve("no/such/x.zip"))).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> ImageZip.export(tree.resolve("phone.json"), out.resolve("x.zip"))).isInstanceOf(IOException.class);
    }
}
