package org.workcell.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.workcell.image.FetchFixtures.DECODER;
import static org.workcell.image.FetchFixtures.image;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetchHttpTest {
    private static final FetchSource.HttpOptions HTTP = FetchSource.HttpOptions.DEFAULT.withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(30));

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
    void takesChunksSentWithoutAContentLengthAndRefusesOneLongerThanItsChunkCanBe() throws Exception {
        Path store = Files.createDirectories(temp.resolve("store"));
        FetchFixtures.TestImage image = image(15, 400_000, 16_384, 1).publish(store);
        ChunkId victim = image.index().chunks().get(3).id();
        AtomicReference<ChunkId> padded = new AtomicReference<>(victim);

        try (TestHttpStore server = new TestHttpStore(store)) {
            server.behaviour = (exchange, file, nth) -> {
                exchange.sendResponseHeaders(200, 0); // chunked transfer: the client grows its buffer as the body comes
                try (var out = exchange.getResponseBody()) {
                    out.write(file);
                    ChunkId pad = padded.get();
                    if (pad != null && exchange.getRequestURI().getPath().endsWith(pad.storePath())) {
                        out.write(new byte[100_000]); // far more than a 16 KiB chunk compresses to
                    }
                }
                return true;
            };
            try (ImageFetcher fetcher = new ImageFetcher(FetchSource.http(server.base(), HTTP), DECODER, FetchFixtures.fastOptions())) {
                assertThatThrownBy(() -> fetcher.fetch(image.request(temp.resolve("refused.img"))))
                        .isInstanceOfSatisfying(ImageFetchException.class, e -> {
                            assertThat(e.reason()).isEqualTo(ImageFetchException.Reason.CHUNK_CORRUPT);
                            assertThat(e.chunk()).isEqualTo(victim);
                        })
                        .hasMessageContaining("more than the");
            }
            assertThat(temp.resolve("refused.img")).doesNotExist();

            padded.set(null);
            try (ImageFetcher fetcher = new ImageFetcher(FetchSource.http(server.base(), HTTP), DECODER, FetchFixtures.fastOptions())) {
                fetcher.fetch(image.request(temp.resolve("payload.img")));
            }
        }
        assertThat(Files.readAllBytes(temp.resolve("payload.img"))).isEqualTo(image.payload());
    }

    @Test
    void fetchesOverHttpsTrustingTheGivenCertificateOnly() throws Exception {
        Path store = Files.createDirectories(temp.resolve("store"));
        FetchFixtures.TestImage image = image(14, 50_000, 4096, 1).publish(store);
        SSLContext tls = selfSigned(temp.resolve("tls.p12"));

        try (TestHttpStore server = new TestHttpStore(store, tls)) {
            assertThat(server.base().getScheme()).isEqualTo("https");
            try (FetchSource source = FetchSource.http(server.base(), HTTP.withSslContext(tls));
                 ImageFetcher fetcher = new ImageFetcher(source, DECODER, FetchFixtures.fastOptions())) {
                fetcher.fetch(image.request(temp.resolve("payload.img")));
            }
            assertThat(Files.readAllBytes(temp.resolve("payload.img"))).isEqualTo(image.payload());

            // The JDK's default trust does not know the test certificate: refused at once, not retried.
            try (FetchSource source = FetchSource.http(server.base(), HTTP);
                 ImageFetcher fetcher = new ImageFetcher(source, DECODER, FetchFixtures.fastOptions())) {
                assertThatThrownBy(() -> fetcher.fetch(image.request(temp.resolve("untrusted.img"))))
                        .isInstanceOfSatisfying(ImageFetchException.class, e -> assertThat(e.reason()).isEqualTo(ImageFetchException.Reason.SOURCE_FAILED))
                        .hasMessageContaining("index").hasMessageContaining("certificate is not trusted")
                        .hasMessageNotContaining("attempts");
            }
            assertThat(temp.resolve("untrusted.img")).doesNotExist();
        }
    }

    /** A key and self-signed certificate for 127.0.0.1, made by the JDK's keytool, as both key and trust. */
    private static SSLContext selfSigned(Path keystore) throws Exception {
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "store", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(keytool.waitFor()).as(output).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    @Test
    void anHttpSourceRefusesBadSettings() {
        assertThatThrownBy(() -> FetchSource.http(java.net.URI.create("ftp://example.org/store/"), HTTP))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HTTP.withBearerToken("two words")).isInstanceOf(IllegalArgumentException.class);
        assertThat(HTTP.withBearerToken("hidden").toString()).doesNotContain("hidden");
    }
}
