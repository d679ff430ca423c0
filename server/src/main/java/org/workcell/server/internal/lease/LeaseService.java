package org.workcell.server.internal.lease;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.workcell.core.json.Json;
import org.workcell.core.problem.ProblemException;
import org.workcell.core.problem.ProblemKind;
import org.workcell.core.protocol.CheckinReport;
import org.workcell.core.protocol.CommandType;
import org.workcell.core.protocol.DeviceRequest;
import org.workcell.core.protocol.Lease;
import org.workcell.core.protocol.LeaseCommand;
import org.workcell.core.protocol.PolicySettings;
import org.workcell.core.protocol.TokenTypes;
import org.workcell.server.internal.audit.AuditLog;
import org.workcell.server.internal.db.Rows;
import org.workcell.server.internal.device.DeviceAuthenticator;
import org.workcell.server.internal.device.DeviceState;
import org.workcell.server.internal.http.Actor;
import org.workcell.server.internal.keys.ServerKeyring;
import org.workcell.server.internal.metrics.Metrics;

/**
 * The leasing service: a device checks in with a signed report, and gets back a lease signed
 * with the server's lease key that says until when it may keep its work phone. Leases come only
 * from check-ins; wiped and retired devices get a lease that tells them to wipe now.
 */
public final class LeaseService {
    private final Jdbi jdbi;
    private final Clock clock;
    private final AuditLog audit;
    private final DeviceAuthenticator authenticator;
    private final ServerKeyring keys;
    private final Metrics metrics;
    private final Map<String, PolicySettings> policyCache = new ConcurrentHashMap<>();

