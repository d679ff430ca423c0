package org.workcell.server.internal.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.workcell.core.json.Json;
import org.workcell.server.internal.db.Rows;
import org.workcell.server.internal.db.Where;
import org.workcell.server.internal.http.Actor;

/**
 * The append-only record of every admin action and device state change: who, what, when, from
 * where, and the state before and after. Entries are written in the same transaction as the
 * change they describe, so the log and the data can never disagree.
 */
public final class AuditLog {
    private static final int MAX_STATE_CHARS = 8000;

    public record Query(String actor, String action, String targetType, String targetId, Instant since, Instant until,
                        Long before, int limit) {}

    private final Jdbi jdbi;
    private final Clock clock;

    public AuditLog(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Records an action that is not part of a transaction of its own. */
    public void record(Actor actor, String action, String targetType, String targetId, Object before, Object after) {
        jdbi.useHandle(h -> record(h, actor, action, targetType, targetId, before, after));
    }

    public void record(Handle h, Actor actor, String action, String targetType, String targetId, Object before, Object after) {
        h.createUpdate("""
                        INSERT INTO audit_log (at, actor_type, actor, action, target_type, target_id, address, before_state, after_state)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .bind(0, clock.instant())
                .bind(1, actor.typeName())
                .bind(2, actor.name())
                .bind(3, action)
                .bind(4, targetType)
                .bind(5, targetId)
                .bind(6, actor.address())
                .bind(7, state(before))
                .bind(8, state(after))
                .execute();
    }

    private static String state(Object value) {
        if (value == null) {
            return null;
        }
        String json = Json.writeString(value);
        return json.length() <= MAX_STATE_CHARS ? json : Json.writeString(java.util.Map.of("truncated", json.substring(0, 1000)));
    }

    /** Newest first; page on with {@code before} set to the last id returned. */
    public List<AuditEntry> query(Query q) {
        // "device." matches every device action; an exact name matches itself.
        boolean prefix = q.action() != null && q.action().endsWith(".");
        Where where = new Where("SELECT * FROM audit_log")
                .and("actor = ?", q.actor())
                .and("action LIKE ?", prefix ? q.action().replace("%", "").replace("_", "\\_") + "%" : null)
                .and("action = ?", prefix ? null : q.action())
                .and("target_type = ?", q.targetType())
                .and("target_id = ?", q.targetId())
                .and("at >= ?", q.since())
                .and("at < ?", q.until())
                .and("id < ?", q.before());
        return jdbi.withHandle(h -> {
            var query = where.query(h, "ORDER BY id DESC LIMIT " + q.limit());
            return query.map((rs, ctx) -> new AuditEntry(rs.getLong("id"), Rows.instant(rs, "at"), rs.getString("actor_type"),
                    rs.getString("actor"), rs.getString("action"), rs.getString("target_type"), rs.getString("target_id"),
                    rs.getString("address"), node(rs.getString("before_state")), node(rs.getString("after_state")))).list();
        });
    }

    private static JsonNode node(String json) {
        if (json == null) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            return Json.MAPPER.getNodeFactory().textNode(json);
        }
    }
}
