package org.workcell.server.internal.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.workcell.core.json.Json;
import org.workcell.core.problem.ProblemException;
import org.workcell.core.problem.ProblemKind;
import org.workcell.core.protocol.AppAssignment;
import org.workcell.core.protocol.DeviceRequest;
import org.workcell.server.internal.audit.AuditLog;
import org.workcell.server.internal.db.Rows;
import org.workcell.server.internal.db.Where;
import org.workcell.server.internal.device.DeviceAuthenticator;
import org.workcell.server.internal.device.DeviceState;
import org.workcell.server.internal.http.Actor;
import org.workcell.server.internal.push.PushHub;

/**
 * The app catalog: apps and their versions, per-group allow-lists, user requests and approvals.
 *
 * <p>Packages are stored content-addressed: a version names the SHA-256 of its bytes, and the same
 * bytes are stored once however many versions carry them. A user gets an app when they asked for
 * it (through one of their devices), the request was approved (at once when their group allows the
 * app without approval), and their group still allows it; see {@link #assignedApps}.
 */
public final class CatalogService {
    /** The largest package accepted, the same as the server's largest request body. */
    public static final int MAX_PACKAGE_BYTES = 64 << 20;
    /** What devices are told when the apps they are to have changed. */
    public static final String NUDGE_REASON = "apps-changed";

    public static final String PENDING = "pending";
    public static final String APPROVED = "approved";
    public static final String DENIED = "denied";
    public static final String REMOVED = "removed";
    private static final Set<String> STATUSES = Set.of(PENDING, APPROVED, DENIED, REMOVED);

