package org.workcell.server.internal.cloud;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.workcell.core.problem.ProblemException;
import org.workcell.core.problem.ProblemKind;
import org.workcell.core.protocol.PolicySettings;
import org.workcell.server.internal.audit.AuditLog;
import org.workcell.server.internal.auth.PasswordHasher;
import org.workcell.server.internal.auth.Tokens;
import org.workcell.server.internal.db.Rows;
import org.workcell.server.internal.group.GroupService;
import org.workcell.server.internal.http.Actor;
import org.workcell.server.internal.http.RateLimiter;
import org.workcell.server.internal.user.UserService;

/**
 * Cloud users' sign-in: a password the admin sets, and a PIN when the group's policy asks for one
 * (chosen by the user at the first sign-in that needs it). Wrong passwords lock the account for
 * a while; more wrong PINs than the policy allows lock it until an admin resets the PIN. Sessions
 * are cookies stored as digests and bound to their user.
 */
public final class CloudAccounts {
    public static final int MAX_FAILED_PASSWORDS = 5;
    public static final Duration LOCKOUT = Duration.ofMinutes(15);
    public static final Duration SESSION_TTL = Duration.ofHours(12);
    public static final String TOKEN_PREFIX = "wcu_";
    private static final int ADDRESS_ATTEMPTS_PER_MINUTE = 30;
    private static final int MAX_PIN_LENGTH = 12;

    public record Session(String token, Instant expiresAt, CloudUser user) {}

    private final Jdbi jdbi;
    private final Clock clock;
    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final UserService users;
    private final GroupService groups;
    private final String dummyHash;
    private final RateLimiter attempts;

