package org.workcell.core.protocol;

import java.time.Instant;

/** A queued command as the lease carries it; the device reports its id back once done. */
public record LeaseCommand(long id, String type, Instant issuedAt) {}
