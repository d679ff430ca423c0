package org.workcell.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.workcell.core.json.Json;
import picocli.CommandLine.Command;

@Command(name = "whoami", mixinStandardHelpOptions = true, description = "Shows who you are signed in as, and where.")
public final class WhoamiCommand extends AdminAction {
    @Override
    void run() {
        AdminClient client = client();
        JsonNode me = client.get("/api/v1/auth/me");
        if (json()) {
            ObjectNode result = Json.MAPPER.createObjectNode();
            result.put("server", client.server());
            result.setAll((ObjectNode) me);
            printJson(result);
            return;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("User", me.path("name").asText());
        fields.put("Role", me.path("role").asText() + (me.path("role").asText().equals("auditor") ? " (may read, not change)" : ""));
        fields.put("Server", client.server());
        fields.put("Last sign-in", Text.time(me.path("lastLoginAt")));
        Text.fields(out(), "", fields);
    }
}
