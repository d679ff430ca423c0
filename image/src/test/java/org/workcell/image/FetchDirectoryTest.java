package org.workcell.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.workcell.image.FetchFixtures.DECODER;
import static org.workcell.image.FetchFixtures.image;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetchDirectoryTest {
    @TempDir
    Path temp;

    @Test
    void fetchesAWholeImageFromAFolderStore() throws Exception {
        Path store = Files.createDirectories(temp.resolve("store"));
        FetchFixtures.TestImage image = image(1, 300_000, 4096, 1).publish(store);
        Path target = temp.resolve("payload.img");
        List<Progress> reports = Collections.synchronizedList(new ArrayList<>());

        FetchResult result;
        try (FetchSource source = FetchSource.directory(store);
             ImageFetcher fetcher = new ImageFetcher(source, DECODER, FetchFixtures.fastOptions())) {
            result = fetcher.fetch(image.request(target).withProgress(reports::add));
        }

        assertThat(Files.readAllBytes(target)).isEqualTo(image.payload());
        assertThat(result.manifest()).isEqualTo(image.manifest());
        assertThat(result.index()).isEqualTo(image.index());
        assertThat(result.chunksDownloaded()).isEqualTo(image.chunkCount());
        assertThat(result.bytesDownloaded()).isEqualTo(image.chunkFiles().values().stream().mapToLong(b -> b.length).sum());
        assertThat(result.chunksReused()).isZero();
        assertThat(result.chunksResumed()).isZero();
        assertThat(temp).isDirectoryNotContaining(p -> p.getFileName().toString().contains(".partial"));
        assertThat(reports).isNotEmpty();
        Progress last = reports.getLast();
        assertThat(last.doneBytes()).isEqualTo(last.totalBytes()).isEqualTo(image.payload().length);
        assertThat(reports).extracting(Progress::phase).contains("fetch", "verify");
    }

    @Test
    void progressIsReportedAtMostTenTimesASecondAndNeverGoesBackWithinAPhase() throws Exception {
        Path store = Files.createDirectories(temp.resolve("store"));
        FetchFixtures.TestImage image = image(8, 3_000_000, 4096, 1).publish(store);
        List<Progress> reports = Collections.synchronizedList(new ArrayList<>());

        long start = System.nanoTime();
        try (ImageFetcher fetcher = new ImageFetcher(FetchSource.directory(store), DECODER, FetchOptions.DEFAULT)) {
            fetcher.fetch(image.request(temp.resolve("payload.img")).withProgress(reports::add));
        }
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        // Forced reports: the start of each phase (2), the start of downloading, the end; the rest at most one per 100 ms.
        assertThat(reports.size()).isLessThanOrEqualTo(4 + 1 + (int) (elapsedMillis / 100));
        for (int i = 1; i < reports.size(); i++) {
            Progress before = reports.get(i - 1);
            Progress now = reports.get(i);
            if (before.phase().equals(now.phase())) {
                assertThat(now.doneBytes()).isGreaterThanOrEqualTo(before.doneBytes());
            }
            assertThat(now.doneBytes()).isBetween(0L, now.totalBytes());
            assertThat(now.bytesPerSecond()).isNotNegative();
        }
        assertThat(reports.getLast().eta()).isEqualTo(java.time.Duration.ZERO);
    }

    @Test
    void fetchesIndexBytesTheCallerAlreadyHas() throws Exception {
        Path store = Files.createDirectories(temp.resolve("store"));
        FetchFixtures.TestImage image = image(2, 50_000, 4096, 1).publish(store);
        Files.delete(store.resolve(FetchFixtures.INDEX_FILE));
        Path target = temp.resolve("payload.img");

        try (ImageFetcher fetcher = new ImageFetcher(FetchSource.directory(store), DECODER, FetchFixtures.fastOptions())) {
            fetcher.fetch(FetchRequest.of(image.token(), FetchFixtures.IMAGE_KEY.getPublic(), FetchPolicy.NOTHING_INSTALLED,
                    FetchRequest.IndexSource.of(image.indexBytes()), target));
        }

        assertThat(Files.readAllBytes(target)).isEqualTo(image.payload());
    }

    @Test
    void fetchesAnEmptyImage() throws Exception {
        Path store = Files.createDirectories(temp.resolve("store"));
        FetchFixtures.TestImage image = image(3, 0, 4096, 1).publish(store);
        Path target = temp.resolve("payload.img");

        try (ImageFetcher fetcher = new ImageFetcher(FetchSource.directory(store), DECODER, FetchFixtures.fastOptions())) {
            FetchResult result = fetcher.fetch(image.request(target));
            assertThat(result.chunksDownloaded()).isZero();
        }

        assertThat(target).isEmptyFile();
    }

    @Test
    void chunksInTheCacheAreNotDownloadedAndDownloadsAreCached() throws Exception {
        Path store = Files.createDirectories(temp.resolve("store"));
        FetchFixtures.TestImage image = image(4, 100_000, 4096, 1).publish(store);
        MemoryChunkStore cache = new MemoryChunkStore();
        List<ChunkRef> chunks = image.index().chunks();
        for (int i = 0; i < 10; i++) {
            ChunkRef ref = chunks.get(i);
            cache.write(ref.id(), image.payload(), (int) ref.offset(), ref.length());
        }

        try (ImageFetcher fetcher = new ImageFetcher(FetchSource.directory(store), DECODER, cache, FetchFixtures.fastOptions())) {
            FetchResult result = fetcher.fetch(image.request(temp.resolve("a.img")));
            assertThat(result.chunksReused()).isEqualTo(10);
            assertThat(result.chunksDownloaded()).isEqualTo(image.chunkCount() - 10);
            assertThat(cache.chunks).hasSize(image.chunkCount());

            FetchResult again = fetcher.fetch(image.request(temp.resolve("b.img")));
            assertThat(again.chunksDownloaded()).isZero();
            assertThat(again.chunksReused()).isEqualTo(image.chunkCount());
        }
        assertThat(Files.readAllBytes(temp.resolve("b.img"))).isEqualTo(image.payload());
    }

    @Test
    void aDamagedCacheEntryIsDownloadedAgain() throws Exception {
        Path store = Files.createDirectories(temp.resolve("store"));
        FetchFixtures.TestImage image = image(5, 40_000, 4096, 1).publish(store);
        MemoryChunkStore cache = new MemoryChunkStore();
        ChunkRef first = image.index().chunks().getFirst();
        cache.chunks.put(first.id(), new byte[first.length()]); // wrong bytes under the id

        try (ImageFetcher fetcher = new ImageFetcher(FetchSource.directory(store), DECODER, cache, FetchFixtures.fastOptions())) {
            FetchResult result = fetcher.fetch(image.request(temp.resolve("a.img")));
            assertThat(result.chunksReused()).isZero();
            assertThat(result.chunksDownloaded()).isEqualTo(image.chunkCount());
        }
        assertThat(Files.readAllBytes(temp.resolve("a.img"))).isEqualTo(image.payload());
    }

    @Test
    void aChunkMissingFromTheStoreFailsAtOnceNamingIt() throws Exception {
        Path store = Files.createDirectories(temp.resolve("store"));
        FetchFixtures.TestImage image = image(6, 40_000, 4096, 1).publish(store);
        ChunkId gone = image.index().chunks().get(3).id();
        Files.delete(store.resolve(gone.storePath()));
        Path target = temp.resolve("payload.img");
        Files.writeString(target, "the old image");

        try (ImageFetcher fetcher = new ImageFetcher(FetchSource.directory(store), DECODER, FetchFixtures.fastOptions())) {
            assertThatThrownBy(() -> fetcher.fetch(image.request(target)))
                    .isInstanceOfSatisfying(ImageFetchException.class, e -> {
                        assertThat(e.reason()).isEqualTo(ImageFetchException.Reason.SOURCE_FAILED);
                        assertThat(e.chunk()).isEqualTo(gone);
                    })
                    .hasMessageContaining(gone.hex()).hasMessageContaining("no such file");
        }
        assertThat(target).hasContent("the old image");
    }

    @Test
    void aTargetWhoseFolderDoesNotExistIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path store = Files.createDirectories(temp.resolve("store"));
        FetchFixtures.TestImage image = image(7, 10_000, 4096, 1).publish(store);

        try (ImageFetcher fetcher = new ImageFetcher(FetchSource.directory(store), DECODER, FetchFixtures.fastOptions())) {
            assertThatThrownBy(() -> fetcher.fetch(image.request(temp.resolve("missing/payload.img"))))
                    .isInstanceOfSatisfying(ImageFetchException.class, e -> assertThat(e.reason()).isEqualTo(ImageFetchException.Reason.LOCAL_IO))
                    .hasMessageContaining("does not exist");
        }
        assertThat(temp.resolve("missing")).doesNotExist();
    }

    @Test
    void aFolderSourceReadsOnlyInsideItsStore() throws Exception {
        Path store = Files.createDirectories(temp.resolve("store"));
        Files.writeString(temp.resolve("secret"), "x");
        FetchSource source = FetchSource.directory(store);

        assertThatThrownBy(() -> source.read("../secret", 100)).isInstanceOfSatisfying(SourceException.class,
                e -> assertThat(e.kind()).isEqualTo(SourceException.Kind.REFUSED));
        assertThatThrownBy(() -> source.read(temp.resolve("secret").toString(), 100)).isInstanceOf(SourceException.class);
        assertThatThrownBy(() -> FetchSource.directory(temp.resolve("nope"))).isInstanceOf(IllegalArgumentException.class);
    }
}
