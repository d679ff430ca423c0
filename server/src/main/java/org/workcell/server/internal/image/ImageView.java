package org.workcell.server.internal.image;

import java.time.Instant;
import java.util.List;

/** A published image version as admins see it. */
public record ImageView(String name, String version, long serial, long size, String digest, String indexDigest, int chunks,
                        Instant createdAt, String createdBy, List<String> groups) {}
