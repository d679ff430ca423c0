package org.workcell.agent;

import java.time.Instant;

/** What {@code workcell agent status} reports. */
public record AgentStatus(
        boolean enrolled,
        boolean activated,
        String deviceId,
        String server,
        String user,
        String group,
        String state,
        Instant renewBy,
        Instant disableAt,
        Instant wipeAt,
        String imageVersion,
        Long policyVersion,
        Instant lastCheckinAt,
        String lastError) {}
