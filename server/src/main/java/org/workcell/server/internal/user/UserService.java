package org.workcell.server.internal.user;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.workcell.core.problem.ProblemException;
import org.workcell.server.internal.audit.AuditLog;
import org.workcell.server.internal.db.Rows;
import org.workcell.server.internal.db.Where;
import org.workcell.server.internal.group.GroupService;
import org.workcell.server.internal.http.Actor;

/** The people who get a work phone; each belongs to exactly one business group. */
public final class UserService {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,189}\\.[^@\\s]{1,63}");

    public record Update(String displayName, String email, String group) {}

    private final Jdbi jdbi;
    private final Clock clock;
    private final AuditLog audit;
    private final GroupService groups;

    public UserService(Jdbi jdbi, Clock clock, AuditLog audit, GroupService groups) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.audit = audit;
        this.groups = groups;
    }

    public UserView create(String name, String group, String email, String displayName, Actor actor) {
        checkEmail(email);
        return jdbi.inTransaction(h -> {
            UUID groupId = groups.requireId(h, group);
            if (findId(h, name).isPresent()) {
                throw ProblemException.conflict("a user named '" + name + "' exists already");
            }
            Instant now = clock.instant();
            h.createUpdate("""
                            INSERT INTO users (id, name, display_name, email, group_id, created_at, updated_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?)""")
                    .bind(0, UUID.randomUUID()).bind(1, name).bind(2, displayName == null ? "" : displayName)
                    .bind(3, email).bind(4, groupId).bind(5, now).bind(6, now).execute();
            UserView view = get(h, name);
            audit.record(h, actor, "user.create", "user", name, null, view);
            return view;
        });
    }

    /** Users by name, optionally in one group; page on with {@code after} set to the last name returned. */
    public List<UserView> list(String group, String after, int limit) {
        Where where = new Where(SELECT_VIEW).and("g.name = ?", group).and("u.name > ?", after);
        return jdbi.withHandle(h -> where.query(h, "ORDER BY u.name LIMIT " + limit).map((rs, ctx) -> view(rs)).list());
    }

    public UserView get(String name) {
        return jdbi.withHandle(h -> get(h, name));
    }

    public UserView update(String name, Update update, Actor actor) {
        checkEmail(update.email());
        return jdbi.inTransaction(h -> {
            UserView before = get(h, name);
            UUID groupId = groups.requireId(h, update.group() != null ? update.group() : before.group());
            h.createUpdate("UPDATE users SET display_name = ?, email = ?, group_id = ?, updated_at = ? WHERE name = ?")
                    .bind(0, update.displayName() != null ? update.displayName() : before.displayName())
                    .bind(1, update.email() != null ? update.email() : before.email())
                    .bind(2, groupId).bind(3, clock.instant()).bind(4, name).execute();
            UserView after = get(h, name);
            audit.record(h, actor, "user.update", "user", name, before, after);
            return after;
        });
    }

    public void delete(String name, Actor actor) {
        jdbi.useTransaction(h -> {
            UserView before = get(h, name);
            long live = h.createQuery("SELECT COUNT(*) FROM devices d JOIN users u ON u.id = d.user_id WHERE u.name = ? AND d.state <> 'retired'")
                    .bind(0, name).mapTo(Long.class).one();
            if (live > 0) {
                throw ProblemException.conflict("user '" + name + "' still has " + live + (live == 1 ? " device that is" : " devices that are") + " not retired; retire them first");
            }
            long any = h.createQuery("SELECT COUNT(*) FROM devices d JOIN users u ON u.id = d.user_id WHERE u.name = ?")
                    .bind(0, name).mapTo(Long.class).one();
            if (any > 0) {
                throw ProblemException.conflict("user '" + name + "' has retired devices on record, kept for the audit trail; the user cannot be deleted");
            }
            h.createUpdate("DELETE FROM users WHERE name = ?").bind(0, name).execute();
            audit.record(h, actor, "user.delete", "user", name, before, null);
        });
    }

    public Optional<UUID> findId(Handle h, String name) {
        return h.createQuery("SELECT id FROM users WHERE name = ?").bind(0, name).mapTo(UUID.class).findOne();
    }

    public UUID requireId(Handle h, String name) {
        return findId(h, name).orElseThrow(() -> ProblemException.notFound("user '" + name + "'"));
    }

    private static void checkEmail(String email) {
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw ProblemException.invalid("email", "is not an e-mail address");
        }
    }

    private static final String SELECT_VIEW = """
            SELECT u.*, g.name AS group_name,
                   (SELECT COUNT(*) FROM devices d WHERE d.user_id = u.id AND d.state NOT IN ('wiped', 'retired')) AS device_count
            FROM users u JOIN business_groups g ON g.id = u.group_id""";

    private UserView get(Handle h, String name) {
        return h.createQuery(SELECT_VIEW + " WHERE u.name = ?").bind(0, name).map((rs, ctx) -> view(rs)).findOne()
                .orElseThrow(() -> ProblemException.notFound("user '" + name + "'"));
    }

    private static UserView view(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new UserView(rs.getString("name"), rs.getString("display_name"), rs.getString("email"), rs.getString("group_name"),
                rs.getLong("device_count"), Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"));
    }
}
