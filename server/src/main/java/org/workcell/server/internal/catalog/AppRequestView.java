package org.workcell.server.internal.catalog;

import java.time.Instant;
import java.util.UUID;

/** A user's request for a catalog app and what became of it. */
public record AppRequestView(UUID id, String user, String group, String packageId, String appName, String status,
                             Instant createdAt, Instant decidedAt, String decidedBy) {}
