package org.workcell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.workcell.server.testing.MutableClock;
import org.workcell.server.testing.TestDatabase;
import org.workcell.server.testing.TestServer;

/**
 * The whole management flow through the command line against a real server: an admin makes a
 * group, a user and an enrolment code; the agent enrols, provisions and checks in; the admin sees
 * the device provisioned with its last check-in, then activated, then disabled.
 */
class EndToEndTest {
    @TempDir
    Path temp;

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void adminEnrolsADeviceThatProvisionsAndRenewsItsLease(TestDatabase.Kind kind) throws Exception {
        MutableClock clock = MutableClock.startingNow();
        try (TestServer server = TestServer.start(kind, temp, clock)) {
            String config = temp.resolve("admin-config").toString();
            String home = temp.resolve("phone").toString();
            CliRun.withInput(TestServer.ADMIN_PASSWORD + "\n", "admin", "--server", server.url(), "--config-dir", config,
                    "login", "--user", "admin", "--password-stdin").ok();
            CliRun.admin(config, "group", "create", "field-sales");
            CliRun.admin(config, "policy", "set", "field-sales", "--lease-interval", "30s", "--disable-after", "2m", "--wipe-after", "5m");
            CliRun.admin(config, "user", "create", "erin", "--group", "field-sales", "--email", "erin@example.com");
            JsonNode code = CliRun.admin(config, "enroll-code", "erin");
            assertThat(code.get("url").asText()).startsWith(server.url() + "/enroll?code=");

            JsonNode enrolled = CliRun.of("agent", "enroll", "--server", server.url(), "--code", code.get("code").asText(),
                    "--home", home, "--json").ok().json();
            String deviceId = enrolled.get("deviceId").asText();
            assertThat(enrolled.get("user").asText()).isEqualTo("erin");
            assertThat(CliRun.admin(config, "device", "show", deviceId).at("/device/state").asText()).isEqualTo("enrolled");

            JsonNode bundle = CliRun.of("agent", "provision", "--home", home, "--json").ok().json();
            assertThat(bundle.get("group").asText()).isEqualTo("field-sales");
            assertThat(bundle.at("/policy/leaseInterval").asText()).isEqualTo("PT30S");

            clock.advance(Duration.ofSeconds(7));
            Instant checkinTime = clock.instant();
            JsonNode lease = CliRun.of("agent", "checkin", "--home", home, "--json").ok().json();
            assertThat(Instant.parse(lease.get("disableAt").asText())).isEqualTo(checkinTime.plus(Duration.ofMinutes(2)));
            assertThat(Instant.parse(lease.get("wipeAt").asText())).isEqualTo(checkinTime.plus(Duration.ofMinutes(5)));

            JsonNode listed = CliRun.admin(config, "device", "list");
            JsonNode device = listed.isArray() ? listed.get(0) : listed.get("items").get(0);
            assertThat(device.get("id").asText()).isEqualTo(deviceId);
            assertThat(device.get("state").asText()).isEqualTo("provisioned");
            assertThat(Instant.parse(device.get("lastCheckinAt").asText())).isEqualTo(checkinTime);

            JsonNode status = CliRun.of("agent", "status", "--home", home, "--json").ok().json();
            assertThat(status.get("state").asText()).isEqualTo("provisioned");
            assertThat(Instant.parse(status.get("renewBy").asText())).isEqualTo(checkinTime.plusSeconds(30));
            assertThat(Instant.parse(status.get("disableAt").asText())).isEqualTo(checkinTime.plus(Duration.ofMinutes(2)));
            assertThat(Instant.parse(status.get("wipeAt").asText())).isEqualTo(checkinTime.plus(Duration.ofMinutes(5)));

            CliRun.of("agent", "activate", "--home", home).ok();
            assertThat(CliRun.admin(config, "device", "show", deviceId).at("/device/state").asText()).isEqualTo("activated");

            CliRun.admin(config, "device", "disable", deviceId);
            JsonNode disabled = CliRun.of("agent", "checkin", "--home", home, "--json").ok().json();
            assertThat(disabled.get("deviceState").asText()).isEqualTo("disabled");
            assertThat(disabled.get("commands").get(0).get("type").asText()).isEqualTo("disable");

            JsonNode audit = CliRun.admin(config, "audit", "tail", "--limit", "50");
            assertThat(audit.toString()).contains("device.enroll", "device.provision", "device.activate", "device.disable", "policy.update");
        }
    }
}
