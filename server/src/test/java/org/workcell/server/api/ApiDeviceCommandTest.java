package org.workcell.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.workcell.server.api.Harness.ok;
import static org.workcell.server.api.Harness.problem;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.workcell.core.json.Json;
import org.workcell.core.protocol.CheckinReport;
import org.workcell.core.protocol.DeviceRequest.Purpose;
import org.workcell.core.protocol.Lease;
import org.workcell.core.protocol.LeaseCommand;
import org.workcell.core.protocol.PolicySettings;
import org.workcell.server.api.Harness.Device;
import org.workcell.server.testing.TestDatabase;

/**
 * Remote commands: a command the server does not know or that does not fit the device's state is
 * refused and changes nothing; wipe, retire and disable reach the device in its next lease.
 */
class ApiDeviceCommandTest {
    @RegisterExtension
    static final Servers servers = new Servers();

    private static String state(Harness h, Device d) {
        return h.deviceDetail(d.id()).path("device").path("state").asText();
    }

    private static PolicySettings policy(Harness h) throws Exception {
        return Json.MAPPER.treeToValue(ok(h.get("/api/v1/groups/" + h.sharedGroup() + "/policy"), 200).path("settings"),
                PolicySettings.class);
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void unknownCommandIsRefused(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        Device d = h.newDevice();
        h.checkinOk(d);
        var before = h.dump();
        for (String type : List.of("explode", "WIPE", "Wipe", " wipe", "wipe ", "", "lock;wipe", "' OR 1=1 --", "0")) {
            JsonNode p = problem(h.command(d.id(), type), 400, "invalid-request");
            assertThat(p.path("errors").get(0).path("field").asText()).isEqualTo("type");
        }
        problem(h.post("/api/v1/devices/" + d.id() + "/commands", "{\"type\":null}"), 400, "invalid-request");
        problem(h.post("/api/v1/devices/" + d.id() + "/commands", "{\"type\":7}"), 400);
        problem(h.post("/api/v1/devices/" + d.id() + "/commands", "{\"type\":[\"wipe\"]}"), 400, "malformed-json");
        assertThat(h.dump()).isEqualTo(before);
        assertThat(state(h, d)).isEqualTo("enrolled");
        assertThat(h.checkinOk(d).commands()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void commandsThatDoNotFitTheStateAreRefused(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        Device d = h.newDevice();
        var before = h.dump();
        problem(h.command(d.id(), "enable"), 409, "conflict");
        assertThat(h.dump()).isEqualTo(before);
        assertThat(state(h, d)).isEqualTo("enrolled");

        ok(h.command(d.id(), "disable"), 202);
        var disabled = h.dump();
        problem(h.command(d.id(), "disable"), 409, "conflict");
        assertThat(h.dump()).isEqualTo(disabled);

        ok(h.command(d.id(), "wipe"), 202);
        var wiped = h.dump();
        for (String type : List.of("lock", "checkin", "disable", "enable", "wipe")) {
            problem(h.command(d.id(), type), 409, "conflict");
        }
        assertThat(h.dump()).isEqualTo(wiped);
        assertThat(state(h, d)).isEqualTo("wiped");

        ok(h.command(d.id(), "retire"), 202);
        var retired = h.dump();
        for (String type : List.of("lock", "checkin", "disable", "enable", "wipe", "retire")) {
            problem(h.command(d.id(), type), 409, "conflict");
        }
        assertThat(h.dump()).isEqualTo(retired);
        assertThat(state(h, d)).isEqualTo("retired");
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void wipedDeviceIsToldToWipe(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        Device d = h.newDevice();
        h.checkinOk(d);
        JsonNode result = ok(h.command(d.id(), "wipe"), 202);
        assertThat(result.path("device").path("state").asText()).isEqualTo("wiped");
        long commandId = result.path("commandId").asLong();
        assertThat(commandId).isPositive();

        h.clock.advance(Duration.ofMinutes(3));
        Lease lease = h.checkinOk(d);
        assertThat(lease.deviceState()).isEqualTo("wiped");
        assertThat(lease.commands()).extracting(LeaseCommand::type).containsExactly("wipe");
        assertThat(lease.commands().getFirst().id()).isEqualTo(commandId);
        assertThat(lease.disableAt()).isEqualTo(lease.issuedAt());
        assertThat(lease.wipeAt()).isEqualTo(lease.issuedAt());

        // Reporting the wipe done closes the command; the device is still told to wipe, for ever.
        Lease after = Harness.lease(d, h.checkin(h.deviceToken(d, Purpose.CHECKIN, d.nextSequence(), h.clock.instant(),
                new CheckinReport("0.1.0", null, null, null, List.of(commandId)))));
        assertThat(after.deviceState()).isEqualTo("wiped");
        assertThat(after.commands()).extracting(LeaseCommand::type).containsExactly("wipe");
        assertThat(after.disableAt()).isEqualTo(after.issuedAt());
        JsonNode commands = h.deviceDetail(d.id()).path("commands");
        assertThat(commands.get(0).path("id").asLong()).isEqualTo(commandId);
        assertThat(commands.get(0).path("completedAt").isTextual()).isTrue();
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void retiredDeviceIsToldToWipe(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        Device d = h.newDevice();
        h.checkinOk(d);
        JsonNode result = ok(h.command(d.id(), "retire"), 202);
        assertThat(result.path("device").path("state").asText()).isEqualTo("retired");
        Lease lease = h.checkinOk(d);
        assertThat(lease.deviceState()).isEqualTo("retired");
        assertThat(lease.commands()).extracting(LeaseCommand::type).containsExactly("wipe");
        assertThat(lease.commands().getFirst().id()).isEqualTo(result.path("commandId").asLong());
        assertThat(lease.disableAt()).isEqualTo(lease.issuedAt());
        assertThat(lease.wipeAt()).isEqualTo(lease.issuedAt());
        // A retired device cannot be brought back, nor provisioned again.
        var before = h.dump();
        problem(h.command(d.id(), "enable"), 409, "conflict");
        problem(h.postDevice("/api/v1/device/provision", h.deviceToken(d, Purpose.PROVISION, d.nextSequence(), h.clock.instant(), null)),
                409, "conflict");
        assertThat(h.dump()).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void disabledDeviceLeaseEndsAtOnce(TestDatabase.Kind kind) throws Exception {
        Harness h = servers.get(kind);
        PolicySettings policy = policy(h);
        Device d = h.newDevice();
        Lease active = h.checkinOk(d);
        assertThat(active.disableAt()).isEqualTo(active.issuedAt().plus(policy.disableAfter()));

        JsonNode result = ok(h.command(d.id(), "disable"), 202);
        assertThat(result.path("device").path("state").asText()).isEqualTo("disabled");
        h.clock.advance(Duration.ofMinutes(1));
        Lease disabled = h.checkinOk(d);
        assertThat(disabled.deviceState()).isEqualTo("disabled");
        assertThat(disabled.disableAt()).isEqualTo(disabled.issuedAt());
        assertThat(disabled.wipeAt()).isEqualTo(disabled.issuedAt().plus(policy.wipeAfter()));
        assertThat(disabled.commands()).extracting(LeaseCommand::type).containsExactly("disable");
        JsonNode history = h.deviceDetail(d.id()).path("leases");
        assertThat(history.get(0).path("state").asText()).isEqualTo("disabled");
        assertThat(history.get(0).path("disableAt")).isEqualTo(history.get(0).path("issuedAt"));

        // Enabled again, the next lease runs for the policy's time again.
        ok(h.command(d.id(), "enable"), 202);
        h.clock.advance(Duration.ofMinutes(1));
        Lease enabled = h.checkinOk(d);
        assertThat(enabled.deviceState()).isEqualTo("enrolled");
        assertThat(enabled.disableAt()).isEqualTo(enabled.issuedAt().plus(policy.disableAfter()));
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void commandsForDevicesThatDoNotExist(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        var before = h.dump();
        problem(h.command("00000000-0000-0000-0000-000000000000", "wipe"), 404, "not-found");
        problem(h.command(java.util.UUID.randomUUID().toString(), "retire"), 404, "not-found");
        for (String id : List.of("not-a-uuid", "1", "00000000-0000-0000-0000-00000000000g", "00000000000000000000000000000000",
                "%27%20OR%201%3D1%20--")) {
            JsonNode p = problem(h.command(id, "wipe"), 400, "invalid-request");
            assertThat(p.path("errors").get(0).path("field").asText()).isEqualTo("id");
        }
        assertThat(h.dump()).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource(Servers.KINDS)
    void commandsAreAuditedWithBeforeAndAfter(TestDatabase.Kind kind) {
        Harness h = servers.get(kind);
        Device d = h.newDevice();
        ok(h.command(d.id(), "lock"), 202);
        JsonNode entry = ok(h.get("/api/v1/audit?action=device.lock&targetId=" + d.id()), 200).path("items").get(0);
        assertThat(entry.path("actor").asText()).isEqualTo("admin");
        assertThat(entry.path("before").path("state").asText()).isEqualTo("enrolled");
        assertThat(entry.path("after").path("state").asText()).isEqualTo("enrolled");
        assertThat(h.checkinOk(d).commands()).extracting(LeaseCommand::type).containsExactly("lock");
        assertThat(state(h, d)).isEqualTo("enrolled");
    }
}
