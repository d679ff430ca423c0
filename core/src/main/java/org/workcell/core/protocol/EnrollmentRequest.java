package org.workcell.core.protocol;

import java.time.Instant;

/**
 * Signed with the private half of {@code publicKey}: the server learns the key and that the
 * device holds it, in one step. The JWS {@code kid} is the key's id.
 */
public record EnrollmentRequest(String code, String publicKey, DeviceInfo device, Instant sentAt) {}
