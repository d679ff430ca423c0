package org.workcell.server.internal.catalog;

import java.time.Instant;
import java.util.List;

/** A catalog app as admins see it: its versions (newest first) and the groups that allow it. */
public record AppView(String packageId, String name, String description, Instant createdAt, List<Version> versions,
                      List<Allowed> groups) {
    public record Version(String version, String sha256, long size, Instant createdAt) {}

    public record Allowed(String group, boolean requiresApproval) {}
}
