package org.workcell.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.workcell.server.api.Harness.ok;
import static org.workcell.server.api.Harness.problem;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.workcell.core.crypto.Ed25519;
import org.workcell.core.json.Json;
import org.workcell.image.ChunkId;
import org.workcell.image.DirectoryChunkStore;
import org.workcell.image.ImageBuilder;
import org.workcell.image.Progress;
import org.workcell.server.testing.TestDatabase;

/**
 * The image routes over real HTTP against the real server: chunks are immutable files served with
 * byte ranges and conditional GETs, and malformed ids or bodies of the wrong type are refused with
 * a reason and store nothing.
 */
class ImageRoutesTest {
    @RegisterExtension
    static final Servers SERVERS = new Servers();

    @TempDir
    Path temp;

    private record Binary(int status, java.net.http.HttpHeaders headers, byte[] body) {}

    private record Pushed(String name, ImageBuilder.Result build, DirectoryChunkStore local) {
        byte[] chunkFile(ChunkId id) throws IOException {
            return Files.readAllBytes(local.pathOf(id));
        }

        String chunkPath(ChunkId id) {
            return "/api/v1/images/store/" + id.storePath();
        }
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void servesChunksAsImmutableFilesWithByteRangesAndConditionalGets(TestDatabase.Kind kind) throws Exception {
        Harness h = SERVERS.get(kind);
        Pushed image = push(h, 1);
        ChunkId id = image.build().index().chunks().getFirst().id();
        byte[] file = image.chunkFile(id);
        assertThat(file.length).as("a chunk file long enough for the ranges below").isGreaterThan(200);
        String etag = "\"" + id.hex() + "\"";

        Binary whole = get(h, image.chunkPath(id), Map.of());
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(file);
        assertThat(whole.headers().firstValue("ETag")).contains(etag);
        assertThat(whole.headers().firstValue("Cache-Control").orElse("")).contains("immutable");

        Binary range = get(h, image.chunkPath(id), Map.of("Range", "bytes=10-99"));
        assertThat(range.status()).isEqualTo(206);
        assertThat(range.headers().firstValue("Content-Range")).contains("bytes 10-99/" + file.length);
        assertThat(range.body()).isEqualTo(Arrays.copyOfRange(file, 10, 100));

        Binary open = get(h, image.chunkPath(id), Map.of("Range", "bytes=100-"));
        assertThat(open.status()).isEqualTo(206);
        assertThat(open.headers().firstValue("Content-Range")).contains("bytes 100-" + (file.length - 1) + "/" + file.length);
        assertThat(open.body()).isEqualTo(Arrays.copyOfRange(file, 100, file.length));

        Binary suffix = get(h, image.chunkPath(id), Map.of("Range", "bytes=-50"));
        assertThat(suffix.status()).isEqualTo(206);
        assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(file, file.length - 50, file.length));

        Binary beyond = get(h, image.chunkPath(id), Map.of("Range", "bytes=" + file.length + "-"));
        assertThat(beyond.status()).isEqualTo(416);
        assertThat(beyond.headers().firstValue("Content-Range")).contains("bytes */" + file.length);

        for (String match : new String[] {etag, "\"0000\", " + etag, "W/" + etag, "*"}) {
            Binary notModified = get(h, image.chunkPath(id), Map.of("If-None-Match", match));
            assertThat(notModified.status()).as("If-None-Match: %s", match).isEqualTo(304);
            assertThat(notModified.body()).isEmpty();
            assertThat(notModified.headers().firstValue("ETag")).contains(etag);
            assertThat(notModified.headers().firstValue("Cache-Control").orElse("")).contains("immutable");
        }
        Binary changed = get(h, image.chunkPath(id), Map.of("If-None-Match", "\"" + "0".repeat(64) + "\""));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body()).isEqualTo(file);

