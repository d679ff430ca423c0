package org.workcell.server.internal.device;

import java.time.Instant;
import java.util.UUID;

public record DeviceView(
        UUID id, String user, String group, String state, String model, String os, String agentVersion,
        String imageVersion, Long policyVersion, String phoneState, Instant enrolledAt, Instant provisionedAt,
        Instant activatedAt, Instant lastCheckinAt, String lastCheckinAddress, long lastSequence, Instant disableAt, Instant wipeAt) {}
