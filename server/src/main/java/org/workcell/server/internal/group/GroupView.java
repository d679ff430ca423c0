package org.workcell.server.internal.group;

import java.time.Instant;

public record GroupView(
        String name, String description, String imageName, String imageVersion, long policyVersion,
        long users, long devices, Instant createdAt, Instant updatedAt) {}
