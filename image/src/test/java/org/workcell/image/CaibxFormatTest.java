package org.workcell.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaibxFormatTest {
    @TempDir
    Path dir;

    private static final ChunkId A = ChunkId.hash(new byte[] {1}, 0, 1);
    private static final ChunkId B = ChunkId.hash(new byte[] {2}, 0, 1);

    private static byte[] valid() {
        return CaibxFormat.write(new ImageIndex(ChunkerParams.DEFAULT, List.of(new ChunkRef(0, 1000, A), new ChunkRef(1000, 70_000, B))));
    }

    private static byte[] withLong(byte[] bytes, int at, long value) {
        byte[] copy = bytes.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putLong(at, value);
        return copy;
    }

    private static void assertRefused(byte[] bytes, String messagePart) {
        assertThatThrownBy(() -> CaibxFormat.read(bytes)).isInstanceOf(IOException.class).hasMessageContaining(messagePart);
    }

    @Test
    void theLayoutIsCasyncs() {
        ByteBuffer in = ByteBuffer.wrap(valid()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(in.getLong()).isEqualTo(48);
        assertThat(in.getLong()).isEqualTo(0x96824d9c7b129ff9L);
        assertThat(in.getLong()).isZero(); // feature flags: SHA-256 ids, nothing else
        assertThat(in.getLong()).isEqualTo(16 * 1024);
        assertThat(in.getLong()).isEqualTo(64 * 1024);
        assertThat(in.getLong()).isEqualTo(256 * 1024);
        assertThat(in.getLong()).isEqualTo(-1L);
        assertThat(in.getLong()).isEqualTo(0xe75b9e112f17417dL);
        assertThat(in.getLong()).isEqualTo(1000);
        byte[] id = new byte[32];
        in.get(id);
        assertThat(id).isEqualTo(A.bytes());
        assertThat(in.getLong()).isEqualTo(71_000);
        in.get(id);
        assertThat(id).isEqualTo(B.bytes());
        assertThat(in.getLong()).isZero();
        assertThat(in.getLong()).isZero();
        assertThat(in.getLong()).isEqualTo(48);
        assertThat(in.getLong()).isEqualTo(16 + 2 * 40 + 40);
        assertThat(in.getLong()).isEqualTo(0x4b4f050e5549ecd1L);
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void malformedIndexesAreRefusedSayingWhy() {
        byte[] ok = valid();
        assertRefused(withLong(ok, 0, 47), "not a casync blob index");
        assertRefused(withLong(ok, 8, 0x96824d9c7b129ff8L), "not a casync blob index");
        assertRefused(withLong(ok, 16, CaibxFormat.FLAG_SHA512_256), "SHA-512/256");
        assertRefused(withLong(ok, 16, 1L << 40), "unknown feature flags");
        assertRefused(withLong(ok, 24, 0), "chunk sizes");
        assertRefused(withLong(ok, 32, 60_000), "chunk sizes"); // avg not a power of two
        assertRefused(withLong(ok, 40, 1L << 40), "chunk sizes");
        assertRefused(withLong(ok, 48, 100), "table header");
        assertRefused(withLong(ok, 56, 0), "table header");
        assertRefused(withLong(ok, 64, 0), "not after the previous end"); // empty first chunk
        assertRefused(withLong(ok, 104, 1000), "not after the previous end"); // empty second chunk
        assertRefused(withLong(ok, 104, 500), "not after the previous end"); // going backwards
        assertRefused(withLong(ok, 104, -1L), "not after the previous end"); // beyond 2^63
        assertRefused(withLong(ok, 104, 1000 + 256 * 1024 + 1), "more than the index's maximum");
        assertRefused(withLong(ok, 144, 1), "tail marker");
        assertRefused(withLong(ok, 152, 1), "tail marker");
        assertRefused(withLong(ok, 160, 0), "table offset");
        assertRefused(withLong(ok, 168, 16 + 40 + 40), "table offset");
        assertRefused(withLong(ok, 176, 0), "tail marker");
        assertRefused(Arrays.copyOf(ok, ok.length - 1), "whole number");
        assertRefused(Arrays.copyOf(ok, ok.length + 40), "trailing data");
        byte[] twice = Arrays.copyOf(ok, ok.length + 40);
        System.arraycopy(ok, ok.length - 40, twice, ok.length, 40);
        assertRefused(twice, "trailing data");
        assertRefused(Arrays.copyOf(ok, ok.length + 3), "whole number");
        assertRefused(new byte[0], "shorter than an empty index");
    }

    @Test
    void anEmptyIndexIsValid() throws IOException {
        ImageIndex empty = new ImageIndex(ChunkerParams.DEFAULT, List.of());
        assertThat(CaibxFormat.read(CaibxFormat.write(empty))).isEqualTo(empty);
    }

    @Test
    void theWriterRefusesChunksOverTheMaximum() {
        ImageIndex index = new ImageIndex(new ChunkerParams(64, 64, 128), List.of(new ChunkRef(0, 129, A)));
        assertThatThrownBy(() -> CaibxFormat.write(index)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anOversizedFileIsRefusedBeforeItIsRead() throws IOException {
        Path file = dir.resolve("huge.caibx");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(CaibxFormat.MAX_INDEX_BYTES + 1); // sparse: costs no disk
        }
        assertThatThrownBy(() -> CaibxFormat.read(file)).isInstanceOf(IOException.class).hasMessageContaining("at most");
    }

    @Test
    void readsFilesAndNamesThemInErrors() throws IOException {
        Path good = Files.write(dir.resolve("good.caibx"), valid());
        assertThat(CaibxFormat.read(good).chunks()).hasSize(2);
        Path bad = Files.write(dir.resolve("bad.caibx"), new byte[200]);
        assertThatThrownBy(() -> CaibxFormat.read(bad)).isInstanceOf(IOException.class).hasMessageContaining("bad.caibx");
    }

    @Test
    void readsWhatCasyncMakesAndWritesItBackByteForByte() throws Exception {
        byte[] blob = new byte[3 << 20];
        new Random(11).nextBytes(blob);
        Files.write(dir.resolve("blob"), blob);
        Casync.run(dir, "make", "--digest=sha256", "--store=store", "blob.caibx", "blob");
        byte[] theirs = Files.readAllBytes(dir.resolve("blob.caibx"));

        ImageIndex index = CaibxFormat.read(theirs);

        assertThat(index.size()).isEqualTo(blob.length);
        assertThat(index.params()).isEqualTo(ChunkerParams.DEFAULT);
        for (ChunkRef chunk : index.chunks()) {
            assertThat(chunk.id()).isEqualTo(ChunkId.hash(blob, (int) chunk.offset(), chunk.length()));
        }
        // Everything but the feature flags, which casync fills with its archive defaults, is the same.
        byte[] ours = CaibxFormat.write(index);
        assertThat(withLong(ours, 16, 0)).isEqualTo(withLong(theirs, 16, 0));
    }

    @Test
    void refusesCasyncsDefaultSha512Ids() throws Exception {
        Files.write(dir.resolve("blob"), new byte[100_000]);
        Casync.run(dir, "make", "--store=store", "blob.caibx", "blob");
        assertThatThrownBy(() -> CaibxFormat.read(dir.resolve("blob.caibx")))
                .isInstanceOf(IOException.class).hasMessageContaining("--digest=sha256");
    }
}
