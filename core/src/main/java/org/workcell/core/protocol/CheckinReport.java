package org.workcell.core.protocol;

import java.util.List;

/**
 * What the device reports at each check-in: its own view of its state and versions, and the
 * commands it has carried out since the last lease.
 */
public record CheckinReport(
        String agentVersion, String imageVersion, Long policyVersion, String phoneState, List<Long> completedCommands) {
    public CheckinReport {
        completedCommands = completedCommands == null ? List.of() : List.copyOf(completedCommands);
    }
}
