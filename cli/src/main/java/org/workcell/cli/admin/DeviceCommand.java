package org.workcell.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "device", mixinStandardHelpOptions = true,
        description = "Enrolled devices: list and inspect them, and send them commands.",
        subcommands = {DeviceCommand.ListDevices.class, DeviceCommand.Show.class, DeviceCommand.Lock.class, DeviceCommand.Disable.class,
                DeviceCommand.Enable.class, DeviceCommand.Wipe.class, DeviceCommand.Retire.class, DeviceCommand.Checkin.class})
public final class DeviceCommand {
    static String path(String id) {
        return "/api/v1/devices/" + AdminClient.segment(id);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists devices, most recently enrolled first.")
    static final class ListDevices extends AdminAction {
        @Option(names = "--state", paramLabel = "S", description = "Only devices in this state: enrolled, provisioned, activated, disabled, wiped or retired.")
        String state;

        @Option(names = "--user", paramLabel = "U", description = "Only this user's devices.")
        String user;

        @Option(names = "--group", paramLabel = "G", description = "Only devices of this group's users.")
        String group;

        @Option(names = "--page-size", hidden = true, defaultValue = "1000", description = "Devices per request (1-1000).")
        int pageSize;

        @Override
        void run() {
            AdminClient client = client();
            List<JsonNode> devices = new ArrayList<>();
            String before = null;
            do {
                Map<String, String> query = new LinkedHashMap<>();
                query.put("state", state);
                query.put("user", user);
                query.put("group", group);
                query.put("before", before);
                query.put("limit", Integer.toString(pageSize));
                JsonNode page = client.get("/api/v1/devices", query);
                devices.addAll(Text.items(page));
                before = Text.str(page.path("next"), null);
            } while (before != null);
            if (json()) {
                printJson(Map.of("items", devices));
                return;
            }
            if (devices.isEmpty()) {
                println("No devices" + (state != null || user != null || group != null ? " match." : "."));
                return;
            }
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode d : devices) {
                rows.add(Text.row(d.path("id").asText(), d.path("user").asText(), d.path("group").asText(), d.path("state").asText(),
                        Text.time(d.path("lastCheckinAt"), "never")));
            }
            Text.table(out(), Text.row("ID", "USER", "GROUP", "STATE", "LAST CHECK-IN"), rows);
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows a device, its pending and recent commands and its recent leases.")
    static final class Show extends AdminAction {
        @Parameters(index = "0", paramLabel = "ID", description = "The device's id.")
        String id;

        @Override
        void run() {
            JsonNode detail = client().get(path(id));
            if (json()) {
                printJson(detail);
                return;
            }
            JsonNode d = detail.path("device");
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("Device", d.path("id").asText());
            fields.put("User", d.path("user").asText() + " (group " + d.path("group").asText() + ")");
            fields.put("State", d.path("state").asText() + (d.path("phoneState").isTextual() ? "; phone " + d.path("phoneState").asText() : ""));
            fields.put("Model", Text.str(d.path("model")) + (d.path("os").isTextual() ? ", " + d.path("os").asText() : ""));
            fields.put("Agent", Text.str(d.path("agentVersion")));
            fields.put("Image version", Text.str(d.path("imageVersion")));
            fields.put("Policy version", Text.str(d.path("policyVersion")));
            fields.put("Enrolled", Text.time(d.path("enrolledAt")));
            fields.put("Provisioned", Text.time(d.path("provisionedAt")));
            fields.put("Activated", Text.time(d.path("activatedAt")));
            fields.put("Last check-in", Text.time(d.path("lastCheckinAt"), "never")
                    + (d.path("lastCheckinAddress").isTextual() ? " from " + d.path("lastCheckinAddress").asText() : ""));
            fields.put("Disables at", d.path("disableAt").isTextual() ? Text.time(d.path("disableAt")) + " unless it checks in" : Text.NONE);
            fields.put("Wipes at", d.path("wipeAt").isTextual() ? Text.time(d.path("wipeAt")) + " unless it checks in" : Text.NONE);
            fields.put("Hardware id", Text.str(detail.path("hardwareIdHash")) + " (hash)");
            fields.put("Public key", Text.str(detail.path("publicKey")));
            Text.fields(out(), "", fields);

            List<List<String>> pending = new ArrayList<>();
            List<List<String>> done = new ArrayList<>();
            for (JsonNode c : detail.path("commands")) {
                boolean completed = c.path("completedAt").isTextual();
                String status = completed ? "done " + Text.time(c.path("completedAt"))
                        : c.path("deliveredAt").isTextual() ? "delivered " + Text.time(c.path("deliveredAt")) : "waiting";
                List<String> row = Text.row(c.path("id").asText(), c.path("type").asText(), Text.time(c.path("createdAt")),
                        Text.str(c.path("createdBy")), status);
                (completed ? done : pending).add(row);
            }
            List<String> commandHeader = Text.row("ID", "COMMAND", "SENT", "BY", "STATUS");
            println("");
            if (pending.isEmpty()) {
                println("Pending commands: none");
            } else {
                println("Pending commands:");
                indented(commandHeader, pending);
            }
            if (!done.isEmpty()) {
                println("");
                println("Completed commands (recent):");
                indented(commandHeader, done);
            }

            List<List<String>> leases = new ArrayList<>();
            for (JsonNode l : detail.path("leases")) {
                leases.add(Text.row(l.path("sequence").asText(), Text.time(l.path("issuedAt")), Text.time(l.path("renewBy")),
                        Text.time(l.path("disableAt")), Text.time(l.path("wipeAt")), Text.str(l.path("state")), Text.str(l.path("address"))));
            }
            println("");
            if (leases.isEmpty()) {
                println("Recent leases: none");
            } else {
                println("Recent leases:");
                indented(Text.row("SEQ", "ISSUED", "RENEW BY", "DISABLE AT", "WIPE AT", "STATE", "ADDRESS"), leases);
            }
        }

        private void indented(List<String> header, List<List<String>> rows) {
            Text.table(out(), "  ", header, rows);
        }
    }

    /** A command sent to a device: POST /api/v1/devices/{id}/commands {"type": …}. */
    abstract static class DeviceAction extends AdminAction {
        @Parameters(index = "0", paramLabel = "ID", description = "The device's id.")
        String id;

        abstract String type();

        @Override
        final void run() {
            JsonNode result = client().post(path(id) + "/commands", Map.of("type", type()));
            if (json()) {
                printJson(result);
                return;
            }
            JsonNode d = result.path("device");
            String who = "Device " + d.path("id").asText() + " (" + d.path("user").asText() + ")";
            String command = result.path("commandId").isNumber() ? " as command #" + result.path("commandId").asLong() : "";
            switch (type()) {
                case "checkin" -> println(who + " asked to check in; state " + d.path("state").asText() + ".");
                case "retire" -> println(who + " retired" + command + "; it is told to wipe its work phone. State now "
                        + d.path("state").asText() + ".");
                default -> println(who + ": " + type() + " sent" + command + ". State now " + d.path("state").asText() + ".");
            }
            if (result.path("nudged").asBoolean(false)) {
                println("The device is connected and was nudged to check in now.");
            } else {
                println("The device is not connected; it gets this at its next check-in.");
            }
        }
    }

    @Command(name = "lock", mixinStandardHelpOptions = true, description = "Locks the work phone now; the user unlocks it with the PIN.")
    static final class Lock extends DeviceAction {
        @Override
        String type() {
            return "lock";
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Disables the work phone until enabled again.")
    static final class Disable extends DeviceAction {
        @Override
        String type() {
            return "disable";
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enables a disabled device again.")
    static final class Enable extends DeviceAction {
        @Override
        String type() {
            return "enable";
        }
    }

    @Command(name = "wipe", mixinStandardHelpOptions = true, description = "Wipes the work phone; the device must enrol again to get a new one.")
    static final class Wipe extends DeviceAction {
        @Override
        String type() {
            return "wipe";
        }
    }

    @Command(name = "retire", mixinStandardHelpOptions = true, description = "Retires the device for good (its work phone is wiped).")
    static final class Retire extends DeviceAction {
        @Override
        String type() {
            return "retire";
        }
    }

    @Command(name = "checkin", mixinStandardHelpOptions = true, description = "Asks the device to check in now.")
    static final class Checkin extends DeviceAction {
        @Override
        String type() {
            return "checkin";
        }
    }
}
