package org.workcell.server.internal.enrollment;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.workcell.core.crypto.Ed25519;
import org.workcell.core.jws.CompactJws;
import org.workcell.core.jws.JwsException;
import org.workcell.core.problem.ProblemException;
import org.workcell.core.problem.ProblemKind;
import org.workcell.core.protocol.DeviceInfo;
import org.workcell.core.protocol.EnrollmentRequest;
import org.workcell.core.protocol.EnrollmentResponse;
import org.workcell.core.protocol.TokenTypes;
import org.workcell.server.internal.audit.AuditLog;
import org.workcell.server.internal.auth.Tokens;
import org.workcell.server.internal.device.DeviceService;
import org.workcell.server.internal.http.Actor;
import org.workcell.server.internal.http.RateLimiter;
import org.workcell.server.internal.keys.ServerKeyring;
import org.workcell.server.internal.user.UserService;

/**
 * One-time enrolment codes, and enrolment itself: a device presents a code and a key it has just
 * made, proves it holds the key by signing the request, and is bound to the code's user.
 */
public final class EnrollmentService {
    private static final Pattern HEX_DIGEST = Pattern.compile("[0-9a-f]{64}");
    public static final Duration MAX_CODE_TTL = Duration.ofDays(30);

    private final Jdbi jdbi;
    private final Clock clock;
    private final AuditLog audit;
    private final UserService users;
    private final ServerKeyring keys;
    private final Duration defaultTtl;
    private final Duration maxSkew;
    private final Supplier<String> publicUrl;
    private final RateLimiter attempts;