        String indexPath = "/api/v1/images/" + image.name() + "/1.0/index.caibx";
        Binary index = get(h, indexPath, Map.of());
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.body()).isEqualTo(image.build().indexBytes());
        String indexTag = index.headers().firstValue("ETag").orElseThrow();
        assertThat(get(h, indexPath, Map.of("If-None-Match", indexTag)).status()).isEqualTo(304);
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void refusesMalformedChunkIdsWithAReason(TestDatabase.Kind kind) throws Exception {
        Harness h = SERVERS.get(kind);
        Pushed image = push(h, 2);
        ChunkId id = image.build().index().chunks().getFirst().id();

        for (String bad : new String[] {"not-a-chunk", id.hex().substring(0, 63), id.hex().toUpperCase(java.util.Locale.ROOT) + "0",
                id.hex().substring(0, 63) + "g"}) {
            Binary refused = get(h, "/api/v1/images/store/" + bad.substring(0, 4) + "/" + bad + ".cacnk", Map.of());
            assertThat(refused.status()).as("GET of chunk id %s", bad).isBetween(400, 499);
            assertThat(new String(refused.body(), StandardCharsets.UTF_8)).as("GET of chunk id %s", bad).contains("detail");
            problem(h.send("PUT", "/api/v1/images/chunks/" + bad, h.adminToken(), "application/octet-stream",
                    image.chunkFile(id)), 400, "invalid-request");
        }
        // A well-formed id under the wrong folder is simply not there.
        String other = id.hex().startsWith("0000") ? "ffff" : "0000";
        problem(h.send("GET", "/api/v1/images/store/" + other + "/" + id.hex() + ".cacnk", h.adminToken(), null, (byte[]) null), 404);
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void everyRefusedUploadReachesTheClientThatIsStillSending(TestDatabase.Kind kind) throws Exception {
        // The server refuses these before reading the body. Unless it reads the rest, the connection
        // closes under unread bytes, and the client (still sending, or reusing it) sees no answer at all.
        Harness h = SERVERS.get(kind);
        for (int i = 0; i < 200; i++) {
            byte[] body = new byte[1000 * (1 + i % 100) * (1 + i % 7)]; // 1 kB to 700 kB
            assertThat(get(h, "/api/v1/images/store/abcd/abcd.cacnk", Map.of()).status()).isEqualTo(400);
            problem(h.send("PUT", "/api/v1/images/chunks/not-a-chunk-" + i, h.adminToken(), "application/octet-stream", body),
                    400, "invalid-request");
            problem(h.send("PUT", "/api/v1/images/chunks/" + "0".repeat(64), "wcs_not-a-session", "application/octet-stream", body),
                    401, "unauthenticated");
        }
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void refusesImageUploadsOfTheWrongContentTypeAndStoresNothing(TestDatabase.Kind kind) throws Exception {
        Harness h = SERVERS.get(kind);
        ImageBuilder.Result build = build(3, temp.resolve("local-3"), imageName(h, 3));
        DirectoryChunkStore local = new DirectoryChunkStore(temp.resolve("local-3"));
        ChunkId id = build.index().chunks().getFirst().id();

        JsonNode p = problem(h.send("POST", "/api/v1/images/indexes", h.adminToken(), "application/json", build.indexBytes()),
                415, "unsupported-media-type");
        assertThat(p.path("detail").asText()).contains("application/octet-stream");
        problem(h.send("POST", "/api/v1/images/indexes", h.adminToken(), null, build.indexBytes()), 415, "unsupported-media-type");
        p = problem(h.send("PUT", "/api/v1/images/chunks/" + id.hex(), h.adminToken(), "text/plain",
                Files.readAllBytes(local.pathOf(id))), 415, "unsupported-media-type");
        assertThat(p.path("detail").asText()).contains("application/octet-stream");
        problem(h.send("GET", "/api/v1/images/store/" + id.storePath(), h.adminToken(), null, (byte[]) null), 404);

        // Nor was the index kept: with the right type it is new, and every chunk is still missing.
        JsonNode upload = ok(h.send("POST", "/api/v1/images/indexes", h.adminToken(), "application/octet-stream", build.indexBytes()), 201);
        assertThat(upload.path("missing")).hasSize((int) build.index().chunks().stream().map(c -> c.id()).distinct().count());

        p = problem(h.send("POST", "/api/v1/images", h.adminToken(), "text/plain",
                Json.write(Map.of("manifest", build.manifestToken()))), 415, "unsupported-media-type");
        assertThat(p.path("detail").asText()).contains("application/json");
        assertThat(h.get("/api/v1/images").json().path("items").findValuesAsText("name")).doesNotContain(imageName(h, 3));
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static String imageName(Harness h, int seed) {
        return "routes-" + h.kind.name().toLowerCase(java.util.Locale.ROOT) + "-" + seed;
    }

    /** Builds a small image with the real builder, and uploads and publishes it as `workcell admin image push` does. */
    private Pushed push(Harness h, int seed) throws Exception {
        Path localStore = temp.resolve("local-" + seed);
        ImageBuilder.Result build = build(seed, localStore, imageName(h, seed));
        DirectoryChunkStore local = new DirectoryChunkStore(localStore);
        JsonNode upload = ok(h.send("POST", "/api/v1/images/indexes", h.adminToken(), "application/octet-stream", build.indexBytes()), 201);
        for (JsonNode missing : upload.path("missing")) {
            ChunkId id = ChunkId.parse(missing.asText());
            ok(h.send("PUT", "/api/v1/images/chunks/" + id.hex(), h.adminToken(), "application/octet-stream",
                    Files.readAllBytes(local.pathOf(id))), 201);
        }
        ok(h.post("/api/v1/images", Map.of("manifest", build.manifestToken())), 201);
        return new Pushed(imageName(h, seed), build, local);
    }

    private ImageBuilder.Result build(int seed, Path localStore, String name) throws IOException {
        Path tree = Files.createDirectories(temp.resolve("tree-" + seed));
        Files.writeString(tree.resolve("phone.json"), """
                {"display": {"width": 720, "height": 1560, "density": 320}, "osBuild": "test-os", "defaultApps": []}
                """);
        byte[] content = new byte[300_000];
        new Random(seed).nextBytes(content);
        Files.write(tree.resolve("system.img"), content);
        KeyPair builderKey = Ed25519.generate();
        return ImageBuilder.build(tree, name, "1.0", 1, new DirectoryChunkStore(localStore), builderKey, Progress.Listener.NONE);
    }

    private static Binary get(Harness h, String path, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(h.server.url() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + h.adminToken()).GET();
        headers.forEach(b::header);
        HttpResponse<byte[]> r = h.http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Binary(r.statusCode(), r.headers(), r.body());
    }
}
