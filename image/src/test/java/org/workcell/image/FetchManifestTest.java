package org.workcell.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.workcell.image.FetchFixtures.DECODER;
import static org.workcell.image.FetchFixtures.IMAGE_KEY;
import static org.workcell.image.FetchFixtures.image;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.workcell.core.crypto.Ed25519;
import org.workcell.core.jws.CompactJws;

/** The manifest, the policy and the index are all checked before a single chunk is asked for. */
class FetchManifestTest {
    private static final FetchSource.HttpOptions HTTP = FetchSource.HttpOptions.DEFAULT.withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(30));
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    @TempDir
    Path temp;

    private Path store;
    private Path target;

    @BeforeEach
    void setUp() throws Exception {
        store = Files.createDirectories(temp.resolve("store"));
        target = temp.resolve("payload.img");
        Files.writeString(target, "the old image");
    }

    /** Fetches over HTTP and returns the failure, having checked that nothing was installed. */
    private ImageFetchException refused(FetchRequest request, int allowedRequests) throws Exception {
        try (TestHttpStore server = new TestHttpStore(store);
             ImageFetcher fetcher = new ImageFetcher(FetchSource.http(server.base(), HTTP), DECODER, FetchFixtures.fastOptions())) {
            ImageFetchException failure = org.junit.jupiter.api.Assertions.assertThrows(ImageFetchException.class, () -> fetcher.fetch(request));
            assertThat(server.requests.get()).isEqualTo(allowedRequests);
            assertThat(server.chunkRequests.get()).isZero();
            assertThat(target).hasContent("the old image");
            return failure;
        }
    }

    private FetchRequest withToken(FetchFixtures.TestImage image, String token) {
        return FetchRequest.of(token, IMAGE_KEY.getPublic(), FetchPolicy.NOTHING_INSTALLED, FetchRequest.IndexSource.at(FetchFixtures.INDEX_FILE), target);
    }

    @Test
    void aTamperedManifestIsRefusedBeforeAnyDownload() throws Exception {
        FetchFixtures.TestImage image = image(41, 20_000, 4096, 1).publish(store);
        String[] parts = image.token().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = payload.replace("\"serial\":1", "\"serial\":9");
        assertThat(forged).isNotEqualTo(payload);
        String token = parts[0] + "." + B64.encodeToString(forged.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        ImageFetchException e = refused(withToken(image, token), 0);
        assertThat(e.reason()).isEqualTo(ImageFetchException.Reason.MANIFEST_REFUSED);
        assertThat(e).hasMessageContaining("signature does not verify");
    }

    @Test
    void aManifestSignedByAnotherKeyIsRefusedBeforeAnyDownload() throws Exception {
        FetchFixtures.TestImage image = image(42, 20_000, 4096, 1).publish(store);
        KeyPair other = Ed25519.generate();
        String token = CompactJws.signJson(ImageManifest.TOKEN_TYPE, Ed25519.keyId(other.getPublic()), image.manifest(), other.getPrivate());

        ImageFetchException e = refused(withToken(image, token), 0);
        assertThat(e.reason()).isEqualTo(ImageFetchException.Reason.MANIFEST_REFUSED);
    }

    @Test
    void unsignedGarbageAndOtherTokenTypesAreRefusedBeforeAnyDownload() throws Exception {
        FetchFixtures.TestImage image = image(43, 20_000, 4096, 1).publish(store);
        String header = B64.encodeToString("{\"alg\":\"none\",\"typ\":\"workcell-image-manifest+jws\",\"kid\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        String body = B64.encodeToString(org.workcell.core.json.Json.write(image.manifest()));
        String anotherType = CompactJws.signJson("workcell-lease+jws", Ed25519.keyId(IMAGE_KEY.getPublic()), image.manifest(), IMAGE_KEY.getPrivate());

        for (String token : new String[] {header + "." + body + ".", "garbage", "", "a.b.c", anotherType}) {
            ImageFetchException e = refused(withToken(image, token), 0);
            assertThat(e.reason()).as(token).isEqualTo(ImageFetchException.Reason.MANIFEST_REFUSED);
        }
    }

    @Test
    void aSignedManifestWithMalformedDigestsIsRefused() throws Exception {
        FetchFixtures.TestImage image = image(44, 20_000, 4096, 1).publish(store);
        ImageManifest m = image.manifest();
        ImageManifest bad = new ImageManifest(m.imageId(), m.name(), m.version(), m.serial(), m.size(), m.digest().toUpperCase(), m.indexDigest(),
                m.chunks(), m.display(), m.osBuild(), m.defaultApps(), m.createdAt(), m.rollback());

        ImageFetchException e = refused(image.withManifest(bad).request(target), 0);
        assertThat(e.reason()).isEqualTo(ImageFetchException.Reason.MANIFEST_REFUSED);
        assertThat(e).hasMessageContaining("lower-case hex");
    }

    @Test
    void anIndexWhoseDigestDoesNotMatchIsRefused() throws Exception {
        FetchFixtures.TestImage image = image(45, 20_000, 4096, 1).publish(store);
        FetchFixtures.TestImage other = image(46, 20_000, 4096, 1);
        Files.write(store.resolve(FetchFixtures.INDEX_FILE), other.indexBytes()); // a valid index, of another image

        ImageFetchException e = refused(image.request(target), 1);
        assertThat(e.reason()).isEqualTo(ImageFetchException.Reason.INDEX_REFUSED);
        assertThat(e).hasMessageContaining("indexDigest");
    }

    @Test
    void anIndexThatDoesNotDecodeIsRefused() throws Exception {
        FetchFixtures.TestImage image = image(47, 20_000, 4096, 1).publish(store);
        byte[] junk = "not an index".getBytes(StandardCharsets.UTF_8);
        ImageManifest m = image.manifest();
        ImageManifest pinsJunk = new ImageManifest(m.imageId(), m.name(), m.version(), m.serial(), m.size(), m.digest(), FetchFixtures.sha256(junk),
                m.chunks(), m.display(), m.osBuild(), m.defaultApps(), m.createdAt(), m.rollback());
        Files.write(store.resolve(FetchFixtures.INDEX_FILE), junk);

        ImageFetchException e = refused(image.withManifest(pinsJunk).request(target), 1);
        assertThat(e.reason()).isEqualTo(ImageFetchException.Reason.INDEX_REFUSED);
        assertThat(e).hasMessageContaining("does not decode").hasMessageContaining("not a test index");
    }

    @Test
    void anIndexOfAnotherSizeThanTheManifestIsRefused() throws Exception {
        FetchFixtures.TestImage image = image(48, 20_000, 4096, 1).publish(store);
        ImageManifest m = image.manifest();
        ImageManifest wrongSize = new ImageManifest(m.imageId(), m.name(), m.version(), m.serial(), m.size() + 1, m.digest(), m.indexDigest(),
                m.chunks(), m.display(), m.osBuild(), m.defaultApps(), m.createdAt(), m.rollback());

        ImageFetchException e = refused(image.withManifest(wrongSize).request(target), 1);
        assertThat(e.reason()).isEqualTo(ImageFetchException.Reason.INDEX_REFUSED);
        assertThat(e).hasMessageContaining("20000 bytes").hasMessageContaining("20001 bytes");
    }

    @Test
    void anIndexLargerThanTheLimitIsRefused() throws Exception {
        FetchFixtures.TestImage image = image(49, 20_000, 4096, 1).publish(store);
        try (ImageFetcher fetcher = new ImageFetcher(FetchSource.directory(store), DECODER, FetchFixtures.fastOptions().withMaxIndexBytes(10))) {
            assertThatThrownBy(() -> fetcher.fetch(image.request(target)))
                    .isInstanceOfSatisfying(ImageFetchException.class, e -> assertThat(e.reason()).isEqualTo(ImageFetchException.Reason.INDEX_REFUSED))
                    .hasMessageContaining("more than the 10 it can be");
        }
    }

    @Test
    void anOlderSerialIsRefused() throws Exception {
        FetchFixtures.TestImage image = image(50, 20_000, 4096, 4).publish(store);

        ImageFetchException e = refused(image.request(target).withPolicy(new FetchPolicy(5, "ab".repeat(32))), 0);
        assertThat(e.reason()).isEqualTo(ImageFetchException.Reason.POLICY_REFUSED);
        assertThat(e).hasMessageContaining("older than the installed 5");
    }

    @Test
    void theSameSerialWithAnotherPayloadIsRefused() throws Exception {
        FetchFixtures.TestImage image = image(51, 20_000, 4096, 5).publish(store);

        ImageFetchException e = refused(image.request(target).withPolicy(new FetchPolicy(5, "ab".repeat(32))), 0);
        assertThat(e.reason()).isEqualTo(ImageFetchException.Reason.POLICY_REFUSED);
        assertThat(e).hasMessageContaining("different payload");
    }

    @Test
    void anOlderSerialIsAcceptedWhenTheSignerAllowsARollback() throws Exception {
        FetchFixtures.TestImage plain = image(52, 20_000, 4096, 4).publish(store);
        ImageManifest m = plain.manifest();
        FetchFixtures.TestImage image = plain.withManifest(new ImageManifest(m.imageId(), m.name(), m.version(), m.serial(), m.size(), m.digest(),
                m.indexDigest(), m.chunks(), m.display(), m.osBuild(), m.defaultApps(), m.createdAt(), true));

        try (ImageFetcher fetcher = new ImageFetcher(FetchSource.directory(store), DECODER, FetchFixtures.fastOptions())) {
            FetchResult result = fetcher.fetch(image.request(target).withPolicy(new FetchPolicy(5, "ab".repeat(32))));
            assertThat(result.manifest().rollback()).isTrue();
        }
        assertThat(Files.readAllBytes(target)).isEqualTo(image.payload());
    }

    @Test
    void theSameImageAgainAndANewerOneAreAccepted() throws Exception {
        FetchFixtures.TestImage image = image(53, 20_000, 4096, 5).publish(store);

        try (ImageFetcher fetcher = new ImageFetcher(FetchSource.directory(store), DECODER, FetchFixtures.fastOptions())) {
            fetcher.fetch(image.request(target).withPolicy(new FetchPolicy(5, image.manifest().digest())));
            fetcher.fetch(image.request(target).withPolicy(new FetchPolicy(4, "ab".repeat(32))));
            fetcher.fetch(image.request(target).withPolicy(FetchPolicy.installed(image.manifest())));
        }
        assertThat(Files.readAllBytes(target)).isEqualTo(image.payload());
    }
}
