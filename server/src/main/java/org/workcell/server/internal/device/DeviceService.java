package org.workcell.server.internal.device;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.workcell.core.problem.ProblemException;
import org.workcell.core.protocol.CommandType;
import org.workcell.server.internal.audit.AuditLog;
import org.workcell.server.internal.db.Rows;
import org.workcell.server.internal.db.Where;
import org.workcell.server.internal.http.Actor;
import org.workcell.server.internal.push.PushHub;

/** Devices as admins see them, and the remote commands admins send them. */
public final class DeviceService {
    public record Filter(DeviceState state, String user, String group, UUID before, int limit) {}

    public record CommandResult(DeviceView device, Long commandId, boolean nudged) {}

    private final Jdbi jdbi;
    private final Clock clock;
    private final AuditLog audit;
    private final PushHub push;

    public DeviceService(Jdbi jdbi, Clock clock, AuditLog audit, PushHub push) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.audit = audit;
        this.push = push;
    }

    /** Newest enrolment first; page on with {@code before} set to the last id returned. */
    public List<DeviceView> list(Filter filter) {
        Where where = new Where(SELECT_VIEW)
                .and("d.state = ?", filter.state() == null ? null : filter.state().wireName())
                .and("u.name = ?", filter.user())
                .and("g.name = ?", filter.group())
                .and("(d.enrolled_at < (SELECT enrolled_at FROM devices WHERE id = ?)"
                        + " OR d.enrolled_at = (SELECT enrolled_at FROM devices WHERE id = ?) AND d.id < ?)", filter.before());
        return jdbi.withHandle(h -> where.query(h, "ORDER BY d.enrolled_at DESC, d.id DESC LIMIT " + filter.limit())
                .map((rs, ctx) -> view(rs)).list());
    }

    public DeviceView get(UUID id) {
        return jdbi.withHandle(h -> get(h, id));
    }

    public DeviceDetail detail(UUID id) {
        return jdbi.withHandle(h -> {
            DeviceView view = get(h, id);
            var keys = h.createQuery("SELECT hardware_id_hash, public_key FROM devices WHERE id = ?").bind(0, id)
                    .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)}).one();
            List<DeviceDetail.Command> commands = h.createQuery(
                            "SELECT * FROM device_commands WHERE device_id = ? ORDER BY id DESC LIMIT 50")
                    .bind(0, id)
                    .map((rs, ctx) -> new DeviceDetail.Command(rs.getLong("id"), rs.getString("command"), Rows.instant(rs, "created_at"),
                            rs.getString("created_by"), Rows.instant(rs, "delivered_at"), Rows.instant(rs, "completed_at")))
                    .list();
            List<DeviceDetail.LeaseRecord> leases = h.createQuery(
                            "SELECT * FROM leases WHERE device_id = ? ORDER BY sequence DESC LIMIT 50")
                    .bind(0, id)
                    .map((rs, ctx) -> new DeviceDetail.LeaseRecord(rs.getLong("sequence"), Rows.instant(rs, "issued_at"),
                            Rows.instant(rs, "renew_by"), Rows.instant(rs, "disable_at"), Rows.instant(rs, "wipe_at"),
                            rs.getString("state"), rs.getString("address")))
                    .list();
            return new DeviceDetail(view, keys[0], keys[1], commands, leases);
        });
    }

    public Map<String, Long> countByState() {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        for (DeviceState s : DeviceState.values()) {
            counts.put(s.wireName(), 0L);
        }
        jdbi.useHandle(h -> h.createQuery("SELECT state, COUNT(*) AS n FROM devices GROUP BY state")
                .map((rs, ctx) -> Map.entry(rs.getString("state"), rs.getLong("n")))
                .forEach(e -> counts.put(e.getKey(), e.getValue())));
        return counts;
    }

    /**
     * Carries out an admin's command: changes the device's state where the command does, queues
     * the command for the device's next lease, audits, and nudges the device to check in now.
     */
    public CommandResult command(UUID id, CommandType type, Actor actor) {
        record Outcome(DeviceView after, Long commandId) {}
        Outcome outcome = jdbi.inTransaction(h -> {
            DeviceView before = get(h, id);
            DeviceState state = DeviceState.parse(before.state());
            DeviceState next = switch (type) {
                case LOCK, CHECKIN -> {
                    require(!state.isTerminal(), type, state);
                    yield state;
                }
                case DISABLE -> {
                    require(state == DeviceState.ENROLLED || state == DeviceState.PROVISIONED || state == DeviceState.ACTIVATED, type, state);
                    yield DeviceState.DISABLED;
                }
                case ENABLE -> {
                    require(state == DeviceState.DISABLED, type, state);
                    yield before.activatedAt() != null ? DeviceState.ACTIVATED
                            : before.provisionedAt() != null ? DeviceState.PROVISIONED : DeviceState.ENROLLED;
                }
                case WIPE -> {
                    require(!state.isTerminal(), type, state);
                    yield DeviceState.WIPED;
                }
                case RETIRE -> {
                    require(state != DeviceState.RETIRED, type, state);
                    yield DeviceState.RETIRED;
                }
            };
            Instant now = clock.instant();
            if (next != state) {
                h.createUpdate("UPDATE devices SET state = ?, updated_at = ? WHERE id = ?")
                        .bind(0, next.wireName()).bind(1, now).bind(2, id).execute();
            }
            Long commandId = null;
            if (type != CommandType.CHECKIN) {
                // Retiring tells the device to wipe: the work phone must not outlive its management.
                CommandType queued = type == CommandType.RETIRE ? CommandType.WIPE : type;
                commandId = h.createUpdate("INSERT INTO device_commands (device_id, command, created_at, created_by) VALUES (?, ?, ?, ?)")
                        .bind(0, id).bind(1, queued.wireName()).bind(2, now).bind(3, actor.name())
                        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            }
            DeviceView after = get(h, id);
            audit.record(h, actor, "device." + type.wireName(), "device", id.toString(), before, after);
            return new Outcome(after, commandId);
        });
        boolean nudged = push.nudge(id, "command");
        return new CommandResult(outcome.after(), outcome.commandId(), nudged);
    }

    private static void require(boolean allowed, CommandType type, DeviceState state) {
        if (!allowed) {
            throw ProblemException.conflict("cannot " + type.wireName() + " a device that is " + state.wireName());
        }
    }

    static final String SELECT_VIEW = """
            SELECT d.*, u.name AS user_name, g.name AS group_name
            FROM devices d JOIN users u ON u.id = d.user_id JOIN business_groups g ON g.id = u.group_id""";

    public static DeviceView get(Handle h, UUID id) {
        return h.createQuery(SELECT_VIEW + " WHERE d.id = ?").bind(0, id).map((rs, ctx) -> view(rs)).findOne()
                .orElseThrow(() -> ProblemException.notFound("device " + id));
    }

    static DeviceView view(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new DeviceView(Rows.uuid(rs, "id"), rs.getString("user_name"), rs.getString("group_name"), rs.getString("state"),
                rs.getString("model"), rs.getString("os"), rs.getString("agent_version"), rs.getString("image_version"),
                Rows.nullableLong(rs, "policy_version"), rs.getString("phone_state"), Rows.instant(rs, "enrolled_at"),
                Rows.instant(rs, "provisioned_at"), Rows.instant(rs, "activated_at"), Rows.instant(rs, "last_checkin_at"),
                rs.getString("last_checkin_address"), rs.getLong("last_sequence"), Rows.instant(rs, "lease_disable_at"),
                Rows.instant(rs, "lease_wipe_at"));
    }
}
