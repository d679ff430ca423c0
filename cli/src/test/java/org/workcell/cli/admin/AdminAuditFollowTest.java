package org.workcell.cli.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.workcell.cli.Main;
import org.workcell.core.json.Json;
import org.workcell.server.testing.MutableClock;
import org.workcell.server.testing.TestDatabase;
import org.workcell.server.testing.TestServer;

/** {@code audit tail --follow}: new entries appear as they are written, each once, oldest first. */
class AdminAuditFollowTest {
    @TempDir
    Path temp;

    @Test
    void followPrintsNewEntriesUntilInterrupted() throws Exception {
        try (TestServer server = TestServer.start(TestDatabase.Kind.H2, temp, MutableClock.startingNow())) {
            AdminCli cli = new AdminCli(server.url(), temp.resolve("config"));
            cli.login("admin", TestServer.ADMIN_PASSWORD).ok();
            cli.json("group", "create", "sales");

            StringWriter out = new StringWriter();
            AtomicInteger exit = new AtomicInteger(-1);
            Thread follower = new Thread(() -> exit.set(Main.run(new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true),
                    new PrintWriter(new StringWriter(), true), "admin", "--server", server.url(), "--config-dir",
                    temp.resolve("config").toString(), "audit", "tail", "--follow", "--json", "--interval", "1s")));
            follower.start();
            try {
                waitFor(out, "\"group.create\"");
                cli.json("group", "create", "ops");
                cli.json("user", "create", "alice", "--group", "ops");
                waitFor(out, "\"user.create\"");
            } finally {
                follower.interrupt();
                follower.join(10_000);
            }
            assertThat(follower.isAlive()).isFalse();
            assertThat(exit.get()).isZero();

            List<JsonNode> entries = new ArrayList<>();
            for (String line : out.toString().lines().toList()) {
                entries.add(Json.MAPPER.readTree(line)); // one JSON document per line
            }
            assertThat(entries).extracting(e -> e.get("action").asText())
                    .containsExactly("admin.create", "admin.login", "group.create", "group.create", "user.create");
            assertThat(entries).extracting(e -> e.get("id").asLong()).isSorted().doesNotHaveDuplicates();
        }
    }

    private static void waitFor(StringWriter out, String text) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (!out.toString().contains(text)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no '" + text + "' in:\n" + out);
            }
            Thread.sleep(50);
        }
    }
}
