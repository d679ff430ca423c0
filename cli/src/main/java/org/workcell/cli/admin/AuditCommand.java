package org.workcell.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.workcell.cli.CliException;
import org.workcell.core.json.Json;
import org.workcell.core.time.Durations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "The audit log: who did what to which group, user or device, and when.",
        subcommands = {AuditCommand.Tail.class})
public final class AuditCommand {
    private static final String PATH = "/api/v1/audit";
    private static final int MAX_PAGE = 1000;

    @Command(name = "tail", mixinStandardHelpOptions = true,
            description = {"Shows the latest audit entries, oldest first so the newest is last.",
                    "With --json: the server's page {\"items\": [...], \"next\": …}, newest first;"
                            + " with --json --follow: one JSON entry per line, oldest first."})
    static final class Tail extends AdminAction {
        @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "How many entries (1-1000; default: ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--action", paramLabel = "A", description = "Only this action, e.g. policy.update or device.wipe.")
        String action;

        @Option(names = "--actor", paramLabel = "A", description = "Only what this admin (or device) did.")
        String actor;

        @Option(names = "--target-id", paramLabel = "T", description = "Only entries about this group, user or device.")
        String targetId;

        @Option(names = "--since", paramLabel = "ISO", description = "Only entries at or after this instant (2026-01-31T12:00:00Z), or this long ago (e.g. 1h).")
        String since;

        @Option(names = "--follow", description = "Keep printing new entries as they come, every 2 s, until Ctrl-C.")
        boolean follow;

        @Option(names = "--interval", hidden = true, paramLabel = "D", defaultValue = "2s", description = "How often --follow asks the server.")
        String interval;

        @Override
        void run() {
            if (limit < 1 || limit > MAX_PAGE) {
                throw new ParameterException(spec.commandLine(), "--limit must be between 1 and " + MAX_PAGE);
            }
            String sinceInstant = since == null ? null : instant(since);
            AdminClient client = client();
            JsonNode page = client.get(PATH, query(sinceInstant, limit, null));
            List<JsonNode> newestFirst = Text.items(page);
            if (!follow) {
                if (json()) {
                    printJson(page);
                } else if (newestFirst.isEmpty()) {
                    println("No audit entries" + (action != null || actor != null || targetId != null || since != null ? " match." : "."));
                } else {
                    printTable(newestFirst.reversed());
                }
                return;
            }
            if (!json()) {
                println(followLine(Text.row("ID", "AT", "ACTOR", "ACTION", "TARGET")));
            }
            long lastSeen = 0;
            for (JsonNode entry : newestFirst.reversed()) {
                printEntry(entry);
                lastSeen = Math.max(lastSeen, entry.path("id").asLong());
            }
            follow(client, sinceInstant, lastSeen);
        }

        /** Polls until interrupted (Ctrl-C ends the process); rides out the server being away for a while. */
        private void follow(AdminClient client, String sinceInstant, long lastSeen) {
            long pause = Durations.parse(interval).toMillis();
            boolean away = false;
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(pause);
                    List<JsonNode> fresh;
                    try {
                        fresh = newerThan(client, sinceInstant, lastSeen);
                    } catch (CliException e) {
                        if (Thread.currentThread().isInterrupted()) {
                            return;
                        }
                        if (e.exitCode() != CliException.UNREACHABLE) {
                            throw e;
                        }
                        if (!away) {
                            spec.commandLine().getErr().println("workcell: " + e.getMessage() + "; still trying");
                            spec.commandLine().getErr().flush();
                            away = true;
                        }
                        continue;
                    }
                    away = false;
                    for (JsonNode entry : fresh) {
                        printEntry(entry);
                        lastSeen = Math.max(lastSeen, entry.path("id").asLong());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Entries with an id above {@code lastSeen}, oldest first, paging back with {@code before} as far as needed. */
        private List<JsonNode> newerThan(AdminClient client, String sinceInstant, long lastSeen) {
            List<JsonNode> fresh = new ArrayList<>();
            Long before = null;
            while (true) {
                List<JsonNode> items = Text.items(client.get(PATH, query(sinceInstant, MAX_PAGE, before)));
                boolean reachedSeen = false;
                for (JsonNode entry : items) {
                    if (entry.path("id").asLong() <= lastSeen) {
                        reachedSeen = true;
                        break;
                    }
                    fresh.add(entry);
                }
                if (reachedSeen || items.size() < MAX_PAGE) {
                    break;
                }
                before = items.getLast().path("id").asLong();
            }
            return fresh.reversed();
        }

        private Map<String, String> query(String sinceInstant, int pageSize, Long before) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("action", action);
            query.put("actor", actor);
            query.put("targetId", targetId);
            query.put("since", sinceInstant);
            query.put("before", before == null ? null : before.toString());
            query.put("limit", Integer.toString(pageSize));
            return query;
        }

        private String instant(String text) {
            try {
                return Instant.parse(text).toString();
            } catch (DateTimeParseException notAnInstant) {
                try {
                    return Instant.now().minus(Durations.parse(text)).toString();
                } catch (IllegalArgumentException | ArithmeticException notADuration) {
                    throw new ParameterException(spec.commandLine(),
                            "--since '" + text + "' is neither an instant such as 2026-01-31T12:00:00Z nor a duration such as 1h");
                }
            }
        }

        private void printEntry(JsonNode entry) {
            if (json()) {
                println(Json.writeString(entry));
            } else {
                println(followLine(cells(entry)));
            }
        }

        /** Fixed columns, since a growing stream cannot be aligned afterwards. */
        private static String followLine(List<String> cells) {
            return String.format("%-7s %-20s %-14s %-24s %s", cells.toArray()).stripTrailing();
        }

        private void printTable(List<JsonNode> oldestFirst) {
            List<List<String>> rows = new ArrayList<>();
            oldestFirst.forEach(e -> rows.add(cells(e)));
            Text.table(out(), Text.row("ID", "AT", "ACTOR", "ACTION", "TARGET"), rows);
        }

        private static List<String> cells(JsonNode e) {
            String actorType = e.path("actorType").asText("");
            String name = e.path("actor").asText();
            String who = actorType.isEmpty() || actorType.equals("admin") || actorType.equals(name) ? name
                    : name.equals(e.path("targetId").asText()) ? actorType // a device acting on itself: the target names it
                    : actorType + ":" + name;
            String target = Text.str(e.path("targetType"), "") + " " + Text.str(e.path("targetId"), "");
            return Text.row(e.path("id").asText(), Text.time(e.path("at")), who, e.path("action").asText(), target.isBlank() ? Text.NONE : target.trim());
        }
    }
}
