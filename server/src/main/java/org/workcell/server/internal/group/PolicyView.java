package org.workcell.server.internal.group;

import java.time.Instant;
import org.workcell.core.protocol.PolicySettings;

public record PolicyView(String group, long version, PolicySettings settings, Instant updatedAt, String updatedBy) {}
