package org.workcell.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.workcell.core.crypto.Ed25519;
import org.workcell.core.jws.JwsException;

class ImageBuilderTest {
    // Small chunks, so that a few MiB of tree make hundreds of them and a delta can be counted finely.
    private static final ChunkerParams SMALL = new ChunkerParams(1024, 4096, 16 * 1024);
    private static final KeyPair KEY = Ed25519.generate();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Path store;

    @BeforeEach
    void paths() {
        store = dir.resolve("store");
    }

    private ImageBuilder.Result build(Path tree, ChunkerParams params) throws IOException {
        return ImageBuilder.build(tree, "workcell-phone", "1.2.3", 7, new DirectoryChunkStore(store, params, 3), KEY,
                Progress.Listener.NONE, new ImageBuilder.Options(params, 2, CLOCK));
    }

    // For the delta tests, which count chunks: thousands of small files would make them slow, not better.
    private final CountingMemoryStore memory = new CountingMemoryStore();

    private ImageBuilder.Result buildInMemory(Path tree) throws IOException {
        return ImageBuilder.build(tree, "workcell-phone", "1.2.3", 7, memory, KEY, Progress.Listener.NONE,
                new ImageBuilder.Options(SMALL, 2, CLOCK));
    }

    private byte[] payload(ImageBuilder.Result result) throws IOException {
        Path out = dir.resolve("payload-" + System.nanoTime() + ".zip");
        ImageReader.assemble(result.manifest(), result.index(), new DirectoryChunkStore(store, result.index().params(), 3), out,
                Progress.Listener.NONE);
        return Files.readAllBytes(out);
    }

    @Test
    void theSameTreeGivesTheSameIndexAndDigestWhereverItIsAndWhateverItsTimesAndTimeZone() throws IOException {
        Path tree = BuildTrees.make(dir.resolve("a/tree"), 1, 120);
        java.util.TimeZone zone = java.util.TimeZone.getDefault();
        ImageBuilder.Result first;
        try {
            // Zip timestamps are local times; a builder that used the zone would give other bytes elsewhere.
            java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Pacific/Kiritimati"));
            first = build(tree, ChunkerParams.DEFAULT);
        } finally {
            java.util.TimeZone.setDefault(zone);
        }

        Path elsewhere = dir.resolve("b/other-name");
        BuildTrees.copy(tree, elsewhere);
        for (Path file : BuildTrees.regularFiles(elsewhere)) {
            Files.setLastModifiedTime(file, FileTime.fromMillis(123_456_789_000L));
        }
        BuildTrees.delete(store);
        ImageBuilder.Result second = build(elsewhere, ChunkerParams.DEFAULT);

        assertThat(second.indexBytes()).isEqualTo(first.indexBytes());
        assertThat(second.manifest()).isEqualTo(first.manifest());
        assertThat(second.index()).isEqualTo(first.index());
    }

    @Test
    void theManifestDescribesThePayloadAndThePhone() throws IOException {
        Path tree = BuildTrees.make(dir.resolve("tree"), 2, 40);
        ImageBuilder.Result result = build(tree, SMALL);
        ImageManifest m = result.manifest();
        byte[] payload = payload(result);

        assertThat(m.imageId()).isEqualTo("workcell-phone@1.2.3");
        assertThat(m.name()).isEqualTo("workcell-phone");
        assertThat(m.version()).isEqualTo("1.2.3");
        assertThat(m.serial()).isEqualTo(7);
        assertThat(m.size()).isEqualTo(payload.length).isEqualTo(result.index().size());
        assertThat(m.digest()).isEqualTo(sha256(payload));
        assertThat(m.indexDigest()).isEqualTo(sha256(result.indexBytes()));
        assertThat(m.chunks()).isEqualTo(result.index().chunks().size());
        assertThat(m.display()).isEqualTo(new ImageManifest.Display(1080, 2400, 420));
        assertThat(m.osBuild()).isEqualTo("workcell-phone 0.1.0 (test)");
        assertThat(m.defaultApps()).containsExactly("org.workcell.mail", "org.workcell.contacts");
        assertThat(m.createdAt()).isEqualTo(CLOCK.instant());
        assertThat(m.rollback()).isFalse();
        assertThat(result.index().params()).isEqualTo(SMALL);
        assertThat(CaibxFormat.read(result.indexBytes())).isEqualTo(result.index());
    }

