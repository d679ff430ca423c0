package org.workcell.cli.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.workcell.cli.CliException;
import org.workcell.server.testing.MutableClock;
import org.workcell.server.testing.TestDatabase;
import org.workcell.server.testing.TestServer;

/** Who may do what: auditors read but do not change, and without a sign-in nothing is sent at all. */
class AdminAccessTest {
    private static final String AUDITOR_PASSWORD = "audit the books 2026";

    @TempDir
    Path temp;

    @Test
    void anAuditorMayReadButIsRefusedChanges() throws Exception {
        try (TestServer server = TestServer.start(TestDatabase.Kind.H2, temp, MutableClock.startingNow())) {
            AdminCli admin = new AdminCli(server.url(), temp.resolve("admin-config"));
            admin.login("admin", TestServer.ADMIN_PASSWORD).ok();
            admin.json("group", "create", "sales");
            String token = new AdminCredentials(temp.resolve("admin-config")).find(server.url()).orElseThrow().token();
            JsonNode created = new AdminClient(server.url(), token)
                    .post("/api/v1/admins", Map.of("name", "ivy", "password", AUDITOR_PASSWORD, "role", "auditor"));
            assertThat(created.get("role").asText()).isEqualTo("auditor");

            AdminCli auditor = new AdminCli(server.url(), temp.resolve("auditor-config"));
            assertThat(auditor.login("ivy", AUDITOR_PASSWORD).ok().out()).contains("as ivy (auditor)");
            assertThat(auditor.run("whoami").ok().out()).contains("auditor (may read, not change)");
            assertThat(auditor.json("group", "list").get("items")).hasSize(1);
            assertThat(auditor.json("policy", "show", "sales").get("version").asLong()).isEqualTo(1);

            AdminCli.Result refused = auditor.run("group", "create", "ops");
            assertThat(refused.exitCode()).isEqualTo(CliException.REFUSED);
            assertThat(refused.err()).startsWith("workcell: ").contains("auditor").contains("may read but not change");
            assertThat(refused.out()).isEmpty();
            assertThat(auditor.run("policy", "set", "sales", "--wipe-after", "9d").exitCode()).isEqualTo(CliException.REFUSED);
            assertThat(admin.json("group", "list").get("items")).hasSize(1);
            assertThat(admin.json("policy", "show", "sales").get("version").asLong()).isEqualTo(1);

            JsonNode denied = admin.json("audit", "tail", "--actor", "ivy");
            assertThat(denied.get("items")).extracting(e -> e.get("action").asText()).contains("admin.login");
        }
    }

    @Test
    void withoutASignInCommandsSayHowToSignIn() {
        AdminCli cli = new AdminCli("http://127.0.0.1:9", temp.resolve("empty-config"));
        AdminCli.Result result = cli.run("group", "list");
        assertThat(result.exitCode()).isEqualTo(CliException.FAILURE);
        assertThat(result.err()).contains("not signed in to http://127.0.0.1:9").contains("login --user NAME --password-stdin");
        assertThat(result.out()).isEmpty();

        AdminCli.Result noServer = AdminCli.raw("", "admin", "--config-dir", temp.resolve("empty-config").toString(), "whoami");
        assertThat(noServer.exitCode()).isEqualTo(CliException.FAILURE);
        assertThat(noServer.err()).contains("not signed in");
    }

    @Test
    void anUnreachableServerIsExitFour() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        AdminCli cli = new AdminCli("http://127.0.0.1:" + port, temp.resolve("config"));
        AdminCli.Result result = cli.login("admin", "whatever it is");
        assertThat(result.exitCode()).isEqualTo(CliException.UNREACHABLE);
        assertThat(result.err()).contains("cannot reach http://127.0.0.1:" + port);
    }

    @Test
    void anExpiredSessionIsForgottenOnLogout() throws Exception {
        MutableClock clock = MutableClock.startingNow();
        try (TestServer server = TestServer.start(TestDatabase.Kind.H2, temp, clock)) {
            AdminCli cli = new AdminCli(server.url(), temp.resolve("config"));
            cli.login("admin", TestServer.ADMIN_PASSWORD).ok();
            clock.advance(java.time.Duration.ofDays(400));
            AdminCli.Result expired = cli.run("group", "list");
            assertThat(expired.exitCode()).isEqualTo(CliException.REFUSED);
            assertThat(expired.err()).contains("login --user NAME --password-stdin");
            JsonNode logout = cli.json("logout");
            assertThat(logout.get("signedOut").asBoolean()).isTrue();
            assertThat(logout.get("sessionWasLive").asBoolean()).isFalse();
            assertThat(new AdminCredentials(temp.resolve("config")).find(server.url())).isEmpty();
        }
    }
}
