package org.workcell.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "user", mixinStandardHelpOptions = true,
        description = "Users: the people whose devices carry a work phone; each belongs to one group.",
        subcommands = {UserCommand.Create.class, UserCommand.ListUsers.class, UserCommand.Show.class, UserCommand.Delete.class})
public final class UserCommand {
    static String path(String user) {
        return "/api/v1/users/" + AdminClient.segment(user);
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Creates a user in a group.")
    static final class Create extends AdminAction {
        @Parameters(index = "0", paramLabel = "NAME", description = "The user's name (their login at the company).")
        String name;

        @Option(names = "--group", required = true, paramLabel = "GROUP", description = "The user's group.")
        String group;

        @Option(names = "--email", paramLabel = "E", description = "E-mail address.")
        String email;

        @Option(names = "--display-name", paramLabel = "N", description = "Name as people read it.")
        String displayName;

        @Override
        void run() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("group", group);
            body.put("email", email);
            body.put("displayName", displayName);
            JsonNode user = client().post("/api/v1/users", body);
            if (json()) {
                printJson(user);
            } else {
                println("Created user " + user.path("name").asText() + " in group " + user.path("group").asText() + ".");
                println("Next: workcell admin enroll-code " + user.path("name").asText());
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists all users (or a group's), by name.")
    static final class ListUsers extends AdminAction {
        @Option(names = "--group", paramLabel = "G", description = "Only this group's users.")
        String group;

        @Option(names = "--page-size", hidden = true, defaultValue = "1000", description = "Users per request (1-1000).")
        int pageSize;

        @Override
        void run() {
            AdminClient client = client();
            List<JsonNode> users = new ArrayList<>();
            String after = null;
            do {
                Map<String, String> query = new LinkedHashMap<>();
                query.put("group", group);
                query.put("after", after);
                query.put("limit", Integer.toString(pageSize));
                JsonNode page = client.get("/api/v1/users", query);
                users.addAll(Text.items(page));
                after = Text.str(page.path("next"), null);
            } while (after != null);
            if (json()) {
                printJson(Map.of("items", users));
                return;
            }
            if (users.isEmpty()) {
                println(group == null ? "No users." : "No users in group " + group + ".");
                return;
            }
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode u : users) {
                rows.add(Text.row(u.path("name").asText(), u.path("group").asText(), Text.str(u.path("displayName")),
                        Text.str(u.path("email")), u.path("devices").asText()));
            }
            Text.table(out(), Text.row("NAME", "GROUP", "DISPLAY NAME", "EMAIL", "DEVICES"), rows);
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows one user.")
    static final class Show extends AdminAction {
        @Parameters(index = "0", paramLabel = "NAME", description = "The user's name.")
        String name;

        @Override
        void run() {
            JsonNode u = client().get(path(name));
            if (json()) {
                printJson(u);
                return;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("User", u.path("name").asText());
            fields.put("Display name", Text.str(u.path("displayName")));
            fields.put("Email", Text.str(u.path("email")));
            fields.put("Group", u.path("group").asText());
            fields.put("Devices", u.path("devices").asText() + " (workcell admin device list --user " + u.path("name").asText() + ")");
            fields.put("Created", Text.time(u.path("createdAt")));
            fields.put("Updated", Text.time(u.path("updatedAt")));
            Text.fields(out(), "", fields);
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Deletes a user.")
    static final class Delete extends AdminAction {
        @Parameters(index = "0", paramLabel = "NAME", description = "The user's name.")
        String name;

        @Override
        void run() {
            client().delete(path(name));
            printDeleted("user", name);
        }
    }
}
