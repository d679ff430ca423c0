package org.workcell.cli.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.workcell.cli.CliException;
import org.workcell.server.testing.MutableClock;
import org.workcell.server.testing.TestDatabase;
import org.workcell.server.testing.TestServer;

/** {@code workcell admin} against a real server, through {@code Main.run} as a script would call it. */
class AdminCommandsTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    @TempDir
    Path temp;

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void managesGroupsPoliciesUsersAndCodesAndAuditsIt(TestDatabase.Kind kind) throws Exception {
        try (TestServer server = TestServer.start(kind, temp, MutableClock.startingNow())) {
            AdminCli cli = new AdminCli(server.url(), temp.resolve("config"));

            // Sign in: a wrong password is refused (exit 3) with the server's reason; the right one is remembered.
            AdminCli.Result wrong = cli.login("admin", "not the password");
            assertThat(wrong.exitCode()).isEqualTo(CliException.REFUSED);
            assertThat(wrong.err()).contains("user name or password is wrong");
            assertThat(wrong.out()).isEmpty();
            assertThat(cli.login("admin", TestServer.ADMIN_PASSWORD).ok().out()).contains("Signed in to " + server.url() + " as admin (admin)");
            JsonNode me = cli.json("whoami");
            assertThat(me.get("name").asText()).isEqualTo("admin");
            assertThat(me.get("role").asText()).isEqualTo("admin");
            assertThat(me.get("server").asText()).isEqualTo(server.url());

            // Groups.
            JsonNode sales = cli.json("group", "create", "sales", "--description", "Field sales", "--image-version", "0.2.0");
            assertThat(sales.get("name").asText()).isEqualTo("sales");
            assertThat(sales.get("imageVersion").asText()).isEqualTo("0.2.0");
            assertThat(sales.get("policyVersion").asLong()).isEqualTo(1);
            assertThat(cli.run("group", "create", "ops").ok().out()).startsWith("Created group ops (image workcell-phone 0.1.0, policy version 1).");
            assertThat(cli.run("group", "create", "ops").exitCode()).isEqualTo(CliException.REFUSED);
            JsonNode groups = cli.json("group", "list");
            assertThat(names(groups.get("items"))).containsExactly("ops", "sales");
            List<String> table = cli.run("group", "list").ok().lines();
            assertThat(table.getFirst()).startsWith("NAME").contains("IMAGE", "POLICY", "USERS", "DEVICES", "DESCRIPTION");
            assertThat(table).hasSize(3);
            assertThat(table.get(2)).startsWith("sales").contains("workcell-phone 0.2.0", "Field sales");
            assertThat(table.get(1).indexOf("workcell-phone")).isEqualTo(table.get(2).indexOf("workcell-phone")); // aligned
            assertThat(cli.json("group", "show", "sales").get("description").asText()).isEqualTo("Field sales");
            assertThat(cli.run("group", "show", "sales").ok().out()).contains("Description  Field sales");
            AdminCli.Result missing = cli.run("group", "show", "nope");
            assertThat(missing.exitCode()).isEqualTo(CliException.REFUSED);
            assertThat(missing.err()).contains("nope");

            // Policy: show, set (the version goes up), a refused combination (nothing changes), and history.
            JsonNode policy = cli.json("policy", "show", "sales");
            assertThat(policy.get("version").asLong()).isEqualTo(1);
            assertThat(policy.at("/settings/wipeAfter").asText()).isEqualTo("PT96H");
            String shown = cli.run("policy", "show", "sales").ok().out();
            assertThat(shown.lines().findFirst().orElseThrow()).startsWith("Policy of group sales: version 1");
            assertThat(shown).containsPattern("(?m)^  lease-interval +15m$").containsPattern("(?m)^  wipe-after +4d$")
                    .containsPattern("(?m)^  disable-after +1d$").containsPattern("(?m)^  screenshots +false$");

            JsonNode set = cli.json("policy", "set", "sales", "--wipe-after", "7d", "--lock-after-idle", "PT2M", "--screenshots", "true");
            assertThat(set.get("version").asLong()).isEqualTo(2);
            assertThat(set.at("/settings/wipeAfter").asText()).isEqualTo("PT168H");
            assertThat(set.at("/settings/lockAfterIdle").asText()).isEqualTo("PT2M");
            assertThat(set.at("/settings/screenshots").asBoolean()).isTrue();
            String changed = cli.run("policy", "set", "sales", "--pin-min-length", "8").ok().out();
            assertThat(changed).contains("now version 3 (was 2)").contains("pin-min-length 6 → 8");
            assertThat(cli.run("policy", "set", "sales", "--pin-min-length", "8").ok().out()).contains("unchanged");

            AdminCli.Result refused = cli.run("policy", "set", "sales", "--disable-after", "2d", "--wipe-after", "1d");
            assertThat(refused.exitCode()).isEqualTo(CliException.REFUSED);
            assertThat(refused.err()).contains("wipeAfter");
            JsonNode after = cli.json("policy", "show", "sales");
            assertThat(after.get("version").asLong()).isEqualTo(3);
            assertThat(after.at("/settings/wipeAfter").asText()).isEqualTo("PT168H");
            assertThat(after.at("/settings/disableAfter").asText()).isEqualTo("PT24H");

            AdminCli.Result nothing = cli.run("policy", "set", "sales");
            assertThat(nothing.exitCode()).isEqualTo(2);
            assertThat(nothing.err()).contains("nothing to change");
            AdminCli.Result notABoolean = cli.run("policy", "set", "sales", "--watermark", "maybe");
            assertThat(notABoolean.exitCode()).isEqualTo(2);
            assertThat(cli.json("policy", "show", "sales").get("version").asLong()).isEqualTo(3);

            JsonNode history = cli.json("policy", "history", "sales");
            assertThat(history.get("items")).extracting(v -> v.get("version").asLong()).containsExactly(3L, 2L, 1L);
            String historyText = cli.run("policy", "history", "sales").ok().out();
            assertThat(historyText).contains("wipe-after 4d → 7d", "screenshots false → true", "created with the defaults");

            // Users, listed whole even when the server pages them.
            JsonNode alice = cli.json("user", "create", "alice", "--group", "sales", "--email", "alice@example.com", "--display-name", "Alice A.");
            assertThat(alice.get("group").asText()).isEqualTo("sales");
            cli.json("user", "create", "bob", "--group", "sales");
            cli.json("user", "create", "carol", "--group", "ops");
            assertThat(names(cli.json("user", "list").get("items"))).containsExactly("alice", "bob", "carol");
            assertThat(names(cli.json("user", "list", "--page-size", "1").get("items"))).containsExactly("alice", "bob", "carol");
            assertThat(names(cli.json("user", "list", "--group", "sales", "--page-size", "1").get("items"))).containsExactly("alice", "bob");
            List<String> users = cli.run("user", "list").ok().lines();
            assertThat(users.getFirst()).startsWith("NAME").contains("GROUP", "DISPLAY NAME", "EMAIL", "DEVICES");
            assertThat(users.get(1)).contains("alice", "Alice A.", "alice@example.com");
            assertThat(cli.json("user", "show", "alice").get("email").asText()).isEqualTo("alice@example.com");
            AdminCli.Result noGroup = cli.run("user", "create", "dave");
            assertThat(noGroup.exitCode()).isEqualTo(2);
            assertThat(noGroup.err()).contains("--group");

            // Enrolment codes: exactly code, expiresAt and url; the QR code is a PNG that image I/O reads.
            Path png = temp.resolve("alice.png");
            JsonNode code = cli.json("enroll-code", "alice", "--valid-for", "2h", "--qr", png.toString());
            List<String> fields = new ArrayList<>();
            code.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactly("code", "expiresAt", "url");
            assertThat(code.get("url").asText()).startsWith(server.url()).contains(code.get("code").asText());
            byte[] bytes = Files.readAllBytes(png);
            assertThat(bytes).startsWith(PNG_SIGNATURE);
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image).isNotNull();
            assertThat(image.getWidth()).isPositive();
            List<String> codeText = cli.run("enroll-code", "bob").ok().lines();
            assertThat(codeText.getFirst()).matches("[A-Z0-9-]{8,}");
            assertThat(codeText.get(1)).startsWith("URL").contains(server.url()).contains(codeText.getFirst());
            assertThat(codeText.get(2)).startsWith("Expires");
            assertThat(cli.run("enroll-code", "nobody").exitCode()).isEqualTo(CliException.REFUSED);

            // No devices yet.
            assertThat(cli.json("device", "list").get("items")).isEmpty();
            assertThat(cli.run("device", "list").ok().out()).isEqualTo("No devices.\n");

            // Deletions.
            assertThat(cli.run("group", "delete", "sales").exitCode()).isEqualTo(CliException.REFUSED); // it has users
            assertThat(cli.json("user", "delete", "carol").get("deleted").asBoolean()).isTrue();
            assertThat(cli.run("group", "delete", "ops").ok().out()).isEqualTo("Deleted group ops.\n");

            // The audit log shows all of it, the newest last as text.
            JsonNode audit = cli.json("audit", "tail", "--limit", "100");
            List<String> actions = new ArrayList<>();
            audit.get("items").forEach(e -> actions.add(e.get("action").asText()));
            assertThat(actions).contains("admin.login-failed", "admin.login", "group.create", "policy.update", "user.create",
                    "enrollment-code.create", "user.delete", "group.delete");
            assertThat(actions.getFirst()).isEqualTo("group.delete"); // the server's order: newest first
            List<String> auditText = cli.run("audit", "tail", "--limit", "3").ok().lines();
            assertThat(auditText).hasSize(4);
            assertThat(auditText.get(0)).startsWith("ID").contains("AT", "ACTOR", "ACTION", "TARGET");
            assertThat(auditText.get(1)).contains("enrollment-code.create", "user bob");
            assertThat(auditText.get(2)).contains("user.delete", "user carol");
            assertThat(auditText.get(3)).contains("admin", "group.delete", "group ops");
            JsonNode policyChanges = cli.json("audit", "tail", "--action", "policy.update", "--target-id", "sales");
            assertThat(policyChanges.get("items")).hasSize(2);
            assertThat(cli.json("audit", "tail", "--since", "1h", "--actor", "admin", "--limit", "1").get("items")).hasSize(1);

            // A bare 0 means no idle lock.
            assertThat(cli.run("policy", "set", "sales", "--lock-after-idle", "0").ok().out()).contains("lock-after-idle 2m → 0s (never)");
            assertThat(cli.run("policy", "show", "sales").ok().out()).containsPattern("(?m)^  lock-after-idle +0s \\(never\\)$");

            // Signing out forgets the token.
            assertThat(cli.run("logout").ok().out()).contains("Signed out of " + server.url());
            AdminCli.Result signedOut = cli.run("group", "list");
            assertThat(signedOut.exitCode()).isEqualTo(CliException.FAILURE);
            assertThat(signedOut.err()).contains("not signed in");
        }
    }

    private static List<String> names(JsonNode items) {
        List<String> names = new ArrayList<>();
        items.forEach(item -> names.add(item.get("name").asText()));
        return names;
    }
}
