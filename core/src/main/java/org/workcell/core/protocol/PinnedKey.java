package org.workcell.core.protocol;

/** A server public key as a device pins it: key id and raw Ed25519 key, base64url. */
public record PinnedKey(String kid, String publicKey) {}
