package org.workcell.image.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, which every JDK has. */
public final class Sha256 {
    private Sha256() {}

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }

    public static String hex(byte[] data) {
        return HexFormat.of().formatHex(newDigest().digest(data));
    }

    /** Whether {@code s} is 64 lower-case hex digits, the form digests take in manifests. */
    public static boolean isHex(String s) {
        return s != null && s.length() == 64 && s.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f');
    }
}
