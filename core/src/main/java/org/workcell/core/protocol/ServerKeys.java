package org.workcell.core.protocol;

/** The server keys a device pins at enrolment and trusts from then on, and no others. */
public record ServerKeys(PinnedKey leaseSigning, PinnedKey imageSigning) {}