    @Test
    void thePayloadIsAZipOfStoredEntriesInPathOrderWithFixedTimes() throws IOException {
        Path tree = BuildTrees.make(dir.resolve("tree"), 3, 60);
        Files.writeString(tree.resolve("system/Ünïcode näme.txt"), "ü");
        ImageBuilder.Result result = build(tree, SMALL);
        Path zip = Files.write(dir.resolve("payload.zip"), payload(result));

        List<String> names = new ArrayList<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : Collections.list(file.entries())) {
                names.add(entry.getName());
                assertThat(entry.getMethod()).as(entry.getName()).isEqualTo(ZipEntry.STORED);
                assertThat(entry.getTimeLocal()).isEqualTo(LocalDateTime.of(1980, 2, 1, 0, 0));
                assertThat(entry.getExtra()).isNullOrEmpty();
                Path source = tree.resolve(entry.getName());
                if (entry.isDirectory()) {
                    assertThat(source).isDirectory();
                } else {
                    try (InputStream in = file.getInputStream(entry)) {
                        assertThat(in.readAllBytes()).as(entry.getName()).isEqualTo(Files.readAllBytes(source));
                    }
                }
            }
        }
        assertThat(names).contains("phone.json", "data/", "data/empty/", "system/Ünïcode näme.txt");
        // Every file and folder of the tree, once, sorted by their UTF-8 bytes.
        List<String> sorted = new ArrayList<>(names);
        sorted.sort((a, b) -> java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
        assertThat(names).isEqualTo(sorted).doesNotHaveDuplicates();
        try (var paths = Files.walk(tree)) {
            assertThat(names).hasSize((int) paths.count() - 1);
        }
        // Stored entries carry their sizes up front, so a streaming reader can read them too.
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            int count = 0;
            while (in.getNextEntry() != null) {
                in.readAllBytes();
                count++;
            }
            assertThat(count).isEqualTo(names.size());
        }
    }

    @Test
    void changingOneFileChangesOnlyAFewChunks() throws IOException {
        Path tree = BuildTrees.make(dir.resolve("tree"), 4, 200);
        ImageBuilder.Result before = buildInMemory(tree);
        List<Path> files = BuildTrees.regularFiles(tree);
        Random random = new Random(4);
        Path victim = files.get(random.nextInt(files.size()));
        byte[] content = Files.readAllBytes(victim);
        if (content.length == 0) {
            content = new byte[1];
        }
        content[random.nextInt(content.length)] ^= 1;
        Files.write(victim, content);

        ImageBuilder.Result after = buildInMemory(tree);

        // The chunk with the change, the one with its header (the CRC), the one with its central directory record.
        assertDelta(before, after, 4);
    }

    @Test
    void growingOneFileChangesOnlyAFewChunks() throws IOException {
        Path tree = BuildTrees.make(dir.resolve("tree"), 5, 200);
        ImageBuilder.Result before = buildInMemory(tree);
        List<Path> files = BuildTrees.regularFiles(tree);
        Path victim = files.get(files.size() / 3);
        Files.write(victim, BuildTrees.content(new Random(5), 3000), java.nio.file.StandardOpenOption.APPEND);

        ImageBuilder.Result after = buildInMemory(tree);

        // Later entries' offsets in the central directory change too: its few chunks.
        assertDelta(before, after, 10);
    }

    @Test
    void addingAFileAddsItsChunksAndFewOthers() throws IOException {
        Path tree = BuildTrees.make(dir.resolve("tree"), 6, 200);
        ImageBuilder.Result before = buildInMemory(tree);
        Files.write(tree.resolve("apps/new-app.bin"), BuildTrees.content(new Random(6), 20_000));

        ImageBuilder.Result after = buildInMemory(tree);

        // 20 KB is at most 20 chunks of at least 1 KiB (about 5 of the average 4 KiB).
        assertDelta(before, after, 10 + 20);
    }

    @Test
    void deletingAFileChangesOnlyAFewChunks() throws IOException {
        Path tree = BuildTrees.make(dir.resolve("tree"), 7, 200);
        ImageBuilder.Result before = buildInMemory(tree);
        List<Path> files = BuildTrees.regularFiles(tree);
        Files.delete(files.get(files.size() / 2));

        ImageBuilder.Result after = buildInMemory(tree);

        assertDelta(before, after, 10);
    }

    private static void assertDelta(ImageBuilder.Result before, ImageBuilder.Result after, int maxNewChunks) {
        Set<ChunkId> old = BuildTrees.ids(before.index());
        Set<ChunkId> added = new HashSet<>(BuildTrees.ids(after.index()));
        added.removeAll(old);
        assertThat(old.size()).as("chunks to compare").isGreaterThan(300);
        assertThat(added.size()).as("new chunks of %d", after.index().chunks().size()).isLessThanOrEqualTo(maxNewChunks);
        assertThat(after.manifest().digest()).isNotEqualTo(before.manifest().digest());
    }

    @Test
    void theManifestVerifiesWithTheImageKeyOnly() throws Exception {
        ImageBuilder.Result result = build(BuildTrees.make(dir.resolve("tree"), 8, 10), SMALL);

        assertThat(ImageReader.verifyManifest(result.manifestToken(), KEY.getPublic())).isEqualTo(result.manifest());
        assertThatThrownBy(() -> ImageReader.verifyManifest(result.manifestToken(), Ed25519.generate().getPublic()))
                .isInstanceOf(JwsException.class);
        String token = result.manifestToken();
        String tampered = token.substring(0, token.indexOf('.') + 5) + (token.charAt(token.indexOf('.') + 5) == 'A' ? 'B' : 'A')
                + token.substring(token.indexOf('.') + 6);
        assertThatThrownBy(() -> ImageReader.verifyManifest(tampered, KEY.getPublic())).isInstanceOf(JwsException.class);
        assertThat(org.workcell.core.jws.CompactJws.parse(token, ImageManifest.TOKEN_TYPE).header().kid())
                .isEqualTo(Ed25519.keyId(KEY.getPublic()));
    }

    @Test
    void writeToLeavesTheIndexAndTheManifestInAFolder() throws IOException {
        ImageBuilder.Result result = build(BuildTrees.make(dir.resolve("tree"), 9, 10), SMALL);
        Path out = dir.resolve("out/image");
        result.writeTo(out);

        assertThat(Files.readAllBytes(out.resolve("index.caibx"))).isEqualTo(result.indexBytes());
        assertThat(Files.readString(out.resolve("manifest.jws"))).isEqualTo(result.manifestToken());
        try (var listing = Files.list(out)) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("index.caibx", "manifest.jws");
        }
    }

    @Test
    void progressIsReportedUpToTheWholeSize() throws IOException {
        Path tree = BuildTrees.make(dir.resolve("tree"), 10, 30);
        List<Progress> reports = Collections.synchronizedList(new ArrayList<>());
        ImageBuilder.Result result = ImageBuilder.build(tree, "p", "1", 1, new DirectoryChunkStore(store), KEY, reports::add);

        assertThat(reports).isNotEmpty();
        Progress last = reports.getLast();
        assertThat(last.phase()).isEqualTo("build");
        assertThat(last.doneBytes()).isEqualTo(result.manifest().size());
        assertThat(last.totalBytes()).isEqualTo(result.manifest().size());
        for (int i = 1; i < reports.size(); i++) {
            assertThat(reports.get(i).doneBytes()).isGreaterThanOrEqualTo(reports.get(i - 1).doneBytes());
        }
        assertThat(reports).allMatch(p -> p.doneBytes() <= p.totalBytes() && p.bytesPerSecond() >= 0 && p.eta() != null);
    }

    @Test
    void phoneJsonIsRequiredAndStrict() throws IOException {
        Path tree = BuildTrees.make(dir.resolve("tree"), 11, 5);
        String[] bad = {
            "", "{", "[]", "null",
            "{\"display\": {\"width\": 1080, \"height\": 2400, \"density\": 420}, \"osBuild\": \"x\"}",
            "{\"display\": {\"width\": 1080, \"height\": 2400}, \"osBuild\": \"x\", \"defaultApps\": []}",
            "{\"display\": {\"width\": 0, \"height\": 2400, \"density\": 420}, \"osBuild\": \"x\", \"defaultApps\": []}",
            "{\"display\": {\"width\": 1080, \"height\": 2400, \"density\": 420}, \"osBuild\": \"\", \"defaultApps\": []}",
            "{\"display\": {\"width\": 1080, \"height\": 2400, \"density\": 420}, \"osBuild\": \"x\", \"defaultApps\": [\"Mail\"]}",
            "{\"display\": {\"width\": 1080, \"height\": 2400, \"density\": 420}, \"osBuild\": \"x\", \"defaultApps\": [\"a.b\", \"a.b\"]}",
            "{\"display\": {\"width\": 1080, \"height\": 2400, \"density\": 420}, \"osBuild\": \"x\", \"defaultApps\": [], \"extra\": 1}",
            "{\"display\": {\"width\": 1080, \"height\": 2400, \"density\": 420, \"dpi\": 1}, \"osBuild\": \"x\", \"defaultApps\": []}",
        };
        for (String json : bad) {
            Files.writeString(tree.resolve("phone.json"), json);
            assertThatThrownBy(() -> build(tree, SMALL)).as(json).isInstanceOf(IOException.class).hasMessageContaining("phone.json");
        }
        Files.delete(tree.resolve("phone.json"));
        assertThatThrownBy(() -> build(tree, SMALL)).isInstanceOf(IOException.class).hasMessageContaining("phone.json is missing");
        assertThat(BuildTrees.countFiles(store)).as("nothing stored").isZero();
    }

    @Test
    void symbolicLinksAndSpecialFilesAreRefusedBeforeAnythingIsStored() throws Exception {
        Path tree = BuildTrees.make(dir.resolve("tree"), 12, 5);
        Path link = Files.createSymbolicLink(tree.resolve("data/inside"), tree.resolve("phone.json"));
        assertThatThrownBy(() -> build(tree, SMALL)).isInstanceOf(IOException.class).hasMessageContaining("symbolic link")
                .hasMessageContaining("inside");
        Files.delete(link);

        Files.createSymbolicLink(tree.resolve("escape"), Path.of("/etc"));
        assertThatThrownBy(() -> build(tree, SMALL)).isInstanceOf(IOException.class).hasMessageContaining("symbolic link");
        Files.delete(tree.resolve("escape"));

        Process mkfifo = new ProcessBuilder("mkfifo", tree.resolve("data/pipe").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        assertThatThrownBy(() -> build(tree, SMALL)).isInstanceOf(IOException.class).hasMessageContaining("not a regular file");
        Files.delete(tree.resolve("data/pipe"));

        Files.writeString(tree.resolve("data/back\\slash"), "x");
        assertThatThrownBy(() -> build(tree, SMALL)).isInstanceOf(IOException.class).hasMessageContaining("backslash");
        Files.delete(tree.resolve("data/back\\slash"));

        assertThat(BuildTrees.countFiles(store)).as("nothing stored").isZero();
        assertThat(build(tree, SMALL).manifest().size()).isPositive(); // and the tree is fine again
    }

    @Test
    void theTreeMustBeAFolder() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> build(file, SMALL)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> build(dir.resolve("missing"), SMALL)).isInstanceOf(IOException.class);
    }

    @Test
    void namesVersionsSerialsAndKeysAreChecked() throws IOException {
        Path tree = BuildTrees.make(dir.resolve("tree"), 13, 3);
        DirectoryChunkStore chunks = new DirectoryChunkStore(store);
        for (String name : new String[] {"", "Upper", "../x", "a/b", "x".repeat(101), "-x"}) {
            assertThatThrownBy(() -> ImageBuilder.build(tree, name, "1", 1, chunks, KEY, Progress.Listener.NONE))
                    .as(name).isInstanceOf(IllegalArgumentException.class);
        }
        for (String version : new String[] {"", "1 0", "1/0", "v".repeat(65), ".1"}) {
            assertThatThrownBy(() -> ImageBuilder.build(tree, "p", version, 1, chunks, KEY, Progress.Listener.NONE))
                    .as(version).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> ImageBuilder.build(tree, "p", "1", -1, chunks, KEY, Progress.Listener.NONE))
                .isInstanceOf(IllegalArgumentException.class);
        KeyPair rsa;
        try {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(1024);
            rsa = generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
        assertThatThrownBy(() -> ImageBuilder.build(tree, "p", "1", 1, chunks, rsa, Progress.Listener.NONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(BuildTrees.countFiles(store)).isZero();
    }

    @Test
    void aStoreThatFailsFailsTheBuild() throws IOException {
        Path tree = BuildTrees.make(dir.resolve("tree"), 14, 100);
        DirectoryChunkStore real = new DirectoryChunkStore(store, SMALL, 1);
        java.util.concurrent.atomic.AtomicInteger puts = new java.util.concurrent.atomic.AtomicInteger();
        ChunkStore failing = new ChunkStore() {
            @Override
            public boolean contains(ChunkId id) throws IOException {
                return real.contains(id);
            }

            @Override
            public byte[] read(ChunkId id) throws IOException {
                return real.read(id);
            }

            @Override
            public void write(ChunkId id, byte[] data, int offset, int length) throws IOException {
                if (puts.incrementAndGet() > 50) {
                    throw new IOException("disk full");
                }
                real.write(id, data, offset, length);
            }
        };
        assertThatThrownBy(() -> ImageBuilder.build(tree, "p", "1", 1, failing, KEY, Progress.Listener.NONE,
                new ImageBuilder.Options(SMALL, 2, CLOCK))).isInstanceOf(IOException.class).hasMessageContaining("disk full");
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
