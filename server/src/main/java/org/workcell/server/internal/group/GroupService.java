package org.workcell.server.internal.group;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.workcell.core.json.Json;
import org.workcell.core.problem.ProblemException;
import org.workcell.core.protocol.PolicySettings;
import org.workcell.server.internal.audit.AuditLog;
import org.workcell.server.internal.db.Rows;
import org.workcell.server.internal.http.Actor;
import org.workcell.server.internal.push.PushHub;

/** Business groups, their default image and their versioned policies. */
public final class GroupService {
    public static final String DEFAULT_IMAGE = "workcell-phone";
    public static final String DEFAULT_IMAGE_VERSION = "0.1.0";
    private static final Pattern IMAGE_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");
    private static final Pattern IMAGE_VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}");

    public record Update(String description, String imageName, String imageVersion) {}

    /** The serial of a published image version, if it is published. */
    @FunctionalInterface
    public interface PublishedImages {
        Optional<Long> serial(String name, String version);
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final AuditLog audit;
    private final PushHub push;
    private final PublishedImages images;

    public GroupService(Jdbi jdbi, Clock clock, AuditLog audit, PushHub push, PublishedImages images) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.audit = audit;
        this.push = push;
        this.images = images;
    }

    public GroupView create(String name, String description, String imageName, String imageVersion, Actor actor) {
        String image = imageName == null ? DEFAULT_IMAGE : checkImageName(imageName);
        String version = imageVersion == null ? DEFAULT_IMAGE_VERSION : checkImageVersion(imageVersion);
        return jdbi.inTransaction(h -> {
            if (findId(h, name).isPresent()) {
                throw ProblemException.conflict("a group named '" + name + "' exists already");
            }
            UUID id = UUID.randomUUID();
            Instant now = clock.instant();
            h.createUpdate("""
                            INSERT INTO business_groups (id, name, description, image_name, image_version, policy_version, created_at, updated_at)
                            VALUES (?, ?, ?, ?, ?, 1, ?, ?)""")
                    .bind(0, id).bind(1, name).bind(2, description == null ? "" : description)
                    .bind(3, image).bind(4, version).bind(5, now).bind(6, now).execute();
            insertPolicy(h, id, 1, PolicySettings.defaults(), actor, now);
            GroupView view = get(h, name);
            audit.record(h, actor, "group.create", "group", name, null, view);
            return view;
        });
    }

    public List<GroupView> list() {
        return jdbi.withHandle(h -> h.createQuery(SELECT_VIEW + " ORDER BY g.name").map((rs, ctx) -> view(rs)).list());
    }

    public GroupView get(String name) {
        return jdbi.withHandle(h -> get(h, name));
    }

    public GroupView update(String name, Update update, Actor actor) {
        String image = update.imageName() == null ? null : checkImageName(update.imageName());
        String version = update.imageVersion() == null ? null : checkImageVersion(update.imageVersion());
        GroupView after = jdbi.inTransaction(h -> {
            GroupView before = get(h, name);
            String newImage = image != null ? image : before.imageName();
            String newVersion = version != null ? version : before.imageVersion();
            boolean imageChanged = !newImage.equals(before.imageName()) || !newVersion.equals(before.imageVersion());
            if (imageChanged) {
                // Promoting: only a published image; going back to an older one signs the devices' permission to roll back.
                long next = images.serial(newImage, newVersion).orElseThrow(() -> ProblemException.conflict("image " + newImage + " "
                        + newVersion + " is not published; publish it first (workcell admin image push)"));
                boolean rollback = images.serial(before.imageName(), before.imageVersion()).map(current -> next < current).orElse(false);
                h.createUpdate("UPDATE business_groups SET image_name = ?, image_version = ?, image_rollback = ? WHERE name = ?")
                        .bind(0, newImage).bind(1, newVersion).bind(2, rollback).bind(3, name).execute();
            }
            h.createUpdate("UPDATE business_groups SET description = ?, updated_at = ? WHERE name = ?")
                    .bind(0, update.description() != null ? update.description() : before.description())
                    .bind(1, clock.instant()).bind(2, name).execute();
            GroupView now = get(h, name);
            audit.record(h, actor, imageChanged ? "group.image-promote" : "group.update", "group", name, before, now);
            return now;
        });
        nudgeDevices(name, "image-changed");
        return after;
    }

    public void delete(String name, Actor actor) {
        jdbi.useTransaction(h -> {
            GroupView before = get(h, name);
            if (before.users() > 0) {
                throw ProblemException.conflict("group '" + name + "' still has " + before.users()
                        + (before.users() == 1 ? " user" : " users") + "; move or delete them first");
            }
            h.createUpdate("DELETE FROM business_groups WHERE name = ?").bind(0, name).execute();
            audit.record(h, actor, "group.delete", "group", name, before, null);
        });
    }

    public PolicyView policy(String group) {
        return jdbi.withHandle(h -> policy(h, group));
    }

    public List<PolicyView> policyHistory(String group, int limit) {
        return jdbi.withHandle(h -> {
            UUID id = requireId(h, group);
            return h.createQuery("SELECT * FROM group_policies WHERE group_id = ? ORDER BY version DESC LIMIT " + limit)
                    .bind(0, id).map((rs, ctx) -> policyView(group, rs)).list();
        });
    }

    /** Applies a change, bumps the version, audits before and after, and nudges the group's devices. */
    public PolicyView setPolicy(String group, PolicyPatch patch, Actor actor) {
        PolicyView after = jdbi.inTransaction(h -> {
            UUID id = requireId(h, group);
            // Lock the group row so that concurrent changes get consecutive versions.
            h.createQuery("SELECT policy_version FROM business_groups WHERE id = ? FOR UPDATE").bind(0, id).mapTo(Long.class).one();
            PolicyView before = policy(h, group);
            PolicySettings next = patch.applyTo(before.settings());
            if (next.equals(before.settings())) {
                return before;
            }
            long version = before.version() + 1;
            Instant now = clock.instant();
            insertPolicy(h, id, version, next, actor, now);
            h.createUpdate("UPDATE business_groups SET policy_version = ?, updated_at = ? WHERE id = ?")
                    .bind(0, version).bind(1, now).bind(2, id).execute();
            PolicyView view = policy(h, group);
            audit.record(h, actor, "policy.update", "group", group, before, view);
            return view;
        });
        nudgeDevices(group, "policy-changed");
        return after;
    }

    public Optional<UUID> findId(Handle h, String name) {
        return h.createQuery("SELECT id FROM business_groups WHERE name = ?").bind(0, name).mapTo(UUID.class).findOne();
    }

    public UUID requireId(Handle h, String name) {
        return findId(h, name).orElseThrow(() -> ProblemException.notFound("group '" + name + "'"));
    }

    public PolicyView policy(Handle h, String group) {
        UUID id = requireId(h, group);
        return h.createQuery("""
                        SELECT p.* FROM group_policies p JOIN business_groups g ON g.id = p.group_id AND g.policy_version = p.version
                        WHERE g.id = ?""")
                .bind(0, id).map((rs, ctx) -> policyView(group, rs)).one();
    }

    private void nudgeDevices(String group, String reason) {
        List<UUID> devices = jdbi.withHandle(h -> h.createQuery("""
                        SELECT d.id FROM devices d JOIN users u ON u.id = d.user_id JOIN business_groups g ON g.id = u.group_id
                        WHERE g.name = ? AND d.state IN ('enrolled', 'provisioned', 'activated', 'disabled')""")
                .bind(0, group).mapTo(UUID.class).list());
        push.nudgeAll(devices, reason);
    }

    private static void insertPolicy(Handle h, UUID groupId, long version, PolicySettings settings, Actor actor, Instant now) {
        h.createUpdate("INSERT INTO group_policies (group_id, version, settings, created_at, created_by) VALUES (?, ?, ?, ?, ?)")
                .bind(0, groupId).bind(1, version).bind(2, Json.writeString(settings)).bind(3, now)
                .bind(4, actor.typeName() + ":" + actor.name()).execute();
    }

    private static PolicyView policyView(String group, java.sql.ResultSet rs) throws java.sql.SQLException {
        return new PolicyView(group, rs.getLong("version"), readSettings(rs.getString("settings")), Rows.instant(rs, "created_at"),
                rs.getString("created_by"));
    }

    /** Reads a policy as {@code group_policies.settings} stores it. */
    public static PolicySettings readSettings(String json) {
        try {
            return Json.read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), PolicySettings.class);
        } catch (IOException e) {
            throw new IllegalStateException("a stored policy is unreadable", e);
        }
    }

    private static final String SELECT_VIEW = """
            SELECT g.*,
                   (SELECT COUNT(*) FROM users u WHERE u.group_id = g.id) AS user_count,
                   (SELECT COUNT(*) FROM devices d JOIN users u ON u.id = d.user_id WHERE u.group_id = g.id
                        AND d.state NOT IN ('wiped', 'retired')) AS device_count
            FROM business_groups g""";

    private GroupView get(Handle h, String name) {
        return h.createQuery(SELECT_VIEW + " WHERE g.name = ?").bind(0, name).map((rs, ctx) -> view(rs)).findOne()
                .orElseThrow(() -> ProblemException.notFound("group '" + name + "'"));
    }

    private static GroupView view(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new GroupView(rs.getString("name"), rs.getString("description"), rs.getString("image_name"),
                rs.getString("image_version"), rs.getLong("policy_version"), rs.getLong("user_count"),
                rs.getLong("device_count"), Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"));
    }

    private static String checkImageName(String name) {
        if (!IMAGE_NAME.matcher(name).matches()) {
            throw ProblemException.invalid("imageName", "must be 1-100 characters of a-z, 0-9, '.', '_' or '-'");
        }
        return name;
    }

    private static String checkImageVersion(String version) {
        if (!IMAGE_VERSION.matcher(version).matches()) {
            throw ProblemException.invalid("imageVersion", "must be 1-64 characters of letters, digits, '.', '+', '_' or '-'");
        }
        return version;
    }
}
