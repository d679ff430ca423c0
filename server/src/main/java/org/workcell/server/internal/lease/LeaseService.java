package org.workcell.server.internal.lease;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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
import org.workcell.server.internal.group.GroupService;
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
    /** Between notable leases, one lease an hour goes into a device's history. */
    private static final java.time.Duration HISTORY_INTERVAL = java.time.Duration.ofHours(1);

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
        // One read for everything a lease needs: the device, its group's policy, its open commands.
        record Row(DeviceState state, long lastSequence, Instant recordedAt, String recordedState, String groupImageVersion,
                   UUID groupId, long policyVersion, String settings, LeaseCommand command, boolean delivered) {}
        List<Row> rows = h.createQuery("""
                        SELECT d.state, d.last_sequence, d.lease_recorded_at, d.lease_state, g.image_version, g.id AS group_id,
                               g.policy_version, p.settings, c.id AS command_id, c.command, c.created_at AS command_at, c.delivered_at
                        FROM devices d JOIN users u ON u.id = d.user_id JOIN business_groups g ON g.id = u.group_id
                        JOIN group_policies p ON p.group_id = g.id AND p.version = g.policy_version
                        LEFT JOIN device_commands c ON c.device_id = d.id AND c.completed_at IS NULL
                        WHERE d.id = ? ORDER BY c.id""")
                .bind(0, deviceId)
                .map((rs, ctx) -> {
                    Long commandId = Rows.nullableLong(rs, "command_id");
                    return new Row(DeviceState.parse(rs.getString("state")), rs.getLong("last_sequence"), Rows.instant(rs, "lease_recorded_at"),
                            rs.getString("lease_state"), rs.getString("image_version"), Rows.uuid(rs, "group_id"), rs.getLong("policy_version"),
                            rs.getString("settings"),
                            commandId == null ? null : new LeaseCommand(commandId, rs.getString("command"), Rows.instant(rs, "command_at")),
                            rs.getObject("delivered_at") != null);
                })
                .list();
        Row device = rows.getFirst();
        if (sequence <= device.lastSequence()) {
            throw replayed(sequence);
        }
        Instant now = clock.instant();
        Actor actor = new Actor(Actor.Type.DEVICE, deviceId.toString(), address);
        List<LeaseCommand> commands = new ArrayList<>();
        boolean undelivered = false;
        for (Row row : rows) {
            if (row.command() == null) {
                continue;
            }
            if (report.completedCommands().contains(row.command().id())) {
                h.createUpdate("UPDATE device_commands SET completed_at = ? WHERE id = ? AND completed_at IS NULL")
                        .bind(0, now).bind(1, row.command().id()).execute();
                audit.record(h, actor, "device.command-completed", "device", deviceId.toString(), null,
                        Map.of("command", row.command().id(), "type", row.command().type()));
            } else {
                commands.add(row.command());
                undelivered |= !row.delivered();
            }
        }
        PolicySettings policy = policy(device.groupId(), device.policyVersion(), device.settings());
        Instant disableAt;
        Instant wipeAt;
        if (device.state().isTerminal()) {
            disableAt = now;
            wipeAt = now;
            if (commands.stream().noneMatch(c -> c.type().equals(CommandType.WIPE.wireName()))) {
                // Even with no queued command, a wiped or retired device is told to wipe.
                commands.add(new LeaseCommand(0, CommandType.WIPE.wireName(), now));
            }
        } else {
            disableAt = device.state() == DeviceState.DISABLED ? now : now.plus(policy.disableAfter());
            wipeAt = now.plus(policy.wipeAfter());
        }
        Instant renewBy = now.plus(policy.leaseInterval());
        boolean record = device.recordedAt() == null || !device.recordedAt().plus(HISTORY_INTERVAL).isAfter(now)
                || !device.state().wireName().equals(device.recordedState()) || !commands.isEmpty()
                || !report.completedCommands().isEmpty();
        // The sequence condition makes concurrent check-ins of one device count once each, in order.
        int updated = h.createUpdate("""
                        UPDATE devices SET last_sequence = ?, last_checkin_at = ?, last_checkin_address = ?,
                               agent_version = COALESCE(?, agent_version), image_version = COALESCE(?, image_version),
                               policy_version = COALESCE(?, policy_version), phone_state = COALESCE(?, phone_state),
                               lease_disable_at = ?, lease_wipe_at = ?,
                               lease_recorded_at = CASE WHEN ? THEN ? ELSE lease_recorded_at END,
                               lease_state = CASE WHEN ? THEN ? ELSE lease_state END
                        WHERE id = ? AND last_sequence < ?""")
                .bind(0, sequence).bind(1, now).bind(2, address).bind(3, report.agentVersion()).bind(4, report.imageVersion())
                .bind(5, report.policyVersion()).bind(6, report.phoneState()).bind(7, disableAt).bind(8, wipeAt)
                .bind(9, record).bind(10, now).bind(11, record).bind(12, device.state().wireName())
                .bind(13, deviceId).bind(14, sequence)
                .execute();
        if (updated == 0) {
            throw replayed(sequence);
        }
        if (undelivered) {
            h.createUpdate("UPDATE device_commands SET delivered_at = ? WHERE device_id = ? AND completed_at IS NULL AND delivered_at IS NULL")
                    .bind(0, now).bind(1, deviceId).execute();
        }
        if (record) {
            h.createUpdate("""
                            INSERT INTO leases (device_id, sequence, issued_at, renew_by, disable_at, wipe_at, state, address)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .bind(0, deviceId).bind(1, sequence).bind(2, now).bind(3, renewBy).bind(4, disableAt).bind(5, wipeAt)
                    .bind(6, device.state().wireName()).bind(7, address).execute();
        }
        return new Lease(deviceId.toString(), sequence, now, renewBy, disableAt, wipeAt, device.policyVersion(),
                device.groupImageVersion(), device.state().wireName(), policy.leaseInterval(), commands);
    }

    private static ProblemException replayed(long sequence) {
        return new ProblemException(ProblemKind.REPLAYED, "request sequence " + sequence
                + " is not above the last one accepted from this device; it was replayed or sent out of order");
    }

    private PolicySettings policy(UUID groupId, long version, String json) {
        // A (group, version) pair names one immutable policy, so parsing it once is enough.
        return policyCache.computeIfAbsent(groupId + "@" + version, k -> GroupService.readSettings(json));
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
