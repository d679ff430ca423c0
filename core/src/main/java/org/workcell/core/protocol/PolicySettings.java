package org.workcell.core.protocol;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.workcell.core.problem.Problem.FieldError;
import org.workcell.core.time.Durations;

/**
 * A business group's policy, enforced by the device agent, the host and the cloud broker.
 *
 * @param leaseInterval           how often a device renews its lease (jittered on the device)
 * @param disableAfter            offline time after which the work phone is disabled
 * @param wipeAfter               offline time after which the work phone is wiped; exceeds disableAfter
 * @param pinRequired             whether a PIN guards starting and unlocking the phone
 * @param pinMinLength            the shortest PIN accepted
 * @param pinMaxAttempts          failed PIN attempts in a row before the work phone is wiped
 * @param lockAfterIdle           idle time before the phone locks; zero never locks
 * @param clipboardOut            whether text may be copied out of the work phone
 * @param screenshots             whether screenshots of the work phone are allowed
 * @param watermark               whether user and time are drawn faintly over every frame
 * @param cloudSessionIdleTimeout how long a disconnected cloud phone is kept running
 */
public record PolicySettings(
        Duration leaseInterval,
        Duration disableAfter,
        Duration wipeAfter,
        boolean pinRequired,
        int pinMinLength,
        int pinMaxAttempts,
        Duration lockAfterIdle,
        boolean clipboardOut,
        boolean screenshots,
        boolean watermark,
        Duration cloudSessionIdleTimeout) {

    public static final Duration MIN_LEASE_INTERVAL = Duration.ofSeconds(5);
    public static final Duration MAX_OFFLINE = Duration.ofDays(365);

    public static PolicySettings defaults() {
        return new PolicySettings(
                Duration.ofMinutes(15), Duration.ofDays(1), Duration.ofDays(4),
                true, 6, 10, Duration.ofMinutes(5),
                false, false, true, Duration.ofMinutes(30));
    }

    /** Everything wrong with these settings, one entry per field; empty when they are valid. */
    public List<FieldError> validate() {
        List<FieldError> errors = new ArrayList<>();
        if (leaseInterval == null || leaseInterval.compareTo(MIN_LEASE_INTERVAL) < 0 || leaseInterval.compareTo(Duration.ofDays(1)) > 0) {
            errors.add(new FieldError("leaseInterval", "must be between 5s and 1d"));
        }
        if (disableAfter == null || leaseInterval != null && disableAfter.compareTo(leaseInterval) <= 0) {
            errors.add(new FieldError("disableAfter", "must be longer than the lease interval"
                    + (leaseInterval == null ? "" : " (" + Durations.format(leaseInterval) + ")")));
        } else if (disableAfter.compareTo(MAX_OFFLINE) > 0) {
            errors.add(new FieldError("disableAfter", "must be at most 365d"));
        }
        if (wipeAfter == null || disableAfter != null && wipeAfter.compareTo(disableAfter) <= 0) {
            errors.add(new FieldError("wipeAfter", "must be longer than disableAfter"
                    + (disableAfter == null ? "" : " (" + Durations.format(disableAfter) + ")")));
        } else if (wipeAfter.compareTo(MAX_OFFLINE) > 0) {
            errors.add(new FieldError("wipeAfter", "must be at most 365d"));
        }
        if (pinMinLength < 4 || pinMinLength > 32) {
            errors.add(new FieldError("pinMinLength", "must be between 4 and 32"));
        }
        if (pinMaxAttempts < 3 || pinMaxAttempts > 100) {
            errors.add(new FieldError("pinMaxAttempts", "must be between 3 and 100"));
        }
        if (lockAfterIdle == null || lockAfterIdle.isNegative() || lockAfterIdle.compareTo(Duration.ofDays(1)) > 0
                || !lockAfterIdle.isZero() && lockAfterIdle.compareTo(Duration.ofSeconds(10)) < 0) {
            errors.add(new FieldError("lockAfterIdle", "must be 0 (never) or between 10s and 1d"));
        }
        if (cloudSessionIdleTimeout == null || cloudSessionIdleTimeout.compareTo(Duration.ofMinutes(1)) < 0
                || cloudSessionIdleTimeout.compareTo(Duration.ofDays(7)) > 0) {
            errors.add(new FieldError("cloudSessionIdleTimeout", "must be between 1m and 7d"));
        }
        return errors;
    }
}
