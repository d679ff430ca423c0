package org.workcell.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

@Command(name = "policy", mixinStandardHelpOptions = true,
        description = "A group's policy: lease and offline limits, PIN, data sharing, cloud sessions.",
        subcommands = {PolicyCommand.Show.class, PolicyCommand.History.class, PolicyCommand.Set.class})
public final class PolicyCommand {
    private enum Kind { DURATION, BOOLEAN, NUMBER }

    /** A policy setting: its {@code policy set} option (without dashes), its JSON field and its kind. */
    private record Setting(String option, String field, Kind kind) {
        String format(JsonNode settings) {
            JsonNode value = settings.path(field);
            if (kind != Kind.DURATION) {
                return Text.str(value);
            }
            String text = Text.duration(value);
            return field.equals("lockAfterIdle") && text.equals("0s") ? "0s (never)" : text;
        }
    }

    private static final List<Setting> SETTINGS = List.of(
            new Setting("lease-interval", "leaseInterval", Kind.DURATION),
            new Setting("disable-after", "disableAfter", Kind.DURATION),
            new Setting("wipe-after", "wipeAfter", Kind.DURATION),
            new Setting("pin-required", "pinRequired", Kind.BOOLEAN),
            new Setting("pin-min-length", "pinMinLength", Kind.NUMBER),
            new Setting("pin-max-attempts", "pinMaxAttempts", Kind.NUMBER),
            new Setting("lock-after-idle", "lockAfterIdle", Kind.DURATION),
            new Setting("clipboard-out", "clipboardOut", Kind.BOOLEAN),
            new Setting("screenshots", "screenshots", Kind.BOOLEAN),
            new Setting("watermark", "watermark", Kind.BOOLEAN),
            new Setting("cloud-session-idle-timeout", "cloudSessionIdleTimeout", Kind.DURATION));

    static String path(String group) {
        return GroupCommand.path(group) + "/policy";
    }

    /** The settings that differ between two policies, as {@code option old→new}. */
    private static List<String> changes(JsonNode before, JsonNode after) {
        List<String> changes = new ArrayList<>();
        for (Setting s : SETTINGS) {
            String was = s.format(before.path("settings"));
            String now = s.format(after.path("settings"));
            if (!Objects.equals(was, now)) {
                changes.add(s.option() + " " + was + " → " + now);
            }
        }
        return changes;
    }

