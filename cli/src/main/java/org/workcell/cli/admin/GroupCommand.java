package org.workcell.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "group", mixinStandardHelpOptions = true,
        description = "Business groups: each has a default work-phone image and a versioned policy.",
        subcommands = {GroupCommand.Create.class, GroupCommand.ListGroups.class, GroupCommand.Show.class, GroupCommand.Delete.class})
public final class GroupCommand {
    static String path(String group) {
        return "/api/v1/groups/" + AdminClient.segment(group);
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Creates a group with the default policy.")
    static final class Create extends AdminAction {
        @Parameters(index = "0", paramLabel = "NAME", description = "The group's name.")
        String name;

        @Option(names = "--description", paramLabel = "TEXT", description = "What the group is for.")
        String description;

        @Option(names = "--image", paramLabel = "NAME", description = "Work-phone image (default: the server's default image).")
        String image;

        @Option(names = "--image-version", paramLabel = "V", description = "Version of that image.")
        String imageVersion;

        @Override
        void run() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("description", description);
            body.put("imageName", image);
            body.put("imageVersion", imageVersion);
            JsonNode group = client().post("/api/v1/groups", body);
            if (json()) {
                printJson(group);
            } else {
                println("Created group " + group.path("name").asText() + " (image " + group.path("imageName").asText() + " "
                        + group.path("imageVersion").asText() + ", policy version " + group.path("policyVersion").asLong() + ").");
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the groups.")
    static final class ListGroups extends AdminAction {
        @Override
        void run() {
            JsonNode page = client().get("/api/v1/groups");
            if (json()) {
                printJson(page);
                return;
            }
            List<JsonNode> groups = Text.items(page);
            if (groups.isEmpty()) {
                println("No groups.");
                return;
            }
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode g : groups) {
                rows.add(Text.row(g.path("name").asText(), g.path("imageName").asText() + " " + g.path("imageVersion").asText(),
                        g.path("policyVersion").asText(), g.path("users").asText(), g.path("devices").asText(), Text.str(g.path("description"), "")));
            }
            Text.table(out(), Text.row("NAME", "IMAGE", "POLICY", "USERS", "DEVICES", "DESCRIPTION"), rows);
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows one group.")
    static final class Show extends AdminAction {
        @Parameters(index = "0", paramLabel = "NAME", description = "The group's name.")
        String name;

        @Override
        void run() {
            JsonNode g = client().get(path(name));
            if (json()) {
                printJson(g);
                return;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("Group", g.path("name").asText());
            fields.put("Description", Text.str(g.path("description")));
            fields.put("Image", g.path("imageName").asText() + " " + g.path("imageVersion").asText());
            fields.put("Policy", "version " + g.path("policyVersion").asLong() + " (workcell admin policy show " + g.path("name").asText() + ")");
            fields.put("Users", g.path("users").asText());
            fields.put("Devices", g.path("devices").asText() + " (not counting wiped or retired)");
            fields.put("Created", Text.time(g.path("createdAt")));
            fields.put("Updated", Text.time(g.path("updatedAt")));
            Text.fields(out(), "", fields);
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Deletes a group that has no users.")
    static final class Delete extends AdminAction {
        @Parameters(index = "0", paramLabel = "NAME", description = "The group's name.")
        String name;

        @Override
        void run() {
            client().delete(path(name));
            printDeleted("group", name);
        }
    }
}
