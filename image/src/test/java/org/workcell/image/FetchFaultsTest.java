package org.workcell.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.workcell.image.FetchFixtures.DECODER;
import static org.workcell.image.FetchFixtures.image;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A source that misbehaves: retried while it might recover, a clear failure when it does not, the target untouched. */
class FetchFaultsTest {
    private static final Duration SHORT = Duration.ofMillis(300);
    private static final FetchSource.HttpOptions HTTP = FetchSource.HttpOptions.DEFAULT.withTimeouts(SHORT, SHORT);
    // For faults that must be noticed as what they are, not by waiting for a timeout.
    private static final Duration LONG = Duration.ofSeconds(30);
    private static final FetchSource.HttpOptions PATIENT = FetchSource.HttpOptions.DEFAULT.withTimeouts(LONG, LONG);

    @TempDir
    Path temp;

    private Path store() throws Exception {
        return Files.createDirectories(temp.resolve("store"));
    }

    private Path oldTarget() throws Exception {
        Path target = temp.resolve("payload.img");
        Files.writeString(target, "the old image");
        return target;
    }

    @Test
    void aTruncatedDownloadIsRetriedAndSucceeds() throws Exception {
        FetchFixtures.TestImage image = image(21, 60_000, 4096, 1).publish(store());
        Path target = oldTarget();

        try (TruncatingHttpStore server = new TruncatingHttpStore(temp.resolve("store"), nth -> nth == 1)) {
            long start = System.nanoTime();
            try (ImageFetcher fetcher = new ImageFetcher(FetchSource.http(server.base(), PATIENT), DECODER, FetchFixtures.fastOptions())) {
                FetchResult result = fetcher.fetch(image.request(target));
                assertThat(result.chunksDownloaded()).isEqualTo(image.chunkCount());
            }
            assertThat(server.chunkRequests.get()).isEqualTo(2 * image.chunkCount());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("noticed when the connection closed, not by timing out").isLessThan(LONG);
        }
        assertThat(Files.readAllBytes(target)).isEqualTo(image.payload());
    }

    @Test
    void aDownloadThatIsAlwaysTruncatedFailsCleanlyAfterTheAttemptLimit() throws Exception {
        FetchFixtures.TestImage image = image(22, 4096, 4096, 1).publish(store());
        Path target = oldTarget();

        try (TruncatingHttpStore server = new TruncatingHttpStore(temp.resolve("store"), nth -> true)) {
            try (ImageFetcher fetcher = new ImageFetcher(FetchSource.http(server.base(), PATIENT), DECODER, FetchFixtures.fastOptions())) {
                assertThatThrownBy(() -> fetcher.fetch(image.request(target)))
                        .isInstanceOfSatisfying(ImageFetchException.class, e -> {
                            assertThat(e.reason()).isEqualTo(ImageFetchException.Reason.SOURCE_FAILED);
                            assertThat(e.chunk()).isEqualTo(image.index().chunks().getFirst().id());
                        })
                        .hasMessageContaining("gave up after 3 attempts")
                        .hasMessageNotContaining("no complete answer within");
            }
            assertThat(server.chunkRequests.get()).isEqualTo(3);
        }
        assertThat(target).hasContent("the old image");
    }

    @Test
    void serverErrorsAreRetried() throws Exception {
        FetchFixtures.TestImage image = image(23, 40_000, 4096, 1).publish(store());
        Path target = temp.resolve("payload.img");

        try (TestHttpStore server = new TestHttpStore(temp.resolve("store"))) {
            server.behaviour = (exchange, file, nth) -> {
                if (nth <= 2) { // the index too
                    TestHttpStore.send(exchange, 503, new byte[0]);
                    return true;
                }
                return false;
            };
            try (ImageFetcher fetcher = new ImageFetcher(FetchSource.http(server.base(), PATIENT), DECODER, FetchFixtures.fastOptions())) {
                fetcher.fetch(image.request(target));
            }
            assertThat(server.chunkRequests.get()).isEqualTo(3 * image.chunkCount());
        }
        assertThat(Files.readAllBytes(target)).isEqualTo(image.payload());
    }

