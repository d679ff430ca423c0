package org.workcell.server.internal.user;

import java.time.Instant;

public record UserView(String name, String displayName, String email, String group, long devices, Instant createdAt, Instant updatedAt) {}
