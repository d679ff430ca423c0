package org.workcell.server.internal.auth;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.UUID;

public record AdminAccount(UUID id, String name, String role, Instant createdAt, Instant lastLoginAt, Instant lockedUntil) {
    public static final String ROLE_ADMIN = "admin";
    public static final String ROLE_AUDITOR = "auditor";

    @JsonIgnore
    public boolean isAdmin() {
        return ROLE_ADMIN.equals(role);
    }
}