    @Test
    void aSlowServerTimesOutAfterTheAttemptLimit() throws Exception {
        FetchFixtures.TestImage image = image(24, 40_000, 4096, 1).publish(store());
        Path target = oldTarget();
        FetchOptions options = FetchFixtures.fastOptions().withParallelism(2);

        try (TestHttpStore server = new TestHttpStore(temp.resolve("store"))) {
            server.behaviour = (exchange, file, nth) -> {
                if (exchange.getRequestURI().getPath().endsWith(".cacnk")) {
                    server.awaitRelease(); // longer than the client waits: until the test ends
                }
                return false;
            };
            long start = System.nanoTime();
            try (ImageFetcher fetcher = new ImageFetcher(FetchSource.http(server.base(), HTTP), DECODER, options)) {
                assertThatThrownBy(() -> fetcher.fetch(image.request(target)))
                        .isInstanceOfSatisfying(ImageFetchException.class, e -> assertThat(e.reason()).isEqualTo(ImageFetchException.Reason.SOURCE_FAILED))
                        .hasMessageContaining("gave up after 3 attempts").hasMessageContaining("300 ms");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
            assertThat(server.chunkRequests.get()).isBetween(3, 2 * 3);
        }
        assertThat(target).hasContent("the old image");
    }

    @Test
    void aServerThatStallsMidBodyTimesOut() throws Exception {
        FetchFixtures.TestImage image = image(25, 8192, 4096, 1).publish(store());
        Path target = oldTarget();

        try (TestHttpStore server = new TestHttpStore(temp.resolve("store"))) {
            server.behaviour = (exchange, file, nth) -> {
                if (exchange.getRequestURI().getPath().endsWith(".cacnk")) {
                    exchange.sendResponseHeaders(200, file.length);
                    OutputStream out = exchange.getResponseBody();
                    out.write(file, 0, file.length / 2);
                    out.flush();
                    server.awaitRelease();
                    return true;
                }
                return false;
            };
            try (ImageFetcher fetcher = new ImageFetcher(FetchSource.http(server.base(), HTTP), DECODER, FetchFixtures.fastOptions())) {
                assertThatThrownBy(() -> fetcher.fetch(image.request(target)))
                        .isInstanceOfSatisfying(ImageFetchException.class, e -> assertThat(e.reason()).isEqualTo(ImageFetchException.Reason.SOURCE_FAILED))
                        .hasMessageContaining("no complete answer within 300 ms");
            }
        }
        assertThat(target).hasContent("the old image");
    }

    @Test
    void anUnresponsiveServerTimesOut() throws Exception {
        FetchFixtures.TestImage image = image(26, 8192, 4096, 1);
        Path target = oldTarget();

        // Connections complete in the listen backlog, and then nothing ever answers.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            URI base = URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/store/");
            long start = System.nanoTime();
            try (ImageFetcher fetcher = new ImageFetcher(FetchSource.http(base, HTTP), DECODER, FetchFixtures.fastOptions())) {
                assertThatThrownBy(() -> fetcher.fetch(image.request(target)))
                        .isInstanceOfSatisfying(ImageFetchException.class, e -> assertThat(e.reason()).isEqualTo(ImageFetchException.Reason.SOURCE_FAILED))
                        .hasMessageContaining("index " + FetchFixtures.INDEX_FILE)
                        .hasMessageContaining("gave up after 3 attempts");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        }
        assertThat(target).hasContent("the old image");
        assertThat(temp.resolve("payload.img.partial")).doesNotExist();
    }

    @Test
    void aCorruptCopyIsFetchedOnceMore() throws Exception {
        FetchFixtures.TestImage image = image(27, 40_000, 4096, 1).publish(store());
        Path target = temp.resolve("payload.img");

        try (TestHttpStore server = new TestHttpStore(temp.resolve("store"))) {
            server.behaviour = (exchange, file, nth) -> {
                if (exchange.getRequestURI().getPath().endsWith(".cacnk") && nth == 1) {
                    byte[] flipped = file.clone();
                    flipped[flipped.length / 2] ^= 0x40;
                    TestHttpStore.send(exchange, 200, flipped);
                    return true;
                }
                return false;
            };
            try (ImageFetcher fetcher = new ImageFetcher(FetchSource.http(server.base(), PATIENT), DECODER, FetchFixtures.fastOptions())) {
                fetcher.fetch(image.request(target));
            }
            assertThat(server.chunkRequests.get()).isEqualTo(2 * image.chunkCount());
        }
        assertThat(Files.readAllBytes(target)).isEqualTo(image.payload());
    }
}
