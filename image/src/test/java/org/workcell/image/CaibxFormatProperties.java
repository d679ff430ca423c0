package org.workcell.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class CaibxFormatProperties {
    static ImageIndex randomIndex(long seed, int count) {
        Random random = new Random(seed);
        int avg = 1 << (6 + random.nextInt(14));
        int min = Math.max(64, avg >> random.nextInt(4));
        int max = Math.min(64 << 20, avg << random.nextInt(4));
        ChunkerParams params = new ChunkerParams(min, avg, max);
        List<ChunkRef> chunks = new ArrayList<>();
        long offset = 0;
        for (int i = 0; i < count; i++) {
            int length = 1 + random.nextInt(max);
            byte[] id = new byte[ChunkId.BYTES];
            random.nextBytes(id);
            chunks.add(new ChunkRef(offset, length, ChunkId.of(id)));
            offset += length;
        }
        return new ImageIndex(params, chunks);
    }

    @Property(tries = 300)
    void writeThenReadGivesTheSameIndex(@ForAll long seed, @ForAll @IntRange(max = 300) int count) throws IOException {
        ImageIndex index = randomIndex(seed, count);
        byte[] bytes = CaibxFormat.write(index);

        assertThat(bytes).hasSize(48 + 16 + 40 * count + 40);
        assertThat(CaibxFormat.read(bytes)).isEqualTo(index);
    }

    @Provide
    Arbitrary<byte[]> anyBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
    }

    @Property(tries = 2000)
    void randomBytesAreRefusedWithAnIoException(@ForAll("anyBytes") byte[] bytes) {
        readOrIoException(bytes);
    }

    @Property(tries = 2000)
    void mutationsOfAValidIndexAreReadOrRefusedWithAnIoException(@ForAll long seed, @ForAll @IntRange(max = 20) int count,
            @ForAll @IntRange(min = 1, max = 8) int mutations) {
        byte[] bytes = CaibxFormat.write(randomIndex(seed, count));
        Random random = new Random(seed ^ 0x5DEECE66DL);
        for (int i = 0; i < mutations; i++) {
            switch (random.nextInt(4)) {
                case 0 -> bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
                case 1 -> bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                case 2 -> bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
                default -> {
                    byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1 + random.nextInt(80));
                    bytes = longer;
                }
            }
            if (bytes.length == 0) {
                break;
            }
        }
        ImageIndex read = readOrIoException(bytes);
        if (read != null) {
            // Whatever is accepted is a consistent index that writes back to a well-formed file.
            assertThat(CaibxFormat.write(read)).hasSize(48 + 16 + 40 * read.chunks().size() + 40);
        }
    }

    @Property(tries = 200)
    void everyTruncationIsRefused(@ForAll long seed, @ForAll @IntRange(max = 5) int count) {
        byte[] bytes = CaibxFormat.write(randomIndex(seed, count));
        for (int length = 0; length < bytes.length; length++) {
            byte[] truncated = java.util.Arrays.copyOf(bytes, length);
            try {
                CaibxFormat.read(truncated);
                throw new AssertionError("a truncation to " + length + " of " + bytes.length + " bytes was accepted");
            } catch (IOException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    private static ImageIndex readOrIoException(byte[] bytes) {
        try {
            return CaibxFormat.read(bytes);
        } catch (IOException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            return null;
        }
    }
}
