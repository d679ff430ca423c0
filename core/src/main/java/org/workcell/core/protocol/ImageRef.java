package org.workcell.core.protocol;

import java.time.Instant;

/** Which image a group's devices run, signed with the image-signing key. */
public record ImageRef(String name, String version, String group, Instant issuedAt) {}
