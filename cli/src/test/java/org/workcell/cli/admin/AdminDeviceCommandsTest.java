package org.workcell.cli.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.workcell.cli.CliException;
import org.workcell.server.testing.MutableClock;
import org.workcell.server.testing.TestDatabase;
import org.workcell.server.testing.TestServer;

/** Devices as an admin sees and commands them, with a device enrolled by the real agent. */
class AdminDeviceCommandsTest {
    @TempDir
    Path temp;

    @Test
    void listsShowsAndCommandsADevice() throws Exception {
        try (TestServer server = TestServer.start(TestDatabase.Kind.H2, temp, MutableClock.startingNow())) {
            AdminCli cli = new AdminCli(server.url(), temp.resolve("config"));
            cli.login("admin", TestServer.ADMIN_PASSWORD).ok();
            cli.json("group", "create", "sales");
            cli.json("user", "create", "alice", "--group", "sales");
            String code = cli.json("enroll-code", "alice").get("code").asText();
            AdminCli.Result enrolled = AdminCli.raw("", "agent", "enroll", "--server", server.url(), "--code", code,
                    "--home", temp.resolve("phone").toString(), "--json").ok();
            String id = enrolled.json().get("deviceId").asText();

            JsonNode devices = cli.json("device", "list");
            assertThat(devices.get("items")).hasSize(1);
            assertThat(devices.at("/items/0/id").asText()).isEqualTo(id);
            assertThat(devices.at("/items/0/state").asText()).isEqualTo("enrolled");
            assertThat(cli.json("device", "list", "--state", "disabled").get("items")).isEmpty();
            assertThat(cli.json("device", "list", "--user", "alice", "--group", "sales", "--page-size", "1").get("items")).hasSize(1);
            AdminCli.Result badState = cli.run("device", "list", "--state", "sleepy");
            assertThat(badState.exitCode()).isEqualTo(CliException.REFUSED);
            assertThat(badState.err()).contains("state");
            List<String> table = cli.run("device", "list").ok().lines();
            assertThat(table.getFirst()).startsWith("ID").contains("USER", "GROUP", "STATE", "LAST CHECK-IN");
            assertThat(table.get(1)).startsWith(id).contains("alice", "sales", "enrolled");

            JsonNode disabled = cli.json("device", "disable", id);
            assertThat(disabled.at("/device/state").asText()).isEqualTo("disabled");
            assertThat(disabled.get("nudged").asBoolean()).isFalse();
            assertThat(disabled.get("commandId").asLong()).isPositive();
            String enabled = cli.run("device", "enable", id).ok().out();
            assertThat(enabled).contains("enable sent as command #").contains("State now enrolled")
                    .contains("not connected; it gets this at its next check-in");
            assertThat(cli.run("device", "lock", id).ok().out()).contains("lock sent");
            assertThat(cli.run("device", "checkin", id).ok().out()).contains("asked to check in");

            JsonNode detail = cli.json("device", "show", id);
            assertThat(detail.at("/device/id").asText()).isEqualTo(id);
            assertThat(detail.get("commands")).extracting(c -> c.get("type").asText()).containsExactly("lock", "enable", "disable");
            String shown = cli.run("device", "show", id).ok().out();
            assertThat(shown).contains("Device", id, "alice (group sales)", "Pending commands:", "COMMAND", "lock", "waiting",
                    "Recent leases: none");

            assertThat(cli.run("device", "retire", id).ok().out()).contains("retired").contains("wipe");
            AdminCli.Result again = cli.run("device", "wipe", id);
            assertThat(again.exitCode()).isEqualTo(CliException.REFUSED);
            assertThat(again.err()).contains("cannot wipe a device that is retired");
            assertThat(cli.run("device", "show", "not-a-uuid").exitCode()).isEqualTo(CliException.REFUSED);

            JsonNode audit = cli.json("audit", "tail", "--target-id", id);
            assertThat(audit.get("items")).extracting(e -> e.get("action").asText())
                    .containsExactly("device.retire", "device.checkin", "device.lock", "device.enable", "device.disable", "device.enroll");
        }
    }
}