    public EnrollmentService(Jdbi jdbi, Clock clock, AuditLog audit, UserService users, ServerKeyring keys,
                             Duration defaultTtl, Duration maxSkew, Supplier<String> publicUrl,
                             int attemptsPerMinute) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.audit = audit;
        this.users = users;
        this.keys = keys;
        this.defaultTtl = defaultTtl;
        this.maxSkew = maxSkew;
        this.publicUrl = publicUrl;
        this.attempts = new RateLimiter(clock, attemptsPerMinute, "enrolment attempts");
    }

    public EnrollmentCode createCode(String user, Duration ttl, Actor actor) {
        Duration validity = ttl != null ? ttl : defaultTtl;
        if (validity.compareTo(Duration.ofMinutes(1)) < 0 || validity.compareTo(MAX_CODE_TTL) > 0) {
            throw ProblemException.invalid("validFor", "must be between 1m and 30d");
        }
        String code = Tokens.enrollmentCode();
        Instant now = clock.instant();
        Instant expires = now.plus(validity);
        jdbi.useTransaction(h -> {
            UUID userId = users.requireId(h, user);
            h.createUpdate("INSERT INTO enrollment_codes (code_hash, user_id, created_at, expires_at, created_by) VALUES (?, ?, ?, ?, ?)")
                    .bind(0, Tokens.sha256Hex(Tokens.normalizeCode(code))).bind(1, userId).bind(2, now).bind(3, expires)
                    .bind(4, actor.name()).execute();
            // The audit trail names the user and expiry, never the code itself.
            audit.record(h, actor, "enrollment-code.create", "user", user, null, Map.of("expiresAt", expires.toString()));
        });
        String url = publicUrl.get() + "/enroll?code=" + URLEncoder.encode(code, StandardCharsets.UTF_8);
        String qr = "data:image/png;base64," + Base64.getEncoder().encodeToString(QrCodes.png(url, 320));
        return new EnrollmentCode(code, user, expires, url, qr);
    }

    public EnrollmentResponse enroll(String token, String address) {
        attempts.acquire(address);
        CompactJws.Unverified unverified;
        EnrollmentRequest request;
        PublicKey deviceKey;
        try {
            unverified = CompactJws.parse(token, TokenTypes.ENROLLMENT);
            // The payload names the key that must have signed it; nothing else in it is used before the check.
            request = CompactJws.readPayload(unverified.payload(), EnrollmentRequest.class);
            if (request == null) {
                throw new JwsException("payload is not an enrolment request");
            }
            deviceKey = Ed25519.publicKeyFromBase64(request.publicKey());
            unverified.verify(deviceKey);
        } catch (JwsException | InvalidKeyException e) {
            throw new ProblemException(ProblemKind.BAD_SIGNATURE, "the enrolment request is not validly signed by the key it presents: "
                    + e.getMessage());
        }
        if (!Ed25519.keyId(deviceKey).equals(unverified.header().kid())) {
            throw new ProblemException(ProblemKind.BAD_SIGNATURE, "the enrolment request's key id does not match its key");
        }
        DeviceInfo device = checkDevice(request.device());
        Instant now = clock.instant();
        if (request.sentAt() == null || Duration.between(request.sentAt(), now).abs().compareTo(maxSkew) > 0) {
            throw new ProblemException(ProblemKind.CLOCK_SKEW, "the request's time is more than " + maxSkew.toSeconds()
                    + "s from the server's " + now + "; correct the device clock");
        }
        String codeHash = Tokens.sha256Hex(Tokens.normalizeCode(request.code()));
        String publicKey = Ed25519.publicKeyToBase64(deviceKey);
        record Enrolled(UUID deviceId, String user, String group) {}
        Enrolled enrolled = jdbi.inTransaction(h -> {
            record Code(UUID userId, Instant expiresAt, Instant usedAt) {}
            Optional<Code> code = h.createQuery("SELECT user_id, expires_at, used_at FROM enrollment_codes WHERE code_hash = ?")
                    .bind(0, codeHash)
                    .map((rs, ctx) -> new Code(rs.getObject("user_id", UUID.class),
                            org.workcell.server.internal.db.Rows.instant(rs, "expires_at"),
                            org.workcell.server.internal.db.Rows.instant(rs, "used_at")))
                    .findOne();
            if (code.isEmpty()) {
                throw new ProblemException(ProblemKind.ENROLLMENT_CODE_INVALID, "no such enrolment code; check it, or ask your IT admin for a new one");
            }
            if (code.get().usedAt() != null) {
                throw new ProblemException(ProblemKind.ENROLLMENT_CODE_USED, "this enrolment code has been used already; ask your IT admin for a new one");
            }
            if (!code.get().expiresAt().isAfter(now)) {
                throw new ProblemException(ProblemKind.ENROLLMENT_CODE_EXPIRED, "this enrolment code expired at " + code.get().expiresAt()
                        + "; ask your IT admin for a new one");
            }
            if (h.createQuery("SELECT COUNT(*) FROM devices WHERE public_key = ?").bind(0, publicKey).mapTo(Long.class).one() > 0) {
                throw ProblemException.conflict("this device key is enrolled already");
            }
            UUID deviceId = UUID.randomUUID();
            h.createUpdate("""
                            INSERT INTO devices (id, user_id, state, public_key, model, os, hardware_id_hash, agent_version,
                                                 enrolled_at, updated_at, last_checkin_at, last_checkin_address)
                            VALUES (?, ?, 'enrolled', ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .bind(0, deviceId).bind(1, code.get().userId()).bind(2, publicKey).bind(3, device.model()).bind(4, device.os())
                    .bind(5, device.hardwareIdHash()).bind(6, device.agentVersion()).bind(7, now).bind(8, now).bind(9, now)
                    .bind(10, address).execute();
            // Marking the code used is conditional, so two devices racing with one code cannot both win.
            int marked = h.createUpdate("UPDATE enrollment_codes SET used_at = ?, device_id = ? WHERE code_hash = ? AND used_at IS NULL")
                    .bind(0, now).bind(1, deviceId).bind(2, codeHash).execute();
            if (marked != 1) {
                throw new ProblemException(ProblemKind.ENROLLMENT_CODE_USED, "this enrolment code has been used already; ask your IT admin for a new one");
            }
            var view = DeviceService.get(h, deviceId);
            audit.record(h, new Actor(Actor.Type.DEVICE, deviceId.toString(), address), "device.enroll", "device",
                    deviceId.toString(), null, view);
            return new Enrolled(deviceId, view.user(), view.group());
        });
        return new EnrollmentResponse(enrolled.deviceId().toString(), enrolled.user(), enrolled.group(), keys.publicKeys(), now);
    }

    private static DeviceInfo checkDevice(DeviceInfo device) {
        if (device == null) {
            throw ProblemException.invalid("device", "is required");
        }
        text("device.model", device.model());
        text("device.os", device.os());
        text("device.agentVersion", device.agentVersion());
        if (device.hardwareIdHash() == null || !HEX_DIGEST.matcher(device.hardwareIdHash()).matches()) {
            throw ProblemException.invalid("device.hardwareIdHash", "must be a SHA-256 digest in lower-case hex");
        }
        return device;
    }

    private static void text(String field, String value) {
        if (value == null || value.isBlank() || value.length() > 100 || value.chars().anyMatch(c -> c < 0x20)) {
            throw ProblemException.invalid(field, "must be 1-100 printable characters");
        }
    }

}
