package org.workcell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.workcell.agent.DeviceAgent;
import org.workcell.image.FetchResult;
import org.workcell.image.Progress;
import org.workcell.server.testing.MutableClock;
import org.workcell.server.testing.TestDatabase;
import org.workcell.server.testing.TestServer;

/**
 * An image's whole life through the command line, the server and the agent: build, verify,
 * publish, promote, fetch on a device; an update that changes a few files travels as a small
 * delta; a rollback is accepted because the server signs it; export and import round-trip to the
 * same index.
 */
class ImageEndToEndTest {
    @TempDir
    Path temp;

    @Test
    void buildPublishFetchUpdateAndRollBack() throws Exception {
        Path tree = temp.resolve("tree");
        writeTree(tree, 7);
        Path store = temp.resolve("store");
        Path key = temp.resolve("build-key.pem");
        Path b1 = temp.resolve("b1");
        JsonNode built = image("build", tree.toString(), "--name", "phone", "--version", "1.0", "--store", store.toString(),
                "--out", b1.toString(), "--key", key.toString());
        int chunks = built.at("/manifest/chunks").asInt();
        assertThat(chunks).isGreaterThan(20);
        assertThat(image("verify", b1.toString(), "--store", store.toString(), "--key", key.toString()).get("signatureChecked").asBoolean()).isTrue();

        try (TestServer server = TestServer.start(TestDatabase.Kind.H2, temp, MutableClock.startingNow())) {
            String config = temp.resolve("admin").toString();
            CliRun.withInput(TestServer.ADMIN_PASSWORD + "\n", "admin", "--server", server.url(), "--config-dir", config,
                    "login", "--user", "admin", "--password-stdin").ok();
            JsonNode pushed = CliRun.admin(config, "image", "push", b1.toString(), "--store", store.toString());
            assertThat(pushed.get("chunksUploaded").asInt()).isEqualTo(pushed.get("chunksTotal").asInt());
            assertThat(pushed.at("/image/serial").asLong()).isEqualTo(1);
            CliRun.admin(config, "group", "create", "field");
            CliRun.admin(config, "image", "promote", "field", "phone", "1.0");
            CliRun.admin(config, "user", "create", "erin", "--group", "field");
            String code = CliRun.admin(config, "enroll-code", "erin").get("code").asText();
            Path home = temp.resolve("phone-home");
            CliRun.of("agent", "enroll", "--server", server.url(), "--code", code, "--home", home.toString()).ok();

            DeviceAgent agent = DeviceAgent.open(home);
            Path installed = temp.resolve("installed.img");
            FetchResult first = agent.fetchImage(installed, Progress.Listener.NONE);
            assertThat(first.chunksReused()).isZero();
            assertThat(sha256(installed)).isEqualTo(built.at("/manifest/digest").asText());

            // An update that changes three files.
            Random random = new Random(99);
            for (String name : new String[] {"app/file-4.bin", "app/file-40.bin", "data/file-78.bin"}) {
                byte[] bytes = new byte[(int) Files.size(tree.resolve(name))];
                random.nextBytes(bytes);
                Files.write(tree.resolve(name), bytes);
            }
            Path b2 = temp.resolve("b2");
            JsonNode v2 = image("build", tree.toString(), "--name", "phone", "--version", "2.0", "--store", store.toString(),
                    "--out", b2.toString(), "--key", key.toString());
            JsonNode diff = image("diff", b1.toString(), b2.toString(), "--store", store.toString());
            assertThat(diff.get("deltaChunks").asInt()).isBetween(3, chunks / 4);
            JsonNode pushed2 = CliRun.admin(config, "image", "push", b2.toString(), "--store", store.toString());
            assertThat(pushed2.get("chunksUploaded").asInt()).isEqualTo(diff.get("deltaChunks").asInt());
            CliRun.admin(config, "image", "promote", "field", "phone", "2.0");
            FetchResult update = agent.fetchImage(installed, Progress.Listener.NONE);
            assertThat(update.chunksDownloaded()).isEqualTo(diff.get("deltaChunks").asInt());
            assertThat(update.bytesDownloaded()).isEqualTo(diff.get("deltaBytes").asLong());
            assertThat(sha256(installed)).isEqualTo(v2.at("/manifest/digest").asText());

            // Back to 1.0: older, so accepted only because the server signs the rollback.
            CliRun.admin(config, "image", "promote", "field", "phone", "1.0");
            agent.fetchImage(installed, Progress.Listener.NONE);
            assertThat(sha256(installed)).isEqualTo(built.at("/manifest/digest").asText());
        }

        // The payload is the plain zip; importing it gives back the very same index.
        Path zip = temp.resolve("phone-2.0.zip");
        image("export", temp.resolve("b2").toString(), "--store", store.toString(), "--zip", zip.toString());
        try (ZipFile z = new ZipFile(zip.toFile())) {
            assertThat(z.getEntry("phone.json")).isNotNull();
        }
        Path b3 = temp.resolve("b3");
        image("import", "--zip", zip.toString(), "--name", "phone", "--version", "2.0", "--store", store.toString(),
                "--out", b3.toString(), "--key", key.toString());
        assertThat(Files.readAllBytes(b3.resolve("index.caibx"))).isEqualTo(Files.readAllBytes(temp.resolve("b2").resolve("index.caibx")));
    }

    private static void writeTree(Path tree, long seed) throws Exception {
        Random random = new Random(seed);
        Files.createDirectories(tree.resolve("app"));
        Files.createDirectories(tree.resolve("data"));
        Files.writeString(tree.resolve("phone.json"), """
                {"display": {"width": 720, "height": 1560, "density": 320}, "osBuild": "workcell-phone test", "defaultApps": ["org.workcell.mail"]}
                """);
        for (int i = 0; i < 100; i++) {
            byte[] bytes = new byte[8_000 + random.nextInt(120_000)];
            if (i % 2 == 0) {
                random.nextBytes(bytes);
            } else {
                for (int j = 0; j < bytes.length; j++) {
                    bytes[j] = (byte) "workcell phone image data ".charAt((j + i) % 26);
                }
            }
            Files.write(tree.resolve((i % 3 == 0 ? "data" : "app") + "/file-" + i + ".bin"), bytes);
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static JsonNode image(String... args) {
        String[] full = new String[args.length + 2];
        full[0] = "image";
        System.arraycopy(args, 0, full, 1, args.length);
        full[full.length - 1] = "--json";
        return CliRun.of(full).ok().json();
    }
}
