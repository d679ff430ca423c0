package org.workcell.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class FetchProperties {
    /**
     * Whatever the payload, its chunking, the seed (an older version with other chunk boundaries
     * and scattered changes) and the cache hold: the fetched file is the payload, and exactly the
     * chunks found in neither seed nor cache are downloaded, each once.
     */
    @Property(tries = 30)
    void anyImageIsReassembledFromAnyMixOfSeedCacheAndStore(
            @ForAll @IntRange(max = 120_000) int size,
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 8) int parallelism) throws Exception {
        Random random = new Random(seed);
        byte[] payload = FetchFixtures.randomPayload(seed, size);
        FetchFixtures.TestImage image = FetchFixtures.image(payload, FetchFixtures.randomLengths(size, random), 2);
        byte[] older = payload.clone();
        for (int i = 0; i < 3 && size > 0; i++) {
            older[random.nextInt(size)] ^= (byte) (1 + random.nextInt(255));
        }
        // Other boundaries (few chunks in common) or the same ones (only the changed chunks differ).
        List<Integer> olderLengths = random.nextBoolean() ? FetchFixtures.fixedLengths(size, 4096) : lengthsOf(image.index());
        ImageIndex olderIndex = FetchFixtures.image(older, olderLengths, 1).index();
        MemoryChunkStore cache = new MemoryChunkStore();
        for (ChunkRef ref : image.index().chunks()) {
            if (random.nextInt(4) == 0) {
                cache.write(ref.id(), payload, (int) ref.offset(), ref.length());
            }
        }
        Set<ChunkId> local = new HashSet<>(cache.chunks.keySet());
        olderIndex.chunks().forEach(ref -> local.add(ref.id()));
        Set<ChunkId> expectedDownloads = new HashSet<>();
        image.index().chunks().stream().map(ChunkRef::id).filter(id -> !local.contains(id)).forEach(expectedDownloads::add);

        Path temp = Files.createTempDirectory("fetch-property");
        try {
            Path store = Files.createDirectories(temp.resolve("store"));
            image.publish(store);
            Path target = temp.resolve("payload.img");
            Files.write(target, older);
            try (ImageFetcher fetcher = new ImageFetcher(FetchSource.directory(store), FetchFixtures.DECODER, cache,
                    FetchFixtures.fastOptions().withParallelism(parallelism))) {
                FetchResult result = fetcher.fetch(image.request(target).withSeed(target, olderIndex));
                assertThat(result.chunksDownloaded()).isEqualTo(expectedDownloads.size());
                assertThat(result.chunksDownloaded() + result.chunksReused()).isLessThanOrEqualTo(image.chunkCount());
            }
            assertThat(Files.readAllBytes(target)).isEqualTo(payload);
        } finally {
            delete(temp);
        }
    }

    private static List<Integer> lengthsOf(ImageIndex index) {
        return index.chunks().stream().map(ChunkRef::length).toList();
    }

    private static void delete(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
