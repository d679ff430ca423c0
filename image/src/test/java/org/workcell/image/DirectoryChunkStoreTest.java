package org.workcell.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryChunkStoreTest {
    private static final ChunkerParams PARAMS = new ChunkerParams(1024, 4096, 16 * 1024);

    @TempDir
    Path root;

    private static byte[] random(int length, long seed) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        return data;
    }

    @Test
    void aMissingChunkIsNotContainedAndReadingItNamesIt() throws IOException {
        DirectoryChunkStore store = new DirectoryChunkStore(root, PARAMS, 3);
        ChunkId id = ChunkId.hash(new byte[] {9}, 0, 1);
        assertThat(store.contains(id)).isFalse();
        assertThatThrownBy(() -> store.read(id)).isInstanceOf(NoSuchFileException.class).hasMessageContaining(id.hex());
    }

    @Test
    void aValidFrameOfOtherDataIsCaughtByTheHash() throws IOException {
        DirectoryChunkStore store = new DirectoryChunkStore(root, PARAMS, 3);
        byte[] data = random(5000, 1);
        ChunkId id = store.put(data, 0, data.length);
        Files.write(store.pathOf(id), Zstd.compress(random(5000, 2)));

        assertThatThrownBy(() -> store.read(id)).isInstanceOf(IOException.class)
                .hasMessageContaining(id.hex()).hasMessageContaining("hashes to");
    }

    @Test
    void aFrameThatDecompressesBeyondTheMaximumIsRefused() throws IOException {
        DirectoryChunkStore store = new DirectoryChunkStore(root, PARAMS, 3);
        ChunkId id = store.put(new byte[] {1}, 0, 1);
        // A bomb: a few hundred bytes that inflate to 64 MiB. Once with its size in the header, once streamed without.
        byte[] withSize = Zstd.compress(new byte[64 << 20]);
        assertThat(withSize.length).isLessThan(10_000);
        Files.write(store.pathOf(id), withSize);
        assertThatThrownBy(() -> store.read(id)).isInstanceOf(IOException.class).hasMessageContaining(id.hex());

        java.io.ByteArrayOutputStream streamed = new java.io.ByteArrayOutputStream();
        try (com.github.luben.zstd.ZstdOutputStream out = new com.github.luben.zstd.ZstdOutputStream(streamed)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                out.write(zeros);
            }
        }
        Files.write(store.pathOf(id), streamed.toByteArray());
        assertThatThrownBy(() -> store.read(id)).isInstanceOf(IOException.class).hasMessageContaining(id.hex());
    }

    @Test
    void aChunkFileLargerThanAnyChunkCanCompressToIsRefusedUnread() throws IOException {
        DirectoryChunkStore store = new DirectoryChunkStore(root, PARAMS, 3);
        ChunkId id = store.put(new byte[] {1}, 0, 1);
        Files.write(store.pathOf(id), new byte[64 * 1024]);
        assertThatThrownBy(() -> store.read(id)).isInstanceOf(IOException.class).hasMessageContaining("larger than");
    }

    @Test
    void chunksMustBeOneByteToTheMaximum() throws IOException {
        DirectoryChunkStore store = new DirectoryChunkStore(root, PARAMS, 3);
        assertThatThrownBy(() -> store.put(new byte[0], 0, 0)).isInstanceOf(IllegalArgumentException.class);
        byte[] big = new byte[PARAMS.max() + 1];
        assertThatThrownBy(() -> store.put(big, 0, big.length)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.put(big, 10, big.length)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(listFiles()).isEmpty();
    }

    @Test
    void concurrentWritersOfTheSameChunksLeaveOneGoodCopyEachAndNoTemporaryFiles() throws Exception {
        DirectoryChunkStore store = new DirectoryChunkStore(root, PARAMS, 1);
        List<byte[]> chunks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            chunks.add(random(1 + i * 700, i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<ChunkId>> futures = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (byte[] chunk : chunks) {
                    futures.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            return store.put(chunk, 0, chunk.length);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }, pool));
                }
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        } finally {
            pool.shutdown();
        }
        for (byte[] chunk : chunks) {
            assertThat(store.read(ChunkId.hash(chunk, 0, chunk.length))).isEqualTo(chunk);
        }
        assertThat(listFiles()).hasSize(chunks.size()).allMatch(p -> p.getFileName().toString().endsWith(".cacnk"));
    }

    @Test
    void anEmptiedChunkFileIsWrittenAgain() throws IOException {
        DirectoryChunkStore store = new DirectoryChunkStore(root, PARAMS, 3);
        byte[] data = random(3000, 3);
        ChunkId id = store.put(data, 0, data.length);
        Files.write(store.pathOf(id), new byte[0]); // what a crash between rename and writeback can leave

        assertThat(store.put(data, 0, data.length)).isEqualTo(id);
        assertThat(store.read(id)).isEqualTo(data);
    }

    @Test
    void theRootMayNotBeAFileAndLevelsAreZstds() throws IOException {
        Path file = Files.writeString(root.resolve("file"), "x");
        assertThatThrownBy(() -> new DirectoryChunkStore(file)).isInstanceOf(IOException.class).hasMessageContaining("not a folder");
        assertThatThrownBy(() -> new DirectoryChunkStore(root, PARAMS, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DirectoryChunkStore(root, PARAMS, 20)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsChunksThatCasyncStored() throws Exception {
        byte[] blob = random(2 << 20, 4);
        for (int i = 0; i < blob.length / 2; i++) {
            blob[i] = (byte) (i % 13); // and some that compress
        }
        Files.write(root.resolve("blob"), blob);
        Casync.run(root, "make", "--digest=sha256", "--store=store", "blob.caibx", "blob");
        ImageIndex index = CaibxFormat.read(root.resolve("blob.caibx"));
        DirectoryChunkStore store = new DirectoryChunkStore(root.resolve("store"));

        for (ChunkRef chunk : index.chunks()) {
            assertThat(store.contains(chunk.id())).isTrue();
            assertThat(store.read(chunk.id())).hasSize(chunk.length());
        }
    }

    private List<Path> listFiles() throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).toList();
        }
    }
}
