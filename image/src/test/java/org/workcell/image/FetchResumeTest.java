package org.workcell.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.workcell.image.FetchFixtures.DECODER;
import static org.workcell.image.FetchFixtures.image;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.workcell.core.crypto.Ed25519;

/**
 * An interrupted fetch resumes: the second run downloads only what the first did not record as
 * written. The server lets {@link #SERVED} chunk requests through and holds every later one, so
 * that the first run stops at a known point.
 */
class FetchResumeTest {
    private static final int CHUNK = 4096;
    private static final int SERVED = 17;
    private static final int PARALLELISM = 4;
    private static final FetchSource.HttpOptions HTTP = FetchSource.HttpOptions.DEFAULT.withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(5));

    @TempDir
    Path temp;

    private Path store;
    private Path target;
    private FetchFixtures.TestImage image;
    private final Set<String> served = ConcurrentHashMap.newKeySet();
    private final CountDownLatch allWorkersHeld = new CountDownLatch(PARALLELISM);

    @BeforeEach
    void setUp() throws Exception {
        store = Files.createDirectories(temp.resolve("store"));
        target = temp.resolve("payload.img");
        image = image(71, 60 * CHUNK, CHUNK, 1).publish(store);
        assertThat(image.chunkFiles()).hasSize(60); // all distinct, so requests and chunks correspond one to one
    }

    /** Serves the first {@link #SERVED} chunk requests and holds the rest until the server closes. */
    private void serveThenHold(TestHttpStore server) {
        AtomicInteger tickets = new AtomicInteger(SERVED);
        server.behaviour = (exchange, file, nth) -> {
            String path = exchange.getRequestURI().getPath();
            if (!path.endsWith(".cacnk")) {
                return false;
            }
            if (tickets.getAndDecrement() > 0) {
                served.add(path);
                return false;
            }
            allWorkersHeld.countDown();
            server.awaitRelease();
            TestHttpStore.send(exchange, 503, new byte[0]);
            return true;
        };
    }

    private static FutureTask<FetchResult> start(ImageFetcher fetcher, FetchRequest request) {
        FutureTask<FetchResult> task = new FutureTask<>(() -> fetcher.fetch(request));
        Thread.ofPlatform().name("test-fetch").start(task);
        return task;
    }

    /** Once every worker is held, every earlier chunk has been handed to the writer. */
    private void awaitAllWorkersHeld() throws InterruptedException {
        assertThat(allWorkersHeld.await(1, TimeUnit.MINUTES)).as("all workers waiting on held requests").isTrue();
    }

    private FetchResult fetchAgain(TestHttpStore server) throws Exception {
        server.behaviour = null;
        server.chunkRequests.set(0);
        try (ImageFetcher fetcher = new ImageFetcher(FetchSource.http(server.base(), HTTP), DECODER, FetchFixtures.fastOptions())) {
            return fetcher.fetch(image.request(target));
        }
    }

    @Test
    void aCancelledFetchResumesDownloadingOnlyWhatItHadNotWritten() throws Exception {
        try (TestHttpStore server = new TestHttpStore(store)) {
            serveThenHold(server);
            ImageFetcher fetcher = new ImageFetcher(FetchSource.http(server.base(), HTTP), DECODER, FetchFixtures.fastOptions().withParallelism(PARALLELISM));
            FutureTask<FetchResult> first = start(fetcher, image.request(target));
            awaitAllWorkersHeld();
            fetcher.close();

            assertThatThrownBy(first::get).isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOfSatisfying(ImageFetchException.class, e -> assertThat(e.reason()).isEqualTo(ImageFetchException.Reason.CANCELLED));
            assertThat(target).doesNotExist();
            assertThat(temp.resolve("payload.img.partial")).exists();
            assertThat(temp.resolve("payload.img.partial.state")).exists();

            FetchResult second = fetchAgain(server);

            assertThat(second.chunksResumed()).isEqualTo(SERVED);
            assertThat(second.bytesResumed()).isEqualTo((long) SERVED * CHUNK);
            assertThat(second.chunksDownloaded()).isEqualTo(image.chunkCount() - SERVED);
            assertThat(server.chunkRequests.get()).isEqualTo(image.chunkCount() - SERVED);
        }
        assertThat(Files.readAllBytes(target)).isEqualTo(image.payload());
        assertThat(temp.resolve("payload.img.partial")).doesNotExist();
        assertThat(temp.resolve("payload.img.partial.state")).doesNotExist();
    }

    @Test
    void aKilledFetchProcessResumesDownloadingOnlyWhatItHadNotWritten() throws Exception {
        Path tokenFile = Files.writeString(temp.resolve("manifest.jws"), image.token());
        Path childErrors = temp.resolve("child.err");
        try (TestHttpStore server = new TestHttpStore(store)) {
            serveThenHold(server);
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), FetchKillChild.class.getName(),
                    server.base().toString(), target.toString(), tokenFile.toString(),
                    Ed25519.publicKeyToBase64(FetchFixtures.IMAGE_KEY.getPublic()), Integer.toString(PARALLELISM))
                    .redirectError(childErrors.toFile())
                    .start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                // Wait for the child to report the last chunk it can get as written: then its journal lists all of them.
                String expected = "written " + (long) SERVED * CHUNK;
                String line;
                while ((line = out.readLine()) != null && !line.equals(expected)) {
                    assertThat(line).as("child output").startsWith("written ");
                }
                assertThat(line).as("the child stopped early; its errors: %s", Files.exists(childErrors) ? Files.readString(childErrors) : "")
                        .isEqualTo(expected);
                child.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks, no last journal sync
                assertThat(child.waitFor(1, TimeUnit.MINUTES)).isTrue();
            } finally {
                child.destroyForcibly();
            }
            assertThat(target).doesNotExist();

            FetchResult second = fetchAgain(server);

            assertThat(second.chunksResumed()).isEqualTo(SERVED);
            assertThat(second.chunksDownloaded()).isEqualTo(image.chunkCount() - SERVED);
            assertThat(server.chunkRequests.get()).isEqualTo(image.chunkCount() - SERVED);
        }
        assertThat(Files.readAllBytes(target)).isEqualTo(image.payload());
    }

    @Test
    void aResumeChecksTheChunksTheJournalListsAndFetchesDamagedOnesAgain() throws Exception {
        try (TestHttpStore server = new TestHttpStore(store)) {
            serveThenHold(server);
            ImageFetcher fetcher = new ImageFetcher(FetchSource.http(server.base(), HTTP), DECODER, FetchFixtures.fastOptions().withParallelism(PARALLELISM));
            FutureTask<FetchResult> first = start(fetcher, image.request(target));
            awaitAllWorkersHeld();
            fetcher.close();
            assertThatThrownBy(first::get).isInstanceOf(ExecutionException.class);

            // As after a power cut: the journal lists a chunk whose bytes did not survive.
            ChunkRef damaged = image.index().chunks().stream()
                    .filter(ref -> served.contains("/store/" + ref.id().storePath()))
                    .findFirst().orElseThrow();
            try (FileChannel partial = FileChannel.open(temp.resolve("payload.img.partial"), StandardOpenOption.WRITE)) {
                partial.write(ByteBuffer.wrap(new byte[100]), damaged.offset() + 10);
            }

            FetchResult second = fetchAgain(server);

            assertThat(second.chunksResumed()).isEqualTo(SERVED - 1);
            assertThat(second.chunksDownloaded()).isEqualTo(image.chunkCount() - SERVED + 1);
            assertThat(server.requestsFor(damaged.id().storePath())).isEqualTo(2);
        }
        assertThat(Files.readAllBytes(target)).isEqualTo(image.payload());
    }

    @Test
    void aPartialFileOfAnotherImageIsStartedOver() throws Exception {
        try (TestHttpStore server = new TestHttpStore(store)) {
            serveThenHold(server);
            ImageFetcher fetcher = new ImageFetcher(FetchSource.http(server.base(), HTTP), DECODER, FetchFixtures.fastOptions().withParallelism(PARALLELISM));
            FutureTask<FetchResult> first = start(fetcher, image.request(target));
            awaitAllWorkersHeld();
            fetcher.close();
            assertThatThrownBy(first::get).isInstanceOf(ExecutionException.class);
        }
        FetchFixtures.TestImage other = image(72, 30 * CHUNK, CHUNK, 2).publish(store);

        try (ImageFetcher fetcher = new ImageFetcher(FetchSource.directory(store), DECODER, FetchFixtures.fastOptions())) {
            FetchResult result = fetcher.fetch(other.request(target));
            assertThat(result.chunksResumed()).isZero();
            assertThat(result.chunksDownloaded()).isEqualTo(other.chunkCount());
        }
        assertThat(Files.readAllBytes(target)).isEqualTo(other.payload());
    }

    @Test
    void aSecondFetchIntoTheSameTargetIsRefusedWhileTheFirstRuns() throws Exception {
        Files.writeString(target, "the old image");
        try (TestHttpStore server = new TestHttpStore(store)) {
            ImageFetcher fetcher = new ImageFetcher(FetchSource.http(server.base(), HTTP), DECODER, FetchFixtures.fastOptions().withParallelism(PARALLELISM));
            serveThenHold(server);
            FutureTask<FetchResult> first = start(fetcher, image.request(target));
            awaitAllWorkersHeld();

            assertThatThrownBy(() -> fetcher.fetch(image.request(target)))
                    .isInstanceOfSatisfying(ImageFetchException.class, e -> assertThat(e.reason()).isEqualTo(ImageFetchException.Reason.LOCAL_IO))
                    .hasMessageContaining("another fetch");
            fetcher.close();
            assertThatThrownBy(first::get).isInstanceOf(ExecutionException.class);
        }
        assertThat(target).hasContent("the old image");
    }

    @Test
    void interruptingTheCallerCancelsTheFetchAndKeepsTheInterrupt() throws Exception {
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        try (TestHttpStore server = new TestHttpStore(store);
             ImageFetcher fetcher = new ImageFetcher(FetchSource.http(server.base(), HTTP), DECODER, FetchFixtures.fastOptions().withParallelism(PARALLELISM))) {
            serveThenHold(server);
            FutureTask<ImageFetchException> first = new FutureTask<>(() -> {
                try {
                    fetcher.fetch(image.request(target));
                    return null;
                } catch (ImageFetchException e) {
                    stillInterrupted.set(Thread.currentThread().isInterrupted());
                    return e;
                }
            });
            Thread caller = Thread.ofPlatform().start(first);
            awaitAllWorkersHeld();
            caller.interrupt();

            assertThat(first.get().reason()).isEqualTo(ImageFetchException.Reason.CANCELLED);
            assertThat(stillInterrupted).isTrue();

            FetchResult second = fetchAgain(server);
            assertThat(second.chunksResumed()).isEqualTo(SERVED);
        }
        assertThat(Files.readAllBytes(target)).isEqualTo(image.payload());
    }

    @Test
    void aClosedFetcherFetchesNothing() throws Exception {
        ImageFetcher fetcher = new ImageFetcher(FetchSource.directory(store), DECODER, FetchFixtures.fastOptions());
        fetcher.close();

        assertThatThrownBy(() -> fetcher.fetch(image.request(target)))
                .isInstanceOfSatisfying(ImageFetchException.class, e -> assertThat(e.reason()).isEqualTo(ImageFetchException.Reason.CANCELLED));
        assertThat(target).doesNotExist();
        assertThat(List.of(temp.resolve("payload.img.partial"), temp.resolve("payload.img.partial.state"))).allMatch(p -> !Files.exists(p));
    }
}