    private static final int MAX_PACKAGE_ID = 128;
    private static final int MAX_NAME = 100;
    private static final int MAX_DESCRIPTION = 1000;
    private static final Pattern PACKAGE_ID = Pattern.compile("[a-z][a-z0-9_]*(?:\\.[a-z][a-z0-9_]*){1,7}");
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}");
    private static final String LIVE_DEVICE = "('enrolled', 'provisioned', 'activated', 'disabled')";
    private static final String AUTO_APPROVER = "system:allow-list";

    /** What an upload stored: the version and the digest and size of its package. */
    public record Upload(String packageId, String version, String sha256, long size) {}

    /** A package to send to a device. */
    public record Download(String packageId, String version, String sha256, long size, byte[] data) {}

    /** A device's app request: the request, and whether this call made it (or found it made already). */
    public record RequestResult(AppRequestView request, boolean created) {}

    /**
     * The signed body of an {@link DeviceRequest.Purpose#APP_REQUEST}: the app, and whether the
     * user asks for it ({@code "request"}, the default) or gives it back ({@code "remove"}).
     */
    public record AppRequestBody(String packageId, String action) {}

    /** The signed body of an {@link DeviceRequest.Purpose#APP_DOWNLOAD} for one package. */
    public record DownloadBody(String packageId, String version) {}

    private record Owner(UUID deviceId, UUID userId, UUID groupId, String group) {}

    private final Jdbi jdbi;
    private final Clock clock;
    private final AuditLog audit;
    private final PushHub push;

    public CatalogService(Jdbi jdbi, Clock clock, AuditLog audit, PushHub push) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.audit = audit;
        this.push = push;
    }

    // ---- apps ---------------------------------------------------------------------------------

    public AppView createApp(String packageId, String name, String description, Actor actor) {
        checkPackageId(packageId);
        checkName(name);
        String text = checkDescription(description);
        try {
            return jdbi.inTransaction(h -> {
                if (findAppId(h, packageId).isPresent()) {
                    throw duplicateApp(packageId);
                }
                h.createUpdate("INSERT INTO catalog_apps (id, package_id, name, description, created_at) VALUES (?, ?, ?, ?, ?)")
                        .bind(0, UUID.randomUUID()).bind(1, packageId).bind(2, name).bind(3, text).bind(4, clock.instant())
                        .execute();
                AppView view = app(h, packageId);
                audit.record(h, actor, "catalog.app-create", "app", packageId, null, view);
                return view;
            });
        } catch (UnableToExecuteStatementException e) {
            // Two admins created the same app at once; the unique package id let one through.
            if (isUniqueViolation(e)) {
                throw duplicateApp(packageId);
            }
            throw e;
        }
    }

    public List<AppView> listApps() {
        return jdbi.withHandle(h -> apps(h, null));
    }

    public AppView getApp(String packageId) {
        checkPackageId(packageId);
        return jdbi.withHandle(h -> app(h, packageId));
    }

    /** Deletes the app with its versions, allow-list entries and requests; packages no other version uses go too. */
    public void deleteApp(String packageId, Actor actor) {
        checkPackageId(packageId);
        List<UUID> nudge = jdbi.inTransaction(h -> {
            UUID appId = lockApp(h, packageId);
            AppView before = app(h, packageId);
            List<UUID> devices = devicesHoldingApp(h, appId, null);
            h.createUpdate("DELETE FROM catalog_apps WHERE id = ?").bind(0, appId).execute();
            for (String sha : new LinkedHashSet<>(before.versions().stream().map(AppView.Version::sha256).toList())) {
                dropBlobIfUnused(h, sha);
            }
            audit.record(h, actor, "catalog.app-delete", "app", packageId, before, null);
            return devices;
        });
        push.nudgeAll(nudge, NUDGE_REASON);
    }

    // ---- versions -----------------------------------------------------------------------------

    /** Stores {@code data} as {@code version} of the app; the bytes are kept once per digest. */
    public Upload uploadVersion(String packageId, String version, byte[] data, Actor actor) {
        checkPackageId(packageId);
        checkVersion(version);
        if (data == null || data.length == 0) {
            throw ProblemException.invalid("body", "the package is empty; send its bytes as the request body");
        }
        if (data.length > MAX_PACKAGE_BYTES) {
            throw new ProblemException(ProblemKind.PAYLOAD_TOO_LARGE, "a package may be at most " + MAX_PACKAGE_BYTES + " bytes");
        }
        String sha256 = sha256Hex(data);
        record Outcome(Upload upload, List<UUID> nudge) {}
        Outcome outcome = jdbi.inTransaction(h -> {
            // Uploads to one app take turns, so a version is checked and added as one step.
            UUID appId = lockApp(h, packageId);
            boolean exists = h.createQuery("SELECT COUNT(*) FROM catalog_app_versions WHERE app_id = ? AND version = ?")
                    .bind(0, appId).bind(1, version).mapTo(Long.class).one() > 0;
            if (exists) {
                throw ProblemException.conflict("app '" + packageId + "' has a version '" + version
                        + "' already; a version is never replaced, upload the package under a new version");
            }
            Instant now = clock.instant();
            storeBlob(h, sha256, data, now);
            h.createUpdate("INSERT INTO catalog_app_versions (app_id, version, blob_sha256, size, created_at) VALUES (?, ?, ?, ?, ?)")
                    .bind(0, appId).bind(1, version).bind(2, sha256).bind(3, (long) data.length).bind(4, now).execute();
            Upload upload = new Upload(packageId, version, sha256, data.length);
            audit.record(h, actor, "catalog.version-upload", "app", packageId, null, upload);
            return new Outcome(upload, devicesHoldingApp(h, appId, null));
        });
        push.nudgeAll(outcome.nudge(), NUDGE_REASON);
        return outcome.upload();
    }

    // ---- allow-lists --------------------------------------------------------------------------

    /**
     * Lets users of {@code group} have the app, with or without an admin's approval. Lifting the
     * need for approval approves the group's requests for the app that were waiting for it.
     */
    public GroupAppView allow(String group, String packageId, boolean requiresApproval, Actor actor) {
        checkPackageId(packageId);
        record Outcome(GroupAppView view, List<UUID> nudge) {}
        Outcome outcome = jdbi.inTransaction(h -> {
            // Changes to one group's allow-list take turns.
            UUID groupId = lockGroup(h, group);
            UUID appId = requireApp(h, packageId);
            Optional<GroupAppView> before = groupApp(h, groupId, appId);
            if (before.isPresent() && before.get().requiresApproval() == requiresApproval) {
                return new Outcome(before.get(), List.of());
            }
            if (before.isPresent()) {
                h.createUpdate("UPDATE group_apps SET requires_approval = ? WHERE group_id = ? AND app_id = ?")
                        .bind(0, requiresApproval).bind(1, groupId).bind(2, appId).execute();
            } else {
                h.createUpdate("INSERT INTO group_apps (group_id, app_id, requires_approval) VALUES (?, ?, ?)")
                        .bind(0, groupId).bind(1, appId).bind(2, requiresApproval).execute();
            }
            GroupAppView after = groupApp(h, groupId, appId).orElseThrow();
            audit.record(h, actor, "catalog.allow", "app", packageId, before.orElse(null), after);
            if (!requiresApproval) {
                List<UUID> waiting = h.createQuery("""
                                SELECT r.id FROM app_requests r JOIN users u ON u.id = r.user_id
                                WHERE u.group_id = ? AND r.app_id = ? AND r.status = 'pending'
                                ORDER BY r.created_at, r.id""")
                        .bind(0, groupId).bind(1, appId).mapTo(UUID.class).list();
                for (UUID id : waiting) {
                    decide(h, id, APPROVED, actor, "catalog.request-approve");
                }
            }
            return new Outcome(after, devicesHoldingApp(h, appId, groupId));
        });
        push.nudgeAll(outcome.nudge(), NUDGE_REASON);
        return outcome.view();
    }

    /** Takes the app off the group's allow-list; its users lose it, and their requests wait until it is allowed again. */
    public void disallow(String group, String packageId, Actor actor) {
        checkPackageId(packageId);
        List<UUID> nudge = jdbi.inTransaction(h -> {
            UUID groupId = lockGroup(h, group);
            UUID appId = requireApp(h, packageId);
            GroupAppView before = groupApp(h, groupId, appId).orElseThrow(() ->
                    ProblemException.notFound("app '" + packageId + "' on the allow-list of group '" + group + "'"));
            List<UUID> devices = devicesHoldingApp(h, appId, groupId);
            h.createUpdate("DELETE FROM group_apps WHERE group_id = ? AND app_id = ?").bind(0, groupId).bind(1, appId).execute();
            audit.record(h, actor, "catalog.disallow", "app", packageId, before, null);
            return devices;
        });
        push.nudgeAll(nudge, NUDGE_REASON);
    }

    public List<GroupAppView> groupApps(String group) {
        return jdbi.withHandle(h -> {
            UUID groupId = requireGroup(h, group);
            return h.createQuery(SELECT_GROUP_APP + " WHERE ga.group_id = ? ORDER BY a.package_id")
                    .bind(0, groupId).map((rs, ctx) -> groupAppView(rs)).list();
        });
    }

    // ---- requests -----------------------------------------------------------------------------

    /**
     * A device asks for an app on its user's behalf, or gives one back ({@code action: "remove"}).
     * The request must have been verified by the {@link DeviceAuthenticator}; its sequence is
     * consumed here, in the transaction that acts on it.
     */
    public RequestResult deviceRequest(DeviceRequest request, String address) {
        requirePurpose(request, DeviceRequest.Purpose.APP_REQUEST);
        AppRequestBody body = body(request.body(), AppRequestBody.class,
                "an app request carries {\"packageId\": ..., \"action\": \"request\" or \"remove\"}");
        checkPackageId(body.packageId());
        String action = body.action() == null ? "request" : body.action();
        if (!action.equals("request") && !action.equals("remove")) {
            throw ProblemException.invalid("action", "must be 'request' or 'remove'");
        }
        UUID deviceId = UUID.fromString(request.deviceId());
        Actor actor = new Actor(Actor.Type.DEVICE, deviceId.toString(), address);
        String packageId = body.packageId();
        record Outcome(RequestResult result, List<UUID> nudge) {}
        Outcome outcome = jdbi.inTransaction(h -> {
            DeviceAuthenticator.consumeSequence(h, deviceId, request.sequence());
            Owner owner = owner(h, deviceId, "ask for apps");
            // One user's requests take turns, so that two devices asking at once make one request.
            h.createQuery("SELECT id FROM users WHERE id = ? FOR UPDATE").bind(0, owner.userId()).mapTo(UUID.class).one();
            UUID appId = requireApp(h, packageId);
            Optional<AppRequestView> active = h.createQuery(SELECT_REQUEST
                            + " WHERE r.user_id = ? AND r.app_id = ? AND r.status IN ('pending', 'approved') ORDER BY r.created_at DESC, r.id")
                    .bind(0, owner.userId()).bind(1, appId).map((rs, ctx) -> requestView(rs)).findFirst();
            if (action.equals("remove")) {
                AppRequestView before = active.orElseThrow(() ->
                        ProblemException.notFound("a pending or approved request for app '" + packageId + "'"));
                AppRequestView after = decide(h, before.id(), REMOVED, actor, "catalog.request-remove");
                return new Outcome(new RequestResult(after, false),
                        before.status().equals(APPROVED) ? userDevices(h, owner.userId()) : List.of());
            }
            Optional<Boolean> requiresApproval = h.createQuery(
                            "SELECT requires_approval FROM group_apps WHERE group_id = ? AND app_id = ?")
                    .bind(0, owner.groupId()).bind(1, appId).mapTo(Boolean.class).findOne();
            if (requiresApproval.isEmpty()) {
                throw new ProblemException(ProblemKind.FORBIDDEN, "group '" + owner.group() + "' does not allow app '"
                        + packageId + "'; ask an admin to add it to the group's allow-list");
            }
            if (active.isPresent()) {
                return new Outcome(new RequestResult(active.get(), false), List.of());
            }
            UUID id = UUID.randomUUID();
            Instant now = clock.instant();
            boolean approved = !requiresApproval.get();
            h.createUpdate("""
                            INSERT INTO app_requests (id, user_id, app_id, status, created_at, decided_at, decided_by)
                            VALUES (?, ?, ?, ?, ?, ?, ?)""")
                    .bind(0, id).bind(1, owner.userId()).bind(2, appId).bind(3, approved ? APPROVED : PENDING).bind(4, now)
                    .bind(5, approved ? now : null).bind(6, approved ? AUTO_APPROVER : null).execute();
            AppRequestView view = request(h, id);
            audit.record(h, actor, "catalog.request-create", "app-request", id.toString(), null, view);
            return new Outcome(new RequestResult(view, true), approved ? userDevices(h, owner.userId()) : List.of());
        });
        push.nudgeAll(outcome.nudge(), NUDGE_REASON);
        return outcome.result();
    }

    /** Requests newest first, optionally only those in one status or of one user. */
    public List<AppRequestView> listRequests(String status, String user, int limit) {
        if (status != null && !STATUSES.contains(status)) {
            throw ProblemException.invalid("status", "must be one of pending, approved, denied, removed");
        }
        Where where = new Where(SELECT_REQUEST).and("r.status = ?", status).and("u.name = ?", user);
        return jdbi.withHandle(h -> where.query(h, "ORDER BY r.created_at DESC, r.id LIMIT " + Math.max(1, limit))
                .map((rs, ctx) -> requestView(rs)).list());
    }

    public AppRequestView getRequest(UUID id) {
        return jdbi.withHandle(h -> request(h, id));
    }

    /** Approves a pending request, if the user's group still allows the app, and nudges the user's devices. */
    public AppRequestView approve(UUID id, Actor actor) {
        record Outcome(AppRequestView view, List<UUID> nudge) {}
        Outcome outcome = jdbi.inTransaction(h -> {
            AppRequestView before = lockRequest(h, id);
            requireStatus(before, "approved", PENDING);
            boolean allowed = h.createQuery("""
                            SELECT COUNT(*) FROM app_requests r JOIN users u ON u.id = r.user_id
                            JOIN group_apps ga ON ga.group_id = u.group_id AND ga.app_id = r.app_id
                            WHERE r.id = ?""")
                    .bind(0, id).mapTo(Long.class).one() > 0;
            if (!allowed) {
                throw ProblemException.conflict("group '" + before.group() + "' does not allow app '" + before.packageId()
                        + "' (any more); allow it for the group first, or deny the request");
            }
            AppRequestView after = decide(h, id, APPROVED, actor, "catalog.request-approve");
            return new Outcome(after, userDevices(h, userId(h, id)));
        });
        push.nudgeAll(outcome.nudge(), NUDGE_REASON);
        return outcome.view();
    }

    public AppRequestView deny(UUID id, Actor actor) {
        return jdbi.inTransaction(h -> {
            requireStatus(lockRequest(h, id), "denied", PENDING);
            return decide(h, id, DENIED, actor, "catalog.request-deny");
        });
    }

    /** Marks a pending or approved request removed: the user no longer has (or waits for) the app. */
    public AppRequestView remove(UUID id, Actor actor) {
        record Outcome(AppRequestView view, List<UUID> nudge) {}
        Outcome outcome = jdbi.inTransaction(h -> {
            AppRequestView before = lockRequest(h, id);
            requireStatus(before, "removed", PENDING, APPROVED);
            AppRequestView after = decide(h, id, REMOVED, actor, "catalog.request-remove");
            return new Outcome(after, before.status().equals(APPROVED) ? userDevices(h, userId(h, id)) : List.of());
        });
        push.nudgeAll(outcome.nudge(), NUDGE_REASON);
        return outcome.view();
    }

    // ---- devices ------------------------------------------------------------------------------

    /** The apps a device's user is to have; the request is an {@code APP_DOWNLOAD} with no body. */
    public List<AppAssignment> deviceApps(DeviceRequest request) {
        requirePurpose(request, DeviceRequest.Purpose.APP_DOWNLOAD);
        JsonNode body = request.body();
        if (body != null && !body.isNull() && !(body.isObject() && body.isEmpty())) {
            throw ProblemException.invalid("body", "listing apps takes no body; a body names one package to download");
        }
        UUID deviceId = UUID.fromString(request.deviceId());
        return jdbi.inTransaction(h -> {
            DeviceAuthenticator.consumeSequence(h, deviceId, request.sequence());
            return assignedApps(h, owner(h, deviceId, "get apps").userId());
        });
    }

    /**
     * One package for a device whose user has the app. The signed body must name the same app and
     * version as the path, so that a request signed for one package cannot fetch another.
     */
    public Download download(DeviceRequest request, String packageId, String version) {
        requirePurpose(request, DeviceRequest.Purpose.APP_DOWNLOAD);
        checkPackageId(packageId);
        checkVersion(version);
        DownloadBody body = body(request.body(), DownloadBody.class, "a download carries {\"packageId\": ..., \"version\": ...}");
        if (!packageId.equals(body.packageId()) || !version.equals(body.version())) {
            throw ProblemException.invalid("body", "the signed request is for " + body.packageId() + " " + body.version()
                    + ", not for the package in the path");
        }
        UUID deviceId = UUID.fromString(request.deviceId());
        return jdbi.inTransaction(h -> {
            DeviceAuthenticator.consumeSequence(h, deviceId, request.sequence());
            Owner owner = owner(h, deviceId, "download apps");
            if (assignedApps(h, owner.userId()).stream().noneMatch(a -> a.packageId().equals(packageId))) {
                throw new ProblemException(ProblemKind.FORBIDDEN, "app '" + packageId
                        + "' is not assigned to this device's user; request it first");
            }
            return h.createQuery("""
                            SELECT v.blob_sha256, v.size, b.data FROM catalog_app_versions v
                            JOIN catalog_apps a ON a.id = v.app_id JOIN blobs b ON b.sha256 = v.blob_sha256
                            WHERE a.package_id = ? AND v.version = ?""")
                    .bind(0, packageId).bind(1, version)
                    .map((rs, ctx) -> new Download(packageId, version, rs.getString("blob_sha256"), rs.getLong("size"),
                            rs.getBytes("data")))
                    .findOne()
                    .orElseThrow(() -> ProblemException.notFound("version '" + version + "' of app '" + packageId + "'"));
        });
    }

    /**
     * The à-la-carte apps a user is to have: approved requests for apps their group still allows,
     * each at its newest version.
     */
    public List<AppAssignment> assignedApps(Handle h, UUID userId) {
        // Newest is the latest upload; the version string breaks a tie between uploads at one instant.
        return h.createQuery("""
                        SELECT a.package_id, a.name, v.version, v.blob_sha256, v.size
                        FROM catalog_apps a
                        JOIN catalog_app_versions v ON v.app_id = a.id
                        WHERE EXISTS (SELECT 1 FROM app_requests r
                                      JOIN users u ON u.id = r.user_id
                                      JOIN group_apps ga ON ga.group_id = u.group_id AND ga.app_id = r.app_id
                                      WHERE r.app_id = a.id AND r.user_id = ? AND r.status = 'approved')
                          AND NOT EXISTS (SELECT 1 FROM catalog_app_versions v2
                                          WHERE v2.app_id = v.app_id
                                            AND (v2.created_at > v.created_at
                                                 OR (v2.created_at = v.created_at AND v2.version > v.version)))
                        ORDER BY a.package_id""")
                .bind(0, userId)
                .map((rs, ctx) -> new AppAssignment(rs.getString("package_id"), rs.getString("name"), rs.getString("version"),
                        rs.getString("blob_sha256"), rs.getLong("size")))
                .list();
    }

    // ---- validation ---------------------------------------------------------------------------

    public static String checkPackageId(String packageId) {
        if (packageId == null || packageId.length() > MAX_PACKAGE_ID || !PACKAGE_ID.matcher(packageId).matches()) {
            throw ProblemException.invalid("packageId", "must be a reverse-DNS name such as com.example.notes: 2-8 segments"
                    + " of a-z, 0-9 and '_' separated by '.', each starting with a letter, at most " + MAX_PACKAGE_ID + " characters");
        }
        return packageId;
    }

    public static String checkVersion(String version) {
        if (version == null || !VERSION.matcher(version).matches()) {
            throw ProblemException.invalid("version", "must be 1-64 characters of letters, digits, '.', '+', '_' or '-',"
                    + " starting with a letter or digit");
        }
        return version;
    }

    private static void checkName(String name) {
        if (name == null || name.isBlank()) {
            throw ProblemException.invalid("name", "is required");
        }
        if (name.length() > MAX_NAME) {
            throw ProblemException.invalid("name", "may be at most " + MAX_NAME + " characters");
        }
        if (!name.codePoints().allMatch(CatalogService::printable)) {
            throw ProblemException.invalid("name", "may contain only printable characters");
        }
    }

    private static String checkDescription(String description) {
        if (description == null) {
            return "";
        }
        if (description.length() > MAX_DESCRIPTION) {
            throw ProblemException.invalid("description", "may be at most " + MAX_DESCRIPTION + " characters");
        }
        if (!description.codePoints().allMatch(c -> c == '\n' || c == '\r' || c == '\t' || printable(c))) {
            throw ProblemException.invalid("description", "may contain only printable characters, tabs and line breaks");
        }
        return description;
    }

    private static boolean printable(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.UNASSIGNED, Character.PRIVATE_USE,
                 Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static void requirePurpose(DeviceRequest request, DeviceRequest.Purpose purpose) {
        if (request.purpose() != purpose) {
            throw new ProblemException(ProblemKind.BAD_SIGNATURE, "the request was signed for " + request.purpose() + ", not " + purpose);
        }
    }

    private static <T> T body(JsonNode node, Class<T> type, String shape) {
        if (node == null || !node.isObject()) {
            throw ProblemException.invalid("body", shape);
        }
        try {
            return Json.MAPPER.treeToValue(node, type);
        } catch (UnrecognizedPropertyException e) {
            throw ProblemException.invalid(e.getPropertyName(), "is not a field of this request; " + shape);
        } catch (JsonProcessingException e) {
            throw new ProblemException(ProblemKind.MALFORMED_JSON, "the signed body is not valid: " + e.getOriginalMessage());
        }
    }

    private static ProblemException duplicateApp(String packageId) {
        return ProblemException.conflict("an app with package id '" + packageId + "' exists already");
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }

    /**
     * Makes sure the blob is stored and holds its row lock until commit, so that a concurrent
     * delete cannot drop it between here and the version that refers to it.
     */
    private static void storeBlob(Handle h, String sha256, byte[] data, Instant now) {
        for (int attempt = 0; attempt < 3; attempt++) {
            boolean stored = h.createQuery("SELECT sha256 FROM blobs WHERE sha256 = ? FOR UPDATE")
                    .bind(0, sha256).mapTo(String.class).findOne().isPresent();
            if (stored) {
                return;
            }
            h.createUpdate("INSERT INTO blobs (sha256, size, data, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                    .bind(0, sha256).bind(1, (long) data.length).bind(2, data).bind(3, now).execute();
        }
        throw new ProblemException(ProblemKind.UNAVAILABLE, "the package store is busy with the same package; try again");
    }

    private static void dropBlobIfUnused(Handle h, String sha256) {
        boolean stored = h.createQuery("SELECT sha256 FROM blobs WHERE sha256 = ? FOR UPDATE")
                .bind(0, sha256).mapTo(String.class).findOne().isPresent();
        boolean used = h.createQuery("SELECT COUNT(*) FROM catalog_app_versions WHERE blob_sha256 = ?")
                .bind(0, sha256).mapTo(Long.class).one() > 0;
        if (stored && !used) {
            h.createUpdate("DELETE FROM blobs WHERE sha256 = ?").bind(0, sha256).execute();
        }
    }

    private static Optional<UUID> findAppId(Handle h, String packageId) {
        return h.createQuery("SELECT id FROM catalog_apps WHERE package_id = ?").bind(0, packageId).mapTo(UUID.class).findOne();
    }

    private static UUID requireApp(Handle h, String packageId) {
        return findAppId(h, packageId).orElseThrow(() -> ProblemException.notFound("app '" + packageId + "'"));
    }

    private static UUID lockApp(Handle h, String packageId) {
        return h.createQuery("SELECT id FROM catalog_apps WHERE package_id = ? FOR UPDATE").bind(0, packageId)
                .mapTo(UUID.class).findOne().orElseThrow(() -> ProblemException.notFound("app '" + packageId + "'"));
    }

    private static UUID requireGroup(Handle h, String group) {
        return h.createQuery("SELECT id FROM business_groups WHERE name = ?").bind(0, group).mapTo(UUID.class).findOne()
                .orElseThrow(() -> ProblemException.notFound("group '" + group + "'"));
    }

    private static UUID lockGroup(Handle h, String group) {
        return h.createQuery("SELECT id FROM business_groups WHERE name = ? FOR UPDATE").bind(0, group).mapTo(UUID.class).findOne()
                .orElseThrow(() -> ProblemException.notFound("group '" + group + "'"));
    }

    private static Owner owner(Handle h, UUID deviceId, String what) {
        record Row(Owner owner, DeviceState state) {}
        Row row = h.createQuery("""
                        SELECT d.state, d.user_id, u.group_id, g.name AS group_name
                        FROM devices d JOIN users u ON u.id = d.user_id JOIN business_groups g ON g.id = u.group_id
                        WHERE d.id = ?""")
                .bind(0, deviceId)
                .map((rs, ctx) -> new Row(new Owner(deviceId, Rows.uuid(rs, "user_id"), Rows.uuid(rs, "group_id"),
                        rs.getString("group_name")), DeviceState.parse(rs.getString("state"))))
                .findOne()
                .orElseThrow(() -> ProblemException.notFound("device " + deviceId));
        if (row.state() == DeviceState.DISABLED || row.state().isTerminal()) {
            throw ProblemException.conflict("this device is " + row.state().wireName() + " and cannot " + what);
        }
        return row.owner();
    }

    private static List<UUID> userDevices(Handle h, UUID userId) {
        return h.createQuery("SELECT id FROM devices WHERE user_id = ? AND state IN " + LIVE_DEVICE + " ORDER BY id")
                .bind(0, userId).mapTo(UUID.class).list();
    }

    /** Live devices of users with an approved request for the app, optionally only in one group. */
    private static List<UUID> devicesHoldingApp(Handle h, UUID appId, UUID groupId) {
        String sql = """
                SELECT DISTINCT d.id FROM devices d JOIN users u ON u.id = d.user_id
                JOIN app_requests r ON r.user_id = u.id AND r.app_id = ? AND r.status = 'approved'
                WHERE d.state IN\s""" + LIVE_DEVICE + (groupId == null ? "" : " AND u.group_id = ?") + " ORDER BY d.id";
        var q = h.createQuery(sql).bind(0, appId);
        if (groupId != null) {
            q.bind(1, groupId);
        }
        return q.mapTo(UUID.class).list();
    }

    private static UUID userId(Handle h, UUID requestId) {
        return h.createQuery("SELECT user_id FROM app_requests WHERE id = ?").bind(0, requestId).mapTo(UUID.class).one();
    }

    private AppRequestView lockRequest(Handle h, UUID id) {
        h.createQuery("SELECT id FROM app_requests WHERE id = ? FOR UPDATE").bind(0, id).mapTo(UUID.class).findOne()
                .orElseThrow(() -> ProblemException.notFound("app request " + id));
        return request(h, id);
    }

    private static void requireStatus(AppRequestView request, String becoming, String... from) {
        if (!List.of(from).contains(request.status())) {
            throw ProblemException.conflict("app request " + request.id() + " is " + request.status() + "; only "
                    + String.join(" or ", from) + " requests can be " + becoming);
        }
    }

    /** Moves a request to {@code status}, recording who decided, and audits the change. */
    private AppRequestView decide(Handle h, UUID id, String status, Actor actor, String action) {
        AppRequestView before = request(h, id);
        h.createUpdate("UPDATE app_requests SET status = ?, decided_at = ?, decided_by = ? WHERE id = ?")
                .bind(0, status).bind(1, clock.instant()).bind(2, decider(actor)).bind(3, id).execute();
        AppRequestView after = request(h, id);
        audit.record(h, actor, action, "app-request", id.toString(), before, after);
        return after;
    }

    private static String decider(Actor actor) {
        String text = actor.typeName() + ":" + actor.name();
        return text.length() <= 64 ? text : text.substring(0, 64);
    }

    private static final String SELECT_REQUEST = """
            SELECT r.id, r.status, r.created_at, r.decided_at, r.decided_by, u.name AS user_name, g.name AS group_name,
                   a.package_id, a.name AS app_name
            FROM app_requests r JOIN users u ON u.id = r.user_id JOIN business_groups g ON g.id = u.group_id
            JOIN catalog_apps a ON a.id = r.app_id""";

    private static AppRequestView request(Handle h, UUID id) {
        return h.createQuery(SELECT_REQUEST + " WHERE r.id = ?").bind(0, id).map((rs, ctx) -> requestView(rs)).findOne()
                .orElseThrow(() -> ProblemException.notFound("app request " + id));
    }

    private static AppRequestView requestView(ResultSet rs) throws SQLException {
        return new AppRequestView(Rows.uuid(rs, "id"), rs.getString("user_name"), rs.getString("group_name"),
                rs.getString("package_id"), rs.getString("app_name"), rs.getString("status"), Rows.instant(rs, "created_at"),
                Rows.instant(rs, "decided_at"), rs.getString("decided_by"));
    }

    private static final String SELECT_GROUP_APP = """
            SELECT g.name AS group_name, a.package_id, a.name AS app_name, ga.requires_approval
            FROM group_apps ga JOIN business_groups g ON g.id = ga.group_id JOIN catalog_apps a ON a.id = ga.app_id""";

    private static Optional<GroupAppView> groupApp(Handle h, UUID groupId, UUID appId) {
        return h.createQuery(SELECT_GROUP_APP + " WHERE ga.group_id = ? AND ga.app_id = ?")
                .bind(0, groupId).bind(1, appId).map((rs, ctx) -> groupAppView(rs)).findOne();
    }

    private static GroupAppView groupAppView(ResultSet rs) throws SQLException {
        return new GroupAppView(rs.getString("group_name"), rs.getString("package_id"), rs.getString("app_name"),
                rs.getBoolean("requires_approval"));
    }

    private static AppView app(Handle h, String packageId) {
        List<AppView> found = apps(h, packageId);
        if (found.isEmpty()) {
            throw ProblemException.notFound("app '" + packageId + "'");
        }
        return found.getFirst();
    }

    /** All apps, or the one with {@code packageId}, each with its versions (newest first) and allowing groups. */
    private static List<AppView> apps(Handle h, String packageId) {
        String where = packageId == null ? "" : " WHERE a.package_id = ?";
        record AppRow(UUID id, String packageId, String name, String description, Instant createdAt) {}
        var appQuery = h.createQuery("SELECT a.* FROM catalog_apps a" + where + " ORDER BY a.package_id");
        var versionQuery = h.createQuery("""
                SELECT v.app_id, v.version, v.blob_sha256, v.size, v.created_at
                FROM catalog_app_versions v JOIN catalog_apps a ON a.id = v.app_id""" + where
                + " ORDER BY v.created_at DESC, v.version DESC");
        var groupQuery = h.createQuery("""
                SELECT ga.app_id, g.name, ga.requires_approval
                FROM group_apps ga JOIN business_groups g ON g.id = ga.group_id JOIN catalog_apps a ON a.id = ga.app_id""" + where
                + " ORDER BY g.name");
        if (packageId != null) {
            appQuery.bind(0, packageId);
            versionQuery.bind(0, packageId);
            groupQuery.bind(0, packageId);
        }
        List<AppRow> rows = appQuery.map((rs, ctx) -> new AppRow(Rows.uuid(rs, "id"), rs.getString("package_id"),
                rs.getString("name"), rs.getString("description"), Rows.instant(rs, "created_at"))).list();
        Map<UUID, List<AppView.Version>> versions = new LinkedHashMap<>();
        versionQuery.map((rs, ctx) -> Map.entry(Rows.uuid(rs, "app_id"), new AppView.Version(rs.getString("version"),
                        rs.getString("blob_sha256"), rs.getLong("size"), Rows.instant(rs, "created_at"))))
                .forEach(e -> versions.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        Map<UUID, List<AppView.Allowed>> groups = new LinkedHashMap<>();
        groupQuery.map((rs, ctx) -> Map.entry(Rows.uuid(rs, "app_id"), new AppView.Allowed(rs.getString("name"),
                        rs.getBoolean("requires_approval"))))
                .forEach(e -> groups.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return rows.stream().map(r -> new AppView(r.packageId(), r.name(), r.description(), r.createdAt(),
                List.copyOf(versions.getOrDefault(r.id(), List.of())), List.copyOf(groups.getOrDefault(r.id(), List.of()))))
                .toList();
    }
}
