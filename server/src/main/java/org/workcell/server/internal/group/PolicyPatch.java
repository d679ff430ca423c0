package org.workcell.server.internal.group;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.workcell.core.problem.Problem;
import org.workcell.core.problem.Problem.FieldError;
import org.workcell.core.problem.ProblemException;
import org.workcell.core.protocol.PolicySettings;
import org.workcell.core.time.Durations;

/**
 * A change to some policy settings; absent fields keep their value. Durations are written as
 * people type them ({@code 90s}, {@code 15m}, {@code 1d}) or in ISO-8601 ({@code PT15M}).
 */
public record PolicyPatch(
        String leaseInterval,
        String disableAfter,
        String wipeAfter,
        Boolean pinRequired,
        Integer pinMinLength,
        Integer pinMaxAttempts,
        String lockAfterIdle,
        Boolean clipboardOut,
        Boolean screenshots,
        Boolean watermark,
        String cloudSessionIdleTimeout) {

    /** The settings after this change, validated as a whole; a bad change raises a problem with every field error. */
    public PolicySettings applyTo(PolicySettings current) {
        List<FieldError> errors = new ArrayList<>();
        PolicySettings next = new PolicySettings(
                duration("leaseInterval", leaseInterval, current.leaseInterval(), errors),
                duration("disableAfter", disableAfter, current.disableAfter(), errors),
                duration("wipeAfter", wipeAfter, current.wipeAfter(), errors),
                pinRequired != null ? pinRequired : current.pinRequired(),
                pinMinLength != null ? pinMinLength : current.pinMinLength(),
                pinMaxAttempts != null ? pinMaxAttempts : current.pinMaxAttempts(),
                duration("lockAfterIdle", lockAfterIdle, current.lockAfterIdle(), errors),
                clipboardOut != null ? clipboardOut : current.clipboardOut(),
                screenshots != null ? screenshots : current.screenshots(),
                watermark != null ? watermark : current.watermark(),
                duration("cloudSessionIdleTimeout", cloudSessionIdleTimeout, current.cloudSessionIdleTimeout(), errors));
        if (errors.isEmpty()) {
            errors.addAll(next.validate());
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid("the policy is not valid: " + errors.getFirst().field() + " "
                    + errors.getFirst().message(), errors));
        }
        return next;
    }

    private static Duration duration(String field, String text, Duration current, List<FieldError> errors) {
        if (text == null) {
            return current;
        }
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException | ArithmeticException e) {
            errors.add(new FieldError(field, e.getMessage() != null ? e.getMessage() : "is not a duration"));
            return current;
        }
    }
}