    public LeaseService(Jdbi jdbi, Clock clock, AuditLog audit, DeviceAuthenticator authenticator, ServerKeyring keys, Metrics metrics) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.audit = audit;
        this.authenticator = authenticator;
        this.keys = keys;
        this.metrics = metrics;
    }

    /** Verifies a signed check-in and returns the signed lease that answers it. */
    public String checkin(String token, String address) {
        Lease lease;
        try {
            DeviceRequest request = authenticator.verify(token, DeviceRequest.Purpose.CHECKIN);
            CheckinReport report = report(request.body());
            UUID deviceId = UUID.fromString(request.deviceId());
            lease = jdbi.inTransaction(h -> issue(h, deviceId, request.sequence(), report, address));
        } catch (ProblemException e) {
            metrics.checkin(e.problem().code());
            throw e;
        }
        metrics.checkin("ok");
        return keys.signLease(TokenTypes.LEASE, lease);
    }

    /** Consumes a request's sequence on its own, for requests that change nothing else (opening the push stream). */
    public void consumeSequence(UUID deviceId, long sequence) {
        jdbi.useTransaction(h -> DeviceAuthenticator.consumeSequence(h, deviceId, sequence));
    }

    private Lease issue(Handle h, UUID deviceId, long sequence, CheckinReport report, String address) {
        DeviceAuthenticator.consumeSequence(h, deviceId, sequence);
        Instant now = clock.instant();
        record Row(DeviceState state, String groupImageVersion, UUID groupId, long policyVersion, String settings) {}
        Row row = h.createQuery("""
                        SELECT d.state, g.image_version, g.id AS group_id, g.policy_version, p.settings
                        FROM devices d JOIN users u ON u.id = d.user_id JOIN business_groups g ON g.id = u.group_id
                        JOIN group_policies p ON p.group_id = g.id AND p.version = g.policy_version
                        WHERE d.id = ?""")
                .bind(0, deviceId)
                .map((rs, ctx) -> new Row(DeviceState.parse(rs.getString("state")), rs.getString("image_version"),
                        Rows.uuid(rs, "group_id"), rs.getLong("policy_version"), rs.getString("settings")))
                .one();
        Actor device = new Actor(Actor.Type.DEVICE, deviceId.toString(), address);
        for (long commandId : report.completedCommands()) {
            int done = h.createUpdate("UPDATE device_commands SET completed_at = ? WHERE device_id = ? AND id = ? AND completed_at IS NULL")
                    .bind(0, now).bind(1, deviceId).bind(2, commandId).execute();
            if (done == 1) {
                audit.record(h, device, "device.command-completed", "device", deviceId.toString(), null, Map.of("command", commandId));
            }
        }
        List<LeaseCommand> commands = h.createQuery(
                        "SELECT id, command, created_at FROM device_commands WHERE device_id = ? AND completed_at IS NULL ORDER BY id")
                .bind(0, deviceId)
                .map((rs, ctx) -> new LeaseCommand(rs.getLong("id"), rs.getString("command"), Rows.instant(rs, "created_at")))
                .list();
        if (!commands.isEmpty()) {
            h.createUpdate("UPDATE device_commands SET delivered_at = ? WHERE device_id = ? AND completed_at IS NULL AND delivered_at IS NULL")
                    .bind(0, now).bind(1, deviceId).execute();
        }
        PolicySettings policy = policy(row.groupId(), row.policyVersion(), row.settings());
        Instant disableAt;
        Instant wipeAt;
        if (row.state().isTerminal()) {
            disableAt = now;
            wipeAt = now;
            if (commands.stream().noneMatch(c -> c.type().equals(CommandType.WIPE.wireName()))) {
                // Even with no queued command, a wiped or retired device is told to wipe.
                commands = append(commands, new LeaseCommand(0, CommandType.WIPE.wireName(), now));
            }
        } else {
            disableAt = row.state() == DeviceState.DISABLED ? now : now.plus(policy.disableAfter());
            wipeAt = now.plus(policy.wipeAfter());
        }
        Instant renewBy = now.plus(policy.leaseInterval());
        h.createUpdate("""
                        UPDATE devices SET last_checkin_at = ?, last_checkin_address = ?, agent_version = COALESCE(?, agent_version),
                               image_version = COALESCE(?, image_version), policy_version = COALESCE(?, policy_version),
                               phone_state = COALESCE(?, phone_state), lease_disable_at = ?, lease_wipe_at = ?
                        WHERE id = ?""")
                .bind(0, now).bind(1, address).bind(2, report.agentVersion()).bind(3, report.imageVersion())
                .bind(4, report.policyVersion()).bind(5, report.phoneState()).bind(6, disableAt).bind(7, wipeAt)
                .bind(8, deviceId).execute();
        h.createUpdate("""
                        INSERT INTO leases (device_id, sequence, issued_at, renew_by, disable_at, wipe_at, state, address)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .bind(0, deviceId).bind(1, sequence).bind(2, now).bind(3, renewBy).bind(4, disableAt).bind(5, wipeAt)
                .bind(6, row.state().wireName()).bind(7, address).execute();
        return new Lease(deviceId.toString(), sequence, now, renewBy, disableAt, wipeAt, row.policyVersion(),
                row.groupImageVersion(), row.state().wireName(), policy.leaseInterval(), commands);
    }

    private static List<LeaseCommand> append(List<LeaseCommand> list, LeaseCommand extra) {
        var copy = new java.util.ArrayList<>(list);
        copy.add(extra);
        return copy;
    }

    private PolicySettings policy(UUID groupId, long version, String json) {
        // A (group, version) pair names one immutable policy, so parsing it once is enough.
        return policyCache.computeIfAbsent(groupId + "@" + version, k -> {
            try {
                return Json.read(json.getBytes(StandardCharsets.UTF_8), PolicySettings.class);
            } catch (IOException e) {
                throw new IllegalStateException("stored policy " + k + " is unreadable", e);
            }
        });
    }

    static CheckinReport report(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ProblemException.invalid("body", "a check-in carries a report object");
        }
        CheckinReport report;
        try {
            report = Json.MAPPER.treeToValue(body, CheckinReport.class);
        } catch (JsonProcessingException e) {
            throw new ProblemException(ProblemKind.MALFORMED_JSON, "the check-in report is not valid: " + e.getOriginalMessage());
        }
        shortText("agentVersion", report.agentVersion(), 64);
        shortText("imageVersion", report.imageVersion(), 64);
        shortText("phoneState", report.phoneState(), 32);
        if (report.completedCommands().size() > 100) {
            throw ProblemException.invalid("completedCommands", "may list at most 100 commands");
        }
        return report;
    }

    private static void shortText(String field, String value, int max) {
        if (value != null && (value.length() > max || value.chars().anyMatch(c -> c < 0x20 || c > 0x7e))) {
            throw ProblemException.invalid(field, "must be at most " + max + " printable ASCII characters");
        }
    }
}