    public CloudAccounts(Jdbi jdbi, Clock clock, PasswordHasher hasher, AuditLog audit, UserService users, GroupService groups) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.hasher = hasher;
        this.audit = audit;
        this.users = users;
        this.groups = groups;
        this.dummyHash = hasher.hash(Tokens.generatePassword());
        this.attempts = new RateLimiter(clock, ADDRESS_ATTEMPTS_PER_MINUTE, "sign-in attempts");
    }

    /** Sets (or replaces) a user's password, unlocks the account and ends the user's sessions. */
    public void setPassword(String name, String password, Actor actor) {
        if (password == null || password.length() < 10 || password.length() > 256) {
            throw ProblemException.invalid("password", "must be 10 to 256 characters");
        }
        String hash = hasher.hash(password);
        jdbi.useTransaction(h -> {
            UUID id = users.requireId(h, name);
            Instant now = clock.instant();
            int updated = h.createUpdate("""
                            UPDATE user_credentials SET password_hash = ?, failed_attempts = 0, locked_until = NULL, updated_at = ?
                            WHERE user_id = ?""").bind(0, hash).bind(1, now).bind(2, id).execute();
            if (updated == 0) {
                h.createUpdate("INSERT INTO user_credentials (user_id, password_hash, updated_at) VALUES (?, ?, ?)")
                        .bind(0, id).bind(1, hash).bind(2, now).execute();
            }
            h.createUpdate("DELETE FROM user_sessions WHERE user_id = ?").bind(0, id).execute();
            audit.record(h, actor, "user.password-set", "user", name, null, null);
        });
    }

    /** Clears a user's PIN and its lock: the user chooses a new one at the next sign-in. */
    public void resetPin(String name, Actor actor) {
        jdbi.useTransaction(h -> {
            UUID id = users.requireId(h, name);
            int updated = h.createUpdate("""
                            UPDATE user_credentials SET pin_hash = NULL, pin_failures = 0, pin_locked = FALSE, updated_at = ?
                            WHERE user_id = ?""").bind(0, clock.instant()).bind(1, id).execute();
            if (updated == 0) {
                throw ProblemException.conflict("user '" + name + "' has no password yet; set one first");
            }
            audit.record(h, actor, "user.pin-reset", "user", name, null, null);
        });
    }

    /**
     * Signs a user in. With a PIN policy, {@code pin} is required once the user has one, and
     * {@code newPin} before that; the problem's field says which the client must ask for.
     */
    public Session login(String name, String password, String pin, String newPin, String address) {
        attempts.acquire(address);
        Instant now = clock.instant();
        record Row(UUID id, String group, String displayName, String passwordHash, String pinHash, int failed, int pinFailures,
                   boolean pinLocked, Instant lockedUntil) {}
        Optional<Row> found = jdbi.withHandle(h -> h.createQuery("""
                        SELECT u.id, g.name AS group_name, u.display_name, c.password_hash, c.pin_hash, c.failed_attempts,
                               c.pin_failures, c.pin_locked, c.locked_until
                        FROM users u JOIN user_credentials c ON c.user_id = u.id JOIN business_groups g ON g.id = u.group_id
                        WHERE u.name = ?""")
                .bind(0, name)
                .map((rs, ctx) -> new Row(rs.getObject("id", UUID.class), rs.getString("group_name"), rs.getString("display_name"),
                        rs.getString("password_hash"), rs.getString("pin_hash"), rs.getInt("failed_attempts"), rs.getInt("pin_failures"),
                        rs.getBoolean("pin_locked"), Rows.instant(rs, "locked_until")))
                .findOne());
        Actor actor = new Actor(Actor.Type.USER, name, address);
        if (found.isEmpty()) {
            hasher.verify(password, dummyHash); // the same work as a real check: names cannot be probed by timing
            throw new ProblemException(ProblemKind.BAD_CREDENTIALS, "the user name or password is wrong");
        }
        Row r = found.get();
        if (r.lockedUntil() != null && r.lockedUntil().isAfter(now)) {
            throw new ProblemException(ProblemKind.LOCKED, "this account is locked after too many wrong passwords until "
                    + r.lockedUntil() + "; try again then or ask your IT admin");
        }
        if (r.pinLocked()) {
            throw new ProblemException(ProblemKind.LOCKED, "this account is locked after too many wrong PINs; ask your IT admin to reset your PIN");
        }
        if (!hasher.verify(password, r.passwordHash())) {
            int failed = r.failed() + 1;
            Instant lockUntil = failed >= MAX_FAILED_PASSWORDS ? now.plus(LOCKOUT) : null;
            jdbi.useTransaction(h -> {
                h.createUpdate("UPDATE user_credentials SET failed_attempts = ?, locked_until = ? WHERE user_id = ?")
                        .bind(0, lockUntil != null ? 0 : failed).bind(1, lockUntil).bind(2, r.id()).execute();
                audit.record(h, actor, lockUntil != null ? "user.locked" : "user.login-failed", "user", name, null,
                        Map.of("failedAttempts", failed));
            });
            throw new ProblemException(ProblemKind.BAD_CREDENTIALS, "the user name or password is wrong");
        }
        PolicySettings policy = groups.policy(r.group()).settings();
        String pinHashToSet = null;
        if (policy.pinRequired()) {
            if (r.pinHash() == null) {
                if (newPin == null || newPin.isEmpty()) {
                    throw ProblemException.invalid("newPin", "your company asks for a PIN: choose one of " + policy.pinMinLength()
                            + " to " + MAX_PIN_LENGTH + " digits");
                }
                if (!newPin.matches("[0-9]+") || newPin.length() < policy.pinMinLength() || newPin.length() > MAX_PIN_LENGTH) {
                    throw ProblemException.invalid("newPin", "a PIN is " + policy.pinMinLength() + " to " + MAX_PIN_LENGTH + " digits");
                }
                pinHashToSet = hasher.hash(newPin);
            } else {
                if (pin == null || pin.isEmpty()) {
                    throw ProblemException.invalid("pin", "enter your PIN");
                }
                if (pin.length() > MAX_PIN_LENGTH || !hasher.verify(pin, r.pinHash())) {
                    int failures = r.pinFailures() + 1;
                    boolean lock = failures >= policy.pinMaxAttempts();
                    jdbi.useTransaction(h -> {
                        h.createUpdate("UPDATE user_credentials SET pin_failures = ?, pin_locked = ? WHERE user_id = ?")
                                .bind(0, failures).bind(1, lock).bind(2, r.id()).execute();
                        audit.record(h, actor, lock ? "user.pin-locked" : "user.pin-failed", "user", name, null,
                                Map.of("pinFailures", failures));
                    });
                    if (lock) {
                        throw new ProblemException(ProblemKind.LOCKED, "too many wrong PINs: this account is locked until your IT admin resets your PIN");
                    }
                    throw new ProblemException(ProblemKind.BAD_CREDENTIALS, "the PIN is wrong; "
                            + (policy.pinMaxAttempts() - failures) + " attempts left before the account locks");
                }
            }
        }
        String token = Tokens.randomToken(TOKEN_PREFIX);
        Instant expires = now.plus(SESSION_TTL);
        String newPinHash = pinHashToSet;
        jdbi.useTransaction(h -> {
            h.createUpdate("UPDATE user_credentials SET failed_attempts = 0, pin_failures = 0, locked_until = NULL"
                            + (newPinHash != null ? ", pin_hash = :pin" : "") + " WHERE user_id = :id")
                    .bind("id", r.id()).bindMap(newPinHash != null ? Map.of("pin", newPinHash) : Map.of()).execute();
            h.createUpdate("DELETE FROM user_sessions WHERE user_id = ? AND expires_at < ?").bind(0, r.id()).bind(1, now).execute();
            h.createUpdate("INSERT INTO user_sessions (token_hash, user_id, created_at, expires_at, address) VALUES (?, ?, ?, ?, ?)")
                    .bind(0, Tokens.sha256Hex(token)).bind(1, r.id()).bind(2, now).bind(3, expires).bind(4, address).execute();
            if (newPinHash != null) {
                audit.record(h, actor, "user.pin-set", "user", name, null, null);
            }
            audit.record(h, actor, "user.login", "user", name, null, null);
        });
        return new Session(token, expires, new CloudUser(r.id(), name, r.displayName(), r.group(), policy));
    }

    /** The user a session cookie belongs to, with the group's policy as it is now, if the session is live. */
    public Optional<CloudUser> authenticate(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        record Row(UUID id, String name, String displayName, String group) {}
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT u.id, u.name, u.display_name, g.name AS group_name
                        FROM user_sessions s JOIN users u ON u.id = s.user_id JOIN business_groups g ON g.id = u.group_id
                        WHERE s.token_hash = ? AND s.expires_at > ?""")
                .bind(0, Tokens.sha256Hex(token)).bind(1, clock.instant())
                .map((rs, ctx) -> new Row(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("display_name"),
                        rs.getString("group_name")))
                .findOne()
                .map(r -> new CloudUser(r.id(), r.name(), r.displayName(), r.group(), groups.policy(h, r.group()).settings())));
    }

    /** Ends every sign-in of the user (an admin's disconnect); the user must sign in again. */
    public void endSessions(String name) {
        jdbi.useTransaction(h -> h.createUpdate("DELETE FROM user_sessions WHERE user_id = ?").bind(0, users.requireId(h, name)).execute());
    }

    public void logout(String token, CloudUser user, String address) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM user_sessions WHERE token_hash = ?").bind(0, Tokens.sha256Hex(token)).execute();
            audit.record(h, new Actor(Actor.Type.USER, user.name(), address), "user.logout", "user", user.name(), null, null);
        });
    }
}
