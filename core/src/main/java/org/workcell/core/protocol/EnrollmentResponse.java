package org.workcell.core.protocol;

import java.time.Instant;

public record EnrollmentResponse(
        String deviceId, String user, String group, ServerKeys serverKeys, Instant enrolledAt) {}
