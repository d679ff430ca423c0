package org.workcell.server.internal.device;

import java.security.InvalidKeyException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.workcell.core.crypto.Ed25519;
import org.workcell.core.jws.CompactJws;
import org.workcell.core.jws.JwsException;
import org.workcell.core.problem.ProblemException;
import org.workcell.core.problem.ProblemKind;
import org.workcell.core.protocol.DeviceRequest;
import org.workcell.core.protocol.TokenTypes;

/**
 * Checks a signed device request before anything in it is used: the key id names a registered
 * device, the signature verifies with that device's key, the purpose matches the endpoint, and
 * the timestamp is within the allowed skew. Replay is stopped by {@link #consumeSequence}, which
 * the caller runs inside the transaction that acts on the request.
 */
public final class DeviceAuthenticator {
    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration maxSkew;
    // Device keys never change once registered; a verified key can be remembered.
    private final Map<UUID, Ed25519.Verifier> keys = new ConcurrentHashMap<>();

    public DeviceAuthenticator(Jdbi jdbi, Clock clock, Duration maxSkew) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.maxSkew = maxSkew;
    }

    public DeviceRequest verify(String token, DeviceRequest.Purpose purpose) {
        CompactJws.Unverified unverified;
        try {
            unverified = CompactJws.parse(token, TokenTypes.DEVICE_REQUEST);
        } catch (JwsException e) {
            throw new ProblemException(ProblemKind.BAD_SIGNATURE, "the device request is not a valid signed request: " + e.getMessage());
        }
        UUID deviceId;
        try {
            deviceId = UUID.fromString(unverified.header().kid());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemKind.BAD_SIGNATURE, "the request's key id is not a device id");
        }
        Ed25519.Verifier key = key(deviceId).orElseThrow(() ->
                new ProblemException(ProblemKind.BAD_SIGNATURE, "no device is registered under the request's key id"));
        DeviceRequest request;
        try {
            request = CompactJws.readPayload(unverified.verify(key), DeviceRequest.class);
            if (request == null) {
                throw new JwsException("payload is not a device request");
            }
        } catch (JwsException e) {
            throw new ProblemException(ProblemKind.BAD_SIGNATURE, "the device request " + e.getMessage());
        }
        if (!deviceId.toString().equals(request.deviceId())) {
            throw new ProblemException(ProblemKind.BAD_SIGNATURE, "the request names another device than its key id");
        }
        if (request.purpose() != purpose) {
            throw new ProblemException(ProblemKind.BAD_SIGNATURE, "the request was signed for " + request.purpose() + ", not " + purpose);
        }
        if (request.sequence() <= 0) {
            throw ProblemException.invalid("sequence", "must be positive");
        }
        Instant now = clock.instant();
        if (request.sentAt() == null || Duration.between(request.sentAt(), now).abs().compareTo(maxSkew) > 0) {
            throw new ProblemException(ProblemKind.CLOCK_SKEW, "the request's time " + request.sentAt() + " is more than "
                    + maxSkew.toSeconds() + "s from the server's " + now + "; correct the device clock");
        }
        return request;
    }

    /**
     * Records {@code sequence} as the device's latest; fails if it is not above the last one
     * accepted. Run inside the transaction that acts on the request, so a request counts at most once.
     */
    public static void consumeSequence(Handle h, UUID deviceId, long sequence) {
        int updated = h.createUpdate("UPDATE devices SET last_sequence = ? WHERE id = ? AND last_sequence < ?")
                .bind(0, sequence).bind(1, deviceId).bind(2, sequence).execute();
        if (updated == 0) {
            throw new ProblemException(ProblemKind.REPLAYED, "request sequence " + sequence
                    + " is not above the last one accepted from this device; it was replayed or sent out of order");
        }
    }

    private Optional<Ed25519.Verifier> key(UUID deviceId) {
        Ed25519.Verifier cached = keys.get(deviceId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<String> encoded = jdbi.withHandle(h -> h.createQuery("SELECT public_key FROM devices WHERE id = ?")
                .bind(0, deviceId).mapTo(String.class).findOne());
        if (encoded.isEmpty()) {
            return Optional.empty();
        }
        try {
            Ed25519.Verifier key = Ed25519.verifier(Ed25519.publicKeyFromBase64(encoded.get()));
            if (keys.size() < 1_000_000) {
                keys.put(deviceId, key);
            }
            return Optional.of(key);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("stored key of device " + deviceId + " is unreadable", e);
        }
    }
}
