package org.workcell.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.workcell.image.FetchFixtures.DECODER;
import static org.workcell.image.FetchFixtures.image;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetchHttpTest {
    private static final FetchSource.HttpOptions HTTP = FetchSource.HttpOptions.DEFAULT.withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));

    @TempDir
    Path temp;

    @Test
    void fetchesAWholeImageOverHttp() throws Exception {
        Path store = Files.createDirectories(temp.resolve("store"));
        FetchFixtures.TestImage image = image(11, 400_000, 4096, 1).publish(store);
        Path target = temp.resolve("payload.img");

        try (TestHttpStore server = new TestHttpStore(store);
             FetchSource source = FetchSource.http(server.base(), HTTP);
             ImageFetcher fetcher = new ImageFetcher(source, DECODER, FetchOptions.DEFAULT.withParallelism(6))) {
            FetchResult result = fetcher.fetch(image.request(target));

            assertThat(result.chunksDownloaded()).isEqualTo(image.chunkCount());
            assertThat(server.chunkRequests.get()).isEqualTo(image.chunkCount());
            assertThat(server.requestsFor(FetchFixtures.INDEX_FILE)).isEqualTo(1);
        }
        assertThat(Files.readAllBytes(target)).isEqualTo(image.payload());
    }

    @Test
    void sendsTheBearerTokenAndFailsAtOnceWithoutIt() throws Exception {
        Path store = Files.createDirectories(temp.resolve("store"));
        FetchFixtures.TestImage image = image(12, 30_000, 4096, 1).publish(store);

        try (TestHttpStore server = new TestHttpStore(store)) {
            server.requiredToken = "s3cret-token";
            try (ImageFetcher fetcher = new ImageFetcher(FetchSource.http(server.base(), HTTP.withBearerToken("s3cret-token")), DECODER,
                    FetchFixtures.fastOptions())) {
                fetcher.fetch(image.request(temp.resolve("ok.img")));
            }
            assertThat(Files.readAllBytes(temp.resolve("ok.img"))).isEqualTo(image.payload());

            int before = server.requests.get();
            try (ImageFetcher fetcher = new ImageFetcher(FetchSource.http(server.base(), HTTP), DECODER, FetchFixtures.fastOptions())) {
                assertThatThrownBy(() -> fetcher.fetch(image.request(temp.resolve("refused.img"))))
                        .isInstanceOfSatisfying(ImageFetchException.class, e -> assertThat(e.reason()).isEqualTo(ImageFetchException.Reason.SOURCE_FAILED))
                        .hasMessageContaining("401").hasMessageContaining("token");
            }
            assertThat(server.requests.get() - before).as("a refusal is not retried").isEqualTo(1);
            assertThat(temp.resolve("refused.img")).doesNotExist();
        }
    }

    @Test
    void readsTheIndexFromAnAbsoluteUrlAndFollowsRedirectsWithoutTakingTheTokenToAnotherHost() throws Exception {
        Path store = Files.createDirectories(temp.resolve("store"));
        FetchFixtures.TestImage image = image(13, 30_000, 4096, 1).publish(store);
        AtomicInteger tokensSeenElsewhere = new AtomicInteger();

        try (TestHttpStore mirror = new TestHttpStore(store); TestHttpStore origin = new TestHttpStore(store)) {
            mirror.behaviour = (exchange, file, nth) -> {
                if (exchange.getRequestHeaders().containsKey("Authorization")) {
                    tokensSeenElsewhere.incrementAndGet();
                }
                return false;
            };
            origin.requiredToken = "t0ken";
            origin.behaviour = (exchange, file, nth) -> {
                String path = exchange.getRequestURI().getPath();
                if (!path.endsWith(".cacnk")) {
                    return false;
                }
                exchange.getResponseHeaders().add("Location", mirror.base().resolve(path.substring("/store/".length())).toString());
                exchange.sendResponseHeaders(302, -1);
                return true;
            };
            String indexUrl = origin.base().resolve(FetchFixtures.INDEX_FILE).toString();
            try (ImageFetcher fetcher = new ImageFetcher(FetchSource.http(origin.base(), HTTP.withBearerToken("t0ken")), DECODER,
                    FetchFixtures.fastOptions())) {
                fetcher.fetch(FetchRequest.of(image.token(), FetchFixtures.IMAGE_KEY.getPublic(), FetchPolicy.NOTHING_INSTALLED,
                        FetchRequest.IndexSource.at(indexUrl), temp.resolve("payload.img")));
            }
            assertThat(mirror.chunkRequests.get()).isEqualTo(image.chunkCount());
            assertThat(tokensSeenElsewhere.get()).isZero();
        }
        assertThat(Files.readAllBytes(temp.resolve("payload.img"))).isEqualTo(image.payload());
    }

    @Test
    void anHttpSourceRefusesBadSettings() {
        assertThatThrownBy(() -> FetchSource.http(java.net.URI.create("ftp://example.org/store/"), HTTP))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HTTP.withBearerToken("two words")).isInstanceOf(IllegalArgumentException.class);
        assertThat(HTTP.withBearerToken("hidden").toString()).doesNotContain("hidden");
    }
}
