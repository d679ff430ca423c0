package org.workcell.core.jws;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.Base64;
import org.workcell.core.crypto.Ed25519;

/** Builds compact tokens by hand, independently of {@link CompactJws#sign}, for tests. */
final class Tokens {
    static final String URL_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private Tokens() {}

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A token whose header is exactly {@code headerJson}, correctly signed with {@code key}. */
    static String signed(String headerJson, byte[] payload, PrivateKey key) {
        return signedParts(b64(headerJson), b64(payload), key);
    }

    /** Signs the two given encoded parts as they are, so that only their encoding can be at fault. */
    static String signedParts(String encodedHeader, String encodedPayload, PrivateKey key) {
        String signingInput = encodedHeader + "." + encodedPayload;
        return signingInput + "." + b64(Ed25519.sign(key, signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    static String header(String alg, String typ, String kid) {
        return "{\"alg\":\"" + alg + "\",\"typ\":\"" + typ + "\",\"kid\":\"" + kid + "\"}";
    }

    /**
     * The same bytes spelled differently: the unused low bits of the last character set. Only
     * parts whose length is not a multiple of four have unused bits.
     */
    static String withTrailingBitsSet(String part) {
        int unusedBits = switch (part.length() % 4) {
            case 2 -> 4;
            case 3 -> 2;
            default -> throw new IllegalArgumentException("no unused bits in a part of length " + part.length());
        };
        int last = URL_ALPHABET.indexOf(part.charAt(part.length() - 1));
        int altered = last | ((1 << unusedBits) - 1);
        if (altered == last) {
            altered = last & ~((1 << unusedBits) - 1) | 1;
        }
        return part.substring(0, part.length() - 1) + URL_ALPHABET.charAt(altered);
    }

    /** Adds the padding that JWS leaves out; only for parts whose length is not a multiple of four. */
    static String padded(String part) {
        return switch (part.length() % 4) {
            case 2 -> part + "==";
            case 3 -> part + "=";
            default -> throw new IllegalArgumentException("a part of length " + part.length() + " takes no padding");
        };
    }
}
