package org.workcell.channel;

import java.util.Arrays;
import org.workcell.channel.internal.Checks;

/**
 * Host to phone, the answer to {@link Hello}: the version the host speaks, the phone's id, its user,
 * and the Ed25519 private key (PKCS#8) the host made for this phone, or an empty array if none.
 * The key is kept without copying and never printed by {@link #toString()}.
 */
public record Welcome(int version, String phoneId, String user, byte[] containerPrivateKeyPkcs8) implements Message {
    /** A PKCS#8 Ed25519 key is 48 bytes; this leaves room for other encodings without inviting abuse. */
    public static final int MAX_KEY_BYTES = 1024;

    public Welcome {
        Checks.positive(version, "Welcome.version");
        Checks.noControlChars(phoneId, "Welcome.phoneId");
        Checks.noControlChars(user, "Welcome.user");
        Checks.notNull(containerPrivateKeyPkcs8, "Welcome.containerPrivateKeyPkcs8");
        if (containerPrivateKeyPkcs8.length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("Welcome.containerPrivateKeyPkcs8 is "
                    + containerPrivateKeyPkcs8.length + " bytes, more than " + MAX_KEY_BYTES);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Welcome w && w.version == version && w.phoneId.equals(phoneId) && w.user.equals(user)
                && Arrays.equals(w.containerPrivateKeyPkcs8, containerPrivateKeyPkcs8);
    }

    @Override
    public int hashCode() {
        return ((version * 31 + phoneId.hashCode()) * 31 + user.hashCode()) * 31
                + Arrays.hashCode(containerPrivateKeyPkcs8);
    }

    @Override
    public String toString() {
        return "Welcome[version=" + version + ", phoneId=" + phoneId + ", user=" + user
                + ", containerPrivateKeyPkcs8=(" + containerPrivateKeyPkcs8.length + " bytes, hidden)]";
    }
}
