package org.workcell.server.internal.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.workcell.core.problem.ProblemException;
import org.workcell.core.problem.ProblemKind;
import org.workcell.server.internal.audit.AuditLog;
import org.workcell.server.internal.db.Rows;
import org.workcell.server.internal.http.Actor;
import org.workcell.server.internal.http.RateLimiter;

/**
 * Admin accounts, password sign-in and sessions. Failed sign-ins lock an account for a while
 * after a few attempts, and each client address gets a bounded rate of attempts, so neither one
 * account nor many can be guessed at speed.
 */
public final class AdminService {
    public static final int MAX_FAILED_ATTEMPTS = 5;
    public static final Duration LOCKOUT = Duration.ofMinutes(15);
    private static final int ADDRESS_ATTEMPTS_PER_MINUTE = 30;

    public record Session(String token, Instant expiresAt, AdminAccount account) {}

    private final Jdbi jdbi;
    private final Clock clock;
    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final Duration sessionTtl;
    private final String dummyHash;
    private final RateLimiter attempts;

    public AdminService(Jdbi jdbi, Clock clock, PasswordHasher hasher, AuditLog audit, Duration sessionTtl) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.hasher = hasher;
        this.audit = audit;
        this.sessionTtl = sessionTtl;
        this.dummyHash = hasher.hash(Tokens.generatePassword());
        this.attempts = new RateLimiter(clock, ADDRESS_ATTEMPTS_PER_MINUTE, "sign-in attempts");
    }

    public boolean anyAdminExists() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM admins").mapTo(Long.class).one()) > 0;
    }

    public AdminAccount create(String name, String password, String role, Actor actor) {
        if (!AdminAccount.ROLE_ADMIN.equals(role) && !AdminAccount.ROLE_AUDITOR.equals(role)) {
            throw ProblemException.invalid("role", "must be admin or auditor");
        }
        if (password == null || password.length() < 12 || password.length() > 256) {
            throw ProblemException.invalid("password", "must be 12 to 256 characters");
        }
        String hash = hasher.hash(password);
        return jdbi.inTransaction(h -> {
            if (h.createQuery("SELECT COUNT(*) FROM admins WHERE name = ?").bind(0, name).mapTo(Long.class).one() > 0) {
                throw ProblemException.conflict("an admin named '" + name + "' exists already");
            }
            UUID id = UUID.randomUUID();
            Instant now = clock.instant();
            h.createUpdate("INSERT INTO admins (id, name, password_hash, role, created_at) VALUES (?, ?, ?, ?, ?)")
                    .bind(0, id).bind(1, name).bind(2, hash).bind(3, role).bind(4, now).execute();
            AdminAccount account = new AdminAccount(id, name, role, now, null, null);
            audit.record(h, actor, "admin.create", "admin", name, null, Map.of("name", name, "role", role));
            return account;
        });
    }

    public List<AdminAccount> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, name, role, created_at, last_login_at, locked_until FROM admins ORDER BY name")
                .map((rs, ctx) -> account(rs)).list());
    }

    public Session login(String name, String password, String address) {
        attempts.acquire(address);
        Instant now = clock.instant();
        record Row(UUID id, String hash, String role, int failed, Instant lockedUntil, Instant createdAt, Instant lastLogin) {}
        Optional<Row> row = jdbi.withHandle(h -> h.createQuery(
                        "SELECT id, password_hash, role, failed_attempts, locked_until, created_at, last_login_at FROM admins WHERE name = ?")
                .bind(0, name)
                .map((rs, ctx) -> new Row(rs.getObject("id", UUID.class), rs.getString("password_hash"), rs.getString("role"), rs.getInt("failed_attempts"),
                        Rows.instant(rs, "locked_until"), Rows.instant(rs, "created_at"), Rows.instant(rs, "last_login_at")))
                .findOne());
        if (row.isEmpty()) {
            hasher.verify(password, dummyHash); // same work as a real check: names cannot be probed by timing
            audit(Actor.Type.ADMIN, name, address, "admin.login-failed", Map.of("reason", "unknown user"));
            throw new ProblemException(ProblemKind.BAD_CREDENTIALS, "the user name or password is wrong");
        }
        Row r = row.get();
        if (r.lockedUntil() != null && r.lockedUntil().isAfter(now)) {
            throw new ProblemException(ProblemKind.LOCKED, "account '" + name + "' is locked after too many failed sign-ins until "
                    + r.lockedUntil() + "; try again then or ask another admin");
        }
        if (!hasher.verify(password, r.hash())) {
            int failed = r.failed() + 1;
            Instant lockUntil = failed >= MAX_FAILED_ATTEMPTS ? now.plus(LOCKOUT) : null;
            jdbi.useTransaction(h -> {
                h.createUpdate("UPDATE admins SET failed_attempts = ?, locked_until = ? WHERE id = ?")
                        .bind(0, lockUntil != null ? 0 : failed).bind(1, lockUntil).bind(2, r.id()).execute();
                audit.record(h, new Actor(Actor.Type.ADMIN, name, address), lockUntil != null ? "admin.locked" : "admin.login-failed",
                        "admin", name, null, Map.of("failedAttempts", failed));
            });
            throw new ProblemException(ProblemKind.BAD_CREDENTIALS, "the user name or password is wrong");
        }
        String token = Tokens.randomToken("wcs_");
        Instant expires = now.plus(sessionTtl);
        jdbi.useTransaction(h -> {
            h.createUpdate("UPDATE admins SET failed_attempts = 0, locked_until = NULL, last_login_at = ? WHERE id = ?")
                    .bind(0, now).bind(1, r.id()).execute();
            h.createUpdate("DELETE FROM admin_sessions WHERE admin_id = ? AND expires_at < ?").bind(0, r.id()).bind(1, now).execute();
            h.createUpdate("INSERT INTO admin_sessions (token_hash, admin_id, created_at, expires_at, address) VALUES (?, ?, ?, ?, ?)")
                    .bind(0, Tokens.sha256Hex(token)).bind(1, r.id()).bind(2, now).bind(3, expires).bind(4, address).execute();
            audit.record(h, new Actor(Actor.Type.ADMIN, name, address), "admin.login", "admin", name, null, null);
        });
        return new Session(token, expires, new AdminAccount(r.id(), name, r.role(), r.createdAt(), now, null));
    }

    /** The account a bearer token belongs to, if the token is live. */
    public Optional<AdminAccount> authenticate(String token) {
        if (token == null || !token.startsWith("wcs_") || token.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT a.id, a.name, a.role, a.created_at, a.last_login_at, a.locked_until
                        FROM admin_sessions s JOIN admins a ON a.id = s.admin_id
                        WHERE s.token_hash = ? AND s.expires_at > ?""")
                .bind(0, Tokens.sha256Hex(token)).bind(1, now)
                .map((rs, ctx) -> account(rs))
                .findOne());
    }

    public void logout(String token, Actor actor) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM admin_sessions WHERE token_hash = ?").bind(0, Tokens.sha256Hex(token)).execute();
            audit.record(h, actor, "admin.logout", "admin", actor.name(), null, null);
        });
    }


    private void audit(Actor.Type type, String name, String address, String action, Map<String, Object> after) {
        jdbi.useHandle(h -> audit.record(h, new Actor(type, name, address), action, "admin", name, null, after));
    }

    private static AdminAccount account(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new AdminAccount(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("role"),
                Rows.instant(rs, "created_at"), Rows.instant(rs, "last_login_at"), Rows.instant(rs, "locked_until"));
    }
}
