package org.workcell.server.internal.image;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.workcell.core.jws.CompactJws;
import org.workcell.core.jws.JwsException;
import org.workcell.core.protocol.TokenTypes;
import org.workcell.server.internal.keys.ServerKeyring;

/**
 * Short-lived bearer tokens that let one device read image indexes and chunks. A fetch makes
 * thousands of chunk requests; signing each with the device key and a sequence number would
 * serialise them, so the device signs once for the token and the server signs the token.
 */
public final class DownloadTokens {
    public static final Duration TTL = Duration.ofHours(1);

    record Grant(String deviceId, Instant expiresAt) {}

    private final ServerKeyring keys;
    private final Clock clock;

    public DownloadTokens(ServerKeyring keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    public String issue(UUID deviceId) {
        return keys.signLease(TokenTypes.DOWNLOAD, new Grant(deviceId.toString(), clock.instant().plus(TTL)));
    }

    public Instant expiry(String token) {
        return grant(token).map(Grant::expiresAt).orElseThrow();
    }

    /** The device a live token was issued to; empty for anything forged, expired or malformed. */
    public Optional<UUID> deviceOf(String token) {
        return grant(token).filter(g -> g.expiresAt().isAfter(clock.instant())).map(g -> UUID.fromString(g.deviceId()));
    }

    private Optional<Grant> grant(String token) {
        try {
            return Optional.of(CompactJws.verifyJson(token, TokenTypes.DOWNLOAD, keys.leasePublicKey(), Grant.class));
        } catch (JwsException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