    private static void printSettings(AdminAction action, JsonNode policy) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Setting s : SETTINGS) {
            fields.put(s.option(), s.format(policy.path("settings")));
        }
        Text.fields(action.out(), "  ", fields);
    }

    private static String heading(JsonNode policy) {
        return "Policy of group " + policy.path("group").asText() + ": version " + policy.path("version").asLong()
                + ", set " + Text.time(policy.path("updatedAt")) + " by " + Text.str(policy.path("updatedBy"));
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows a group's current policy.")
    static final class Show extends AdminAction {
        @Parameters(index = "0", paramLabel = "GROUP", description = "The group's name.")
        String group;

        @Override
        void run() {
            JsonNode policy = client().get(path(group));
            if (json()) {
                printJson(policy);
                return;
            }
            println(heading(policy));
            printSettings(this, policy);
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true, description = "Lists a group's policy versions, newest first, with what changed.")
    static final class History extends AdminAction {
        @Parameters(index = "0", paramLabel = "GROUP", description = "The group's name.")
        String group;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "How many versions (1-500; default: ${DEFAULT-VALUE}).")
        int limit;

        @Override
        void run() {
            JsonNode page = client().get(path(group) + "/history", Map.of("limit", Integer.toString(limit)));
            if (json()) {
                printJson(page);
                return;
            }
            List<JsonNode> versions = Text.items(page);
            List<List<String>> rows = new ArrayList<>();
            for (int i = 0; i < versions.size(); i++) {
                JsonNode v = versions.get(i);
                String changes;
                if (i + 1 < versions.size()) {
                    List<String> diff = changes(versions.get(i + 1), v);
                    changes = diff.isEmpty() ? "no change" : String.join(", ", diff);
                } else {
                    changes = v.path("version").asLong() == 1 ? "created with the defaults" : "";
                }
                rows.add(Text.row(v.path("version").asText(), Text.time(v.path("updatedAt")), Text.str(v.path("updatedBy")), changes));
            }
            Text.table(out(), Text.row("VERSION", "SET AT", "BY", "CHANGES"), rows);
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Changes some settings of a group's policy; the others keep their value.",
                    "Durations as you would say them: 90s, 15m, 2h, 1d, 1h30m, or ISO-8601 such as PT15M.",
                    "The new policy reaches the group's devices at their next check-in; connected devices are nudged."})
    static final class Set extends AdminAction {
        @Parameters(index = "0", paramLabel = "GROUP", description = "The group's name.")
        String group;

        @Option(names = "--lease-interval", paramLabel = "D", description = "How often devices renew their lease (5s-1d).")
        String leaseInterval;

        @Option(names = "--disable-after", paramLabel = "D", description = "Offline time after which the work phone is disabled.")
        String disableAfter;

        @Option(names = "--wipe-after", paramLabel = "D", description = "Offline time after which it is wiped (longer than --disable-after).")
        String wipeAfter;

        @Option(names = "--pin-required", arity = "1", paramLabel = "true|false", description = "Whether a PIN guards the work phone.")
        Boolean pinRequired;

        @Option(names = "--pin-min-length", paramLabel = "N", description = "Shortest PIN accepted (4-32).")
        Integer pinMinLength;

        @Option(names = "--pin-max-attempts", paramLabel = "N", description = "Wrong PINs in a row before a wipe (3-100).")
        Integer pinMaxAttempts;

        @Option(names = "--lock-after-idle", paramLabel = "D", description = "Idle time before the phone locks (0 for never, else 10s-1d).")
        String lockAfterIdle;

        @Option(names = "--clipboard-out", arity = "1", paramLabel = "true|false", description = "Whether text may be copied out of the work phone.")
        Boolean clipboardOut;

        @Option(names = "--screenshots", arity = "1", paramLabel = "true|false", description = "Whether screenshots are allowed.")
        Boolean screenshots;

        @Option(names = "--watermark", arity = "1", paramLabel = "true|false", description = "Whether user and time are drawn over every frame.")
        Boolean watermark;

        @Option(names = "--cloud-session-idle-timeout", paramLabel = "D", description = "How long a disconnected cloud phone keeps running (1m-7d).")
        String cloudSessionIdleTimeout;

        @Override
        void run() {
            Map<String, Object> patch = new LinkedHashMap<>();
            putIfSet(patch, "leaseInterval", duration(leaseInterval));
            putIfSet(patch, "disableAfter", duration(disableAfter));
            putIfSet(patch, "wipeAfter", duration(wipeAfter));
            putIfSet(patch, "pinRequired", pinRequired);
            putIfSet(patch, "pinMinLength", pinMinLength);
            putIfSet(patch, "pinMaxAttempts", pinMaxAttempts);
            putIfSet(patch, "lockAfterIdle", duration(lockAfterIdle));
            putIfSet(patch, "clipboardOut", clipboardOut);
            putIfSet(patch, "screenshots", screenshots);
            putIfSet(patch, "watermark", watermark);
            putIfSet(patch, "cloudSessionIdleTimeout", duration(cloudSessionIdleTimeout));
            if (patch.isEmpty()) {
                throw new ParameterException(spec.commandLine(),
                        "nothing to change: give at least one setting, e.g. policy set " + group + " --wipe-after 7d");
            }
            AdminClient client = client();
            JsonNode before = json() ? null : client.get(path(group));
            JsonNode after = client.patch(path(group), patch);
            if (json()) {
                printJson(after);
                return;
            }
            if (after.path("version").asLong() == before.path("version").asLong()) {
                println("Policy of group " + group + " unchanged: those are its settings already (version "
                        + after.path("version").asLong() + ").");
                return;
            }
            println("Policy of group " + group + " is now version " + after.path("version").asLong() + " (was "
                    + before.path("version").asLong() + "):");
            changes(before, after).forEach(c -> println("  " + c));
        }

        /** A duration as typed, for the server to parse; a bare 0 (as in "--lock-after-idle 0") means 0s. */
        private static String duration(String text) {
            return text != null && text.trim().equals("0") ? "0s" : text;
        }

        private static void putIfSet(Map<String, Object> patch, String field, Object value) {
            if (value != null) {
                patch.put(field, value);
            }
        }
    }
}
