package org.workcell.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

class DirectoryChunkStoreProperties {
    private static final ChunkerParams PARAMS = new ChunkerParams(1024, 4096, 16 * 1024);

    private Path root;
    private DirectoryChunkStore store;

    @BeforeProperty
    void open() throws IOException {
        root = Files.createTempDirectory("chunk-store");
        store = new DirectoryChunkStore(root, PARAMS, 3);
    }

    @AfterProperty
    void delete() throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static byte[] chunk(long seed, int length, boolean compressible) {
        Random random = new Random(seed);
        byte[] data = new byte[length];
        if (compressible) {
            for (int i = 0; i < length; i++) {
                data[i] = (byte) ('a' + random.nextInt(4));
            }
        } else {
            random.nextBytes(data);
        }
        return data;
    }

    @Property(tries = 300)
    void whatIsPutReadsBackTheSame(@ForAll long seed, @ForAll @IntRange(min = 1, max = 16 * 1024) int length,
            @ForAll boolean compressible, @ForAll @IntRange(max = 100) int offset) throws IOException {
        byte[] data = chunk(seed, length, compressible);
        byte[] padded = new byte[offset + length + 7];
        System.arraycopy(data, 0, padded, offset, length);

        ChunkId id = store.put(padded, offset, length);

        assertThat(id).isEqualTo(ChunkId.hash(data, 0, length));
        assertThat(store.contains(id)).isTrue();
        assertThat(store.read(id)).isEqualTo(data);
        Path file = root.resolve(id.hex().substring(0, 4)).resolve(id.hex() + ".cacnk");
        assertThat(file).isRegularFile();
        // One zstd frame, as casync reads it.
        assertThat(Zstd.decompress(Files.readAllBytes(file), length)).isEqualTo(data);
    }

    @Property(tries = 200)
    void anyDamageToAChunkFileIsCaughtAndNamesTheChunk(@ForAll long seed, @ForAll @IntRange(min = 1, max = 16 * 1024) int length,
            @ForAll boolean compressible, @ForAll @IntRange(min = 1, max = 5) int flips) throws IOException {
        byte[] data = chunk(seed, length, compressible);
        ChunkId id = store.put(data, 0, length);
        Path file = store.pathOf(id);
        byte[] frame = Files.readAllBytes(file);
        Random random = new Random(seed);
        for (int i = 0; i < flips; i++) {
            frame[random.nextInt(frame.length)] ^= (byte) (1 << random.nextInt(8));
        }
        Files.write(file, frame);

        try {
            byte[] read = store.read(id);
            // A flip in a part zstd does not check (say, a literal) must then change the content: the hash catches it.
            // If the flips cancelled out, the bytes are the right ones.
            assertThat(read).isEqualTo(data);
        } catch (IOException e) {
            assertThat(e.getMessage()).contains(id.hex());
        }
    }

    @Property(tries = 200)
    void randomBytesAsAChunkFileAreAnIoException(@ForAll byte[] garbage, @ForAll long seed) throws IOException {
        byte[] data = chunk(seed, 100, false);
        ChunkId id = store.put(data, 0, data.length);
        Files.write(store.pathOf(id), garbage);
        if (garbage.length == 0) {
            assertThat(store.contains(id)).as("an emptied chunk counts as missing").isFalse();
        }
        assertThatThrownBy(() -> store.read(id)).isInstanceOf(IOException.class).hasMessageContaining(id.hex());
    }

    @Property(tries = 100)
    void writeRefusesDataThatIsNotTheIdsAndStoresNothing(@ForAll long seed, @ForAll @IntRange(min = 1, max = 1000) int length) throws IOException {
        byte[] data = chunk(seed, length, false);
        ChunkId other = ChunkId.hash(data, 0, length - 1 == 0 ? 0 : length - 1);

        assertThatThrownBy(() -> store.write(other, data, 0, length)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(other.hex());
        assertThat(store.contains(other)).isFalse();
        assertThat(Files.exists(store.pathOf(other))).isFalse();
    }
}
