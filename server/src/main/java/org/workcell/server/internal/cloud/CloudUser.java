package org.workcell.server.internal.cloud;

import java.util.UUID;
import org.workcell.core.protocol.PolicySettings;

/** A signed-in cloud user: who they are, their group, and the group's policy as it is now. */
public record CloudUser(UUID id, String name, String displayName, String group, PolicySettings policy) {}
