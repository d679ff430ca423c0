package org.workcell.core.protocol;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The server's signed permission for a device to keep its work phone. All times are the server's
 * absolute times: the device enforces them against its own clocks and never extends them.
 *
 * @param sequence      the sequence number of the check-in this lease answers
 * @param renewBy       when the device should check in again (before jitter)
 * @param disableAt     when the work phone stops if no newer lease arrives
 * @param wipeAt        when the work phone is destroyed if no newer lease arrives
 * @param deviceState   the server's view: activated, disabled, wiped, retired …
 * @param leaseInterval the policy's renewal interval, for the device's scheduler
 */
public record Lease(
        String deviceId,
        long sequence,
        Instant issuedAt,
        Instant renewBy,
        Instant disableAt,
        Instant wipeAt,
        long policyVersion,
        String imageVersion,
        String deviceState,
        Duration leaseInterval,
        List<LeaseCommand> commands) {
    public Lease {
        commands = commands == null ? List.of() : List.copyOf(commands);
    }
}
