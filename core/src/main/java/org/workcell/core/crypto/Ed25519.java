package org.workcell.core.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Ed25519. Keys are the JDK's own key objects, made by its provider and stored in its standard
 * encodings; signing and verifying use Bouncy Castle's RFC 8032 code, which is several times
 * faster than the JDK's (about 0.1 ms against 1.5 ms per signature here), and every check-in
 * costs one of each. Public keys travel as their raw 32 bytes (base64url), the form JWK ("OKP",
 * "Ed25519", "x") uses; key ids are a digest of those bytes.
 */
public final class Ed25519 {
    public static final int PUBLIC_KEY_BYTES = 32;
    public static final int SIGNATURE_BYTES = 64;

    // The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410); the raw key follows it.
    private static final byte[] SPKI_PREFIX = {
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
    };

    // Deriving a public key costs as much as a signature; a process signs with few keys, many times.
    private static final Map<PrivateKey, byte[]> PUBLIC_OF_PRIVATE = Collections.synchronizedMap(new WeakHashMap<>());

    private Ed25519() {}

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519", e);
        }
    }

    public static byte[] rawPublicKey(PublicKey key) {
        byte[] der = key.getEncoded();
        if (der.length != SPKI_PREFIX.length + PUBLIC_KEY_BYTES
                || !Arrays.equals(der, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
            throw new IllegalArgumentException("not an Ed25519 public key");
        }
        return Arrays.copyOfRange(der, SPKI_PREFIX.length, der.length);
    }

    /** Decodes a raw 32-byte public key; throws {@link InvalidKeyException} for anything else. */
    public static PublicKey publicKeyFromRaw(byte[] raw) throws InvalidKeyException {
        if (raw == null || raw.length != PUBLIC_KEY_BYTES) {
            throw new InvalidKeyException("an Ed25519 public key is 32 bytes");
        }
        byte[] der = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + PUBLIC_KEY_BYTES);
        System.arraycopy(raw, 0, der, SPKI_PREFIX.length, PUBLIC_KEY_BYTES);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (InvalidKeySpecException e) {
            throw new InvalidKeyException("not a valid Ed25519 public key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519", e);
        }
    }

    public static PublicKey publicKeyFromBase64(String base64url) throws InvalidKeyException {
        try {
            return publicKeyFromRaw(Base64.getUrlDecoder().decode(base64url));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidKeyException("public key is not base64url", e);
        }
    }

    public static String publicKeyToBase64(PublicKey key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(rawPublicKey(key));
    }

    /** A short, stable id for a public key: the first 16 bytes of SHA-256 over its raw form, base64url. */
    public static String keyId(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(rawPublicKey(key));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] sign(PrivateKey key, byte[] data) {
        if (!(key instanceof EdECPrivateKey edKey) || edKey.getBytes().isEmpty()
                || !"Ed25519".equalsIgnoreCase(edKey.getParams().getName())) { // an Ed448 key is an EdECPrivateKey too
            throw new IllegalArgumentException("not an Ed25519 private key");
        }
        byte[] seed = edKey.getBytes().get();
        byte[] publicKey = PUBLIC_OF_PRIVATE.computeIfAbsent(key, k -> {
            byte[] pk = new byte[PUBLIC_KEY_BYTES];
            org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(seed, 0, pk, 0);
            return pk;
        });
        byte[] signature = new byte[SIGNATURE_BYTES];
        org.bouncycastle.math.ec.rfc8032.Ed25519.sign(seed, 0, publicKey, 0, data, 0, data.length, signature, 0);
        return signature;
    }

    public static boolean verify(PublicKey key, byte[] data, byte[] signatureBytes) {
        if (signatureBytes == null || signatureBytes.length != SIGNATURE_BYTES) {
            return false;
        }
        byte[] raw;
        try {
            raw = rawPublicKey(key);
        } catch (IllegalArgumentException e) {
            return false;
        }
        // Rejects non-canonical S and public keys that are not valid points (RFC 8032, section 5.1.7).
        return org.bouncycastle.math.ec.rfc8032.Ed25519.verify(signatureBytes, 0, raw, 0, data, 0, data.length);
    }

    /** Makes a verifier for {@code key} that decodes the key's point once, for keys that verify many times. */
    public static Verifier verifier(PublicKey key) throws InvalidKeyException {
        byte[] raw;
        try {
            raw = rawPublicKey(key);
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyException(e.getMessage(), e);
        }
        org.bouncycastle.math.ec.rfc8032.Ed25519.PublicPoint point =
                org.bouncycastle.math.ec.rfc8032.Ed25519.validatePublicKeyFullExport(raw, 0);
        if (point == null) {
            throw new InvalidKeyException("not a valid Ed25519 public key");
        }
        return new Verifier(point);
    }

    /** Verifies signatures by one public key, its point decoded and validated up front. */
    public static final class Verifier {
        private final org.bouncycastle.math.ec.rfc8032.Ed25519.PublicPoint point;

        private Verifier(org.bouncycastle.math.ec.rfc8032.Ed25519.PublicPoint point) {
            this.point = point;
        }

        public boolean verify(byte[] data, byte[] signature) {
            return signature != null && signature.length == SIGNATURE_BYTES
                    && org.bouncycastle.math.ec.rfc8032.Ed25519.verify(signature, 0, point, data, 0, data.length);
        }
    }
}
