package org.workcell.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.workcell.image.FetchFixtures.DECODER;
import static org.workcell.image.FetchFixtures.fixedLengths;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An update with the installed image as a seed downloads only the chunks that changed. */
class FetchDeltaTest {
    private static final int CHUNK = 4096;
    private static final int CHUNKS = 100;
    private static final FetchSource.HttpOptions HTTP = FetchSource.HttpOptions.DEFAULT.withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(30));

    @TempDir
    Path temp;

    private record Update(FetchFixtures.TestImage old, FetchFixtures.TestImage next, Set<Integer> changed) {}

    /** Version 1, and version 2 with one byte changed in each of {@code changed} chunks and one chunk appended. */
    private static Update update(Set<Integer> changed) {
        byte[] v1 = FetchFixtures.randomPayload(61, CHUNKS * CHUNK);
        byte[] v2 = java.util.Arrays.copyOf(v1, v1.length + CHUNK);
        System.arraycopy(FetchFixtures.randomPayload(62, CHUNK), 0, v2, v1.length, CHUNK);
        for (int chunk : changed) {
            v2[chunk * CHUNK + 17] ^= 0x55;
        }
        Set<Integer> all = new TreeSet<>(changed);
        all.add(CHUNKS);
        return new Update(FetchFixtures.image(v1, fixedLengths(v1.length, CHUNK), 1), FetchFixtures.image(v2, fixedLengths(v2.length, CHUNK), 2), all);
    }

    @Test
    void anUpdateDownloadsOnlyTheChangedChunks() throws Exception {
        Update update = update(Set.of(3, 40, 77));
        Path store = Files.createDirectories(temp.resolve("store"));
        update.next().publish(store);
        Path target = temp.resolve("payload.img");
        Files.write(target, update.old().payload()); // version 1, installed

        long expectedBytes = 0;
        long reusedBytes = 0;
        List<ChunkRef> chunks = update.next().index().chunks();
        for (int i = 0; i < chunks.size(); i++) {
            if (update.changed().contains(i)) {
                expectedBytes += update.next().compressedSize(chunks.get(i).id());
            } else {
                reusedBytes += chunks.get(i).length();
            }
        }

        try (TestHttpStore server = new TestHttpStore(store);
             ImageFetcher fetcher = new ImageFetcher(FetchSource.http(server.base(), HTTP), DECODER, FetchFixtures.fastOptions())) {
            FetchResult result = fetcher.fetch(update.next().request(target)
                    .withPolicy(FetchPolicy.installed(update.old().manifest()))
                    .withSeed(target, update.old().index()));

            assertThat(result.chunksDownloaded()).isEqualTo(4);
            assertThat(result.bytesDownloaded()).isEqualTo(expectedBytes);
            assertThat(result.chunksReused()).isEqualTo(CHUNKS - 3);
            assertThat(result.bytesReused()).isEqualTo(reusedBytes);
            assertThat(server.chunkRequests.get()).isEqualTo(4);
            for (int i : update.changed()) {
                assertThat(server.requestsFor(chunks.get(i).id().storePath())).isEqualTo(1);
            }
        }
        assertThat(Files.readAllBytes(target)).isEqualTo(update.next().payload());
    }

    @Test
    void aSeedThatChangedSinceItsIndexCostsOnlyDownloads() throws Exception {
        Update update = update(Set.of(10));
        Path store = Files.createDirectories(temp.resolve("store"));
        update.next().publish(store);
        Path target = temp.resolve("payload.img");
        byte[] damaged = update.old().payload().clone();
        damaged[50 * CHUNK + 1] ^= 0x01; // chunk 50 of the installed file no longer matches its index
        Files.write(target, damaged);

        try (ImageFetcher fetcher = new ImageFetcher(FetchSource.directory(store), DECODER, FetchFixtures.fastOptions())) {
            FetchResult result = fetcher.fetch(update.next().request(target).withSeed(target, update.old().index()));
            assertThat(result.chunksDownloaded()).isEqualTo(3); // 10, the new last one, and the damaged 50
            assertThat(result.chunksReused()).isEqualTo(CHUNKS - 2);
        }
        assertThat(Files.readAllBytes(target)).isEqualTo(update.next().payload());
    }

    @Test
    void seedsThatCannotBeReadOrDoNotFitTheirIndexAreSkipped() throws Exception {
        Update update = update(Set.of());
        Path store = Files.createDirectories(temp.resolve("store"));
        update.next().publish(store);
        Path shortSeed = temp.resolve("short.img");
        Files.write(shortSeed, java.util.Arrays.copyOf(update.old().payload(), 1000));

        try (ImageFetcher fetcher = new ImageFetcher(FetchSource.directory(store), DECODER, FetchFixtures.fastOptions())) {
            FetchResult result = fetcher.fetch(update.next().request(temp.resolve("payload.img"))
                    .withSeed(temp.resolve("missing.img"), update.old().index())
                    .withSeed(shortSeed, update.old().index()));
            assertThat(result.chunksDownloaded()).isEqualTo(CHUNKS + 1);
            assertThat(result.chunksReused()).isZero();
        }
        assertThat(Files.readAllBytes(temp.resolve("payload.img"))).isEqualTo(update.next().payload());
    }

    @Test
    void aChunkThatOccursManyTimesIsDownloadedOnce() throws Exception {
        byte[] payload = new byte[20 * CHUNK]; // zeros: twenty copies of one chunk
        System.arraycopy(FetchFixtures.randomPayload(63, CHUNK), 0, payload, 7 * CHUNK, CHUNK);
        FetchFixtures.TestImage image = FetchFixtures.image(payload, fixedLengths(payload.length, CHUNK), 1);
        Path store = Files.createDirectories(temp.resolve("store"));
        image.publish(store);

        try (ImageFetcher fetcher = new ImageFetcher(FetchSource.directory(store), DECODER, FetchFixtures.fastOptions())) {
            FetchResult result = fetcher.fetch(image.request(temp.resolve("payload.img")));
            assertThat(result.chunksDownloaded()).isEqualTo(2);
            assertThat(result.bytesDownloaded()).isEqualTo(image.chunkFiles().values().stream().mapToLong(b -> b.length).sum());
        }
        assertThat(Files.readAllBytes(temp.resolve("payload.img"))).isEqualTo(payload);
    }

    @Test
    void chunksMovedToOtherOffsetsAreFoundInTheSeed() throws Exception {
        byte[] v1 = FetchFixtures.randomPayload(64, 10 * CHUNK);
        byte[] v2 = new byte[v1.length];
        List<Integer> order = new ArrayList<>(List.of(9, 8, 7, 6, 5, 4, 3, 2, 1, 0));
        for (int i = 0; i < order.size(); i++) {
            System.arraycopy(v1, order.get(i) * CHUNK, v2, i * CHUNK, CHUNK);
        }
        FetchFixtures.TestImage old = FetchFixtures.image(v1, fixedLengths(v1.length, CHUNK), 1);
        FetchFixtures.TestImage next = FetchFixtures.image(v2, fixedLengths(v2.length, CHUNK), 2);
        Path store = Files.createDirectories(temp.resolve("store"));
        next.publish(store);
        Path target = temp.resolve("payload.img");
        Files.write(target, v1);

        try (ImageFetcher fetcher = new ImageFetcher(FetchSource.directory(store), DECODER, FetchFixtures.fastOptions())) {
            FetchResult result = fetcher.fetch(next.request(target).withSeed(target, old.index()));
            assertThat(result.chunksDownloaded()).isZero();
            assertThat(result.chunksReused()).isEqualTo(10);
        }
        assertThat(Files.readAllBytes(target)).isEqualTo(v2);
    }
}
