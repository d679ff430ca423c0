package org.workcell.server.internal.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

public record AuditEntry(
        long id, Instant at, String actorType, String actor, String action, String targetType, String targetId,
        String address, JsonNode before, JsonNode after) {}
