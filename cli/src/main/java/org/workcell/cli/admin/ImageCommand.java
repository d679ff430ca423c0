package org.workcell.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.workcell.cli.CliException;
import org.workcell.image.ChunkId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "image", mixinStandardHelpOptions = true,
        description = "The server's image repository: publish builds, list them, promote a version to a group, roll back, collect garbage.",
        subcommands = {ImageCommand.ListImages.class, ImageCommand.Show.class, ImageCommand.Push.class, ImageCommand.Promote.class,
                ImageCommand.Delete.class, ImageCommand.Gc.class})
public final class ImageCommand {
    static String path(String name, String version) {
        return "/api/v1/images/" + AdminClient.segment(name) + "/" + AdminClient.segment(version);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists published image versions, newest first per image.")
    static final class ListImages extends AdminAction {
        @Override
        void run() {
            JsonNode page = client().get("/api/v1/images");
            if (json()) {
                printJson(page);
                return;
            }
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode i : page.path("items")) {
                rows.add(Text.row(i.path("name").asText(), i.path("version").asText(), i.path("serial").asText(),
                        Text.bytes(i.path("size").asLong()), i.path("chunks").asText(), Text.time(i.path("createdAt")),
                        i.path("groups").isEmpty() ? Text.NONE : joinText(i.path("groups"))));
            }
            Text.table(out(), List.of("NAME", "VERSION", "SERIAL", "SIZE", "CHUNKS", "PUBLISHED", "GROUPS"), rows);
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows one published version.")
    static final class Show extends AdminAction {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "VERSION")
        String version;

        @Override
        void run() {
            JsonNode i = client().get(path(name, version));
            if (json()) {
                printJson(i);
                return;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("Image", i.path("name").asText() + " " + i.path("version").asText() + " (serial " + i.path("serial").asText() + ")");
            fields.put("Size", Text.bytes(i.path("size").asLong()) + " in " + i.path("chunks").asText() + " chunks");
            fields.put("Digest", i.path("digest").asText());
            fields.put("Index digest", i.path("indexDigest").asText());
            fields.put("Published", Text.time(i.path("createdAt")) + " by " + i.path("createdBy").asText());
            fields.put("Groups", i.path("groups").isEmpty() ? Text.NONE : joinText(i.path("groups")));
            Text.fields(out(), "", fields);
        }
    }

    @Command(name = "push", mixinStandardHelpOptions = true,
            description = {"Publishes a build made by 'workcell image build': uploads its index and the chunks the server lacks,",
                    "then the manifest. The server checks every chunk and the payload digest, and signs the version itself."})
    static final class Push extends AdminAction {
        @Parameters(index = "0", paramLabel = "BUILD", description = "The build's folder (index.caibx and manifest.jws).")
        Path build;

        @Option(names = "--store", required = true, paramLabel = "STORE", description = "The chunk store the build wrote to.")
        Path store;

        @Override
        void run() throws IOException {
            byte[] index = read(build.resolve("index.caibx"));
            String manifest = new String(read(build.resolve("manifest.jws")), java.nio.charset.StandardCharsets.US_ASCII).trim();
            JsonNode upload = client().sendBytes("POST", "/api/v1/images/indexes", index);
            List<String> missing = new ArrayList<>();
            upload.path("missing").forEach(m -> missing.add(m.asText()));
            long sent = 0;
            for (int i = 0; i < missing.size(); i++) {
                ChunkId id = ChunkId.parse(missing.get(i));
                byte[] chunk = read(store.resolve(id.storePath()));
                client().sendBytes("PUT", "/api/v1/images/chunks/" + id.hex(), chunk);
                sent += chunk.length;
                if (!json() && (i % 64 == 63 || i == missing.size() - 1)) {
                    out().printf("\ruploaded %d/%d chunks (%s)", i + 1, missing.size(), Text.bytes(sent));
                    out().flush();
                }
            }
            if (!json() && !missing.isEmpty()) {
                println("");
            }
            JsonNode published = client().post("/api/v1/images", Map.of("manifest", manifest));
            if (json()) {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("image", published);
                result.put("chunksUploaded", missing.size());
                result.put("bytesUploaded", sent);
                result.put("chunksTotal", upload.path("chunks").asInt());
                printJson(result);
            } else {
                println("Published " + published.path("name").asText() + " " + published.path("version").asText() + " (serial "
                        + published.path("serial").asText() + "): " + missing.size() + " of " + upload.path("chunks").asInt()
                        + " chunks were new. Promote it with: workcell admin image promote GROUP " + published.path("name").asText()
                        + " " + published.path("version").asText());
            }
        }

        private static byte[] read(Path file) throws IOException {
            try {
                return Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                throw new CliException(file + " does not exist; build the image first (workcell image build DIR --store STORE --out BUILD)");
            }
        }
    }

    @Command(name = "promote", mixinStandardHelpOptions = true,
            description = {"Points a group at a published version; its devices update at their next check-in.",
                    "Going back to an older version is a rollback: devices are given the server's signed permission to go back."})
    static final class Promote extends AdminAction {
        @Parameters(index = "0", paramLabel = "GROUP")
        String group;

        @Parameters(index = "1", paramLabel = "NAME")
        String name;

        @Parameters(index = "2", paramLabel = "VERSION")
        String version;

        @Override
        void run() {
            JsonNode g = client().patch(GroupCommand.path(group), Map.of("imageName", name, "imageVersion", version));
            if (json()) {
                printJson(g);
            } else {
                println("Group " + group + " now runs " + g.path("imageName").asText() + " " + g.path("imageVersion").asText() + ".");
            }
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Deletes a version no group uses (its chunks go at the next gc).")
    static final class Delete extends AdminAction {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "VERSION")
        String version;

        @Override
        void run() {
            client().delete(path(name, version));
            printDeleted("image", name + " " + version);
        }
    }

    @Command(name = "gc", mixinStandardHelpOptions = true, description = "Removes stored chunks that no published version uses.")
    static final class Gc extends AdminAction {
        @Override
        void run() {
            JsonNode result = client().post("/api/v1/images/gc", Map.of());
            if (json()) {
                printJson(result);
            } else {
                println("Removed " + result.path("chunksRemoved").asText() + " chunks (" + Text.bytes(result.path("bytesRemoved").asLong())
                        + "); kept " + result.path("chunksKept").asText() + ".");
            }
        }
    }

    private static String joinText(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return String.join(",", values);
    }
}
