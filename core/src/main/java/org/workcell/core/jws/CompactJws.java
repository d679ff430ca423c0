package org.workcell.core.jws;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.workcell.core.crypto.Ed25519;
import org.workcell.core.json.Json;

/**
 * JWS compact serialisation (RFC 7515) with EdDSA over Ed25519 (RFC 8037), the signed envelope of
 * every message Workcell trusts: leases, check-ins, enrolment, provisioning bundles.
 *
 * <p>Only one algorithm is accepted and the header may carry nothing but {@code alg}, {@code typ}
 * and {@code kid}: there is no algorithm to negotiate, no embedded key to trust and no critical
 * extension to ignore. The {@code typ} is checked so that one kind of signed statement can never
 * be passed off as another.
 */
public final class CompactJws {
    public static final String ALGORITHM = "EdDSA";
    public static final int MAX_TOKEN_CHARS = 4 << 20;

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    // A signer uses a handful of (type, key) pairs over and over: the server its lease key for every lease.
    private static final Map<String, String> ENCODED_HEADERS = new ConcurrentHashMap<>();

    private CompactJws() {}

    private static String encodeHeader(String type, String keyId) {
        return B64.encodeToString(Json.write(new Header(ALGORITHM, type, keyId)));
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Header(String alg, String typ, String kid) {}

    /** A token split and decoded, its signature not yet checked: nothing in it is trusted. */
    public record Unverified(Header header, byte[] payload, byte[] signingInput, byte[] signature) {
        /** Checks the signature against {@code key} and returns the now-trusted payload. */
        public byte[] verify(PublicKey key) throws JwsException {
            if (!Ed25519.verify(key, signingInput, signature)) {
                throw new JwsException("signature does not verify");
            }
            return payload;
        }

        /** As {@link #verify(PublicKey)}, with a verifier made once for a key that signs often. */
        public byte[] verify(Ed25519.Verifier verifier) throws JwsException {
            if (!verifier.verify(signingInput, signature)) {
                throw new JwsException("signature does not verify");
            }
            return payload;
        }
    }

    public static String sign(String type, String keyId, byte[] payload, PrivateKey key) {
        String header = ENCODED_HEADERS.size() < 1024
                ? ENCODED_HEADERS.computeIfAbsent(type + "\n" + keyId, k -> encodeHeader(type, keyId))
                : encodeHeader(type, keyId);
        String signingInput = header + "." + B64.encodeToString(payload);
        byte[] signature = Ed25519.sign(key, signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + B64.encodeToString(signature);
    }

    public static String signJson(String type, String keyId, Object payload, PrivateKey key) {
        return sign(type, keyId, Json.write(payload), key);
    }

    /** Splits and decodes {@code token}, checks its header and that it is of {@code expectedType}. */
    public static Unverified parse(String token, String expectedType) throws JwsException {
        if (token == null || token.isEmpty()) {
            throw new JwsException("no token");
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            throw new JwsException("token is longer than " + MAX_TOKEN_CHARS + " characters");
        }
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (first < 0 || second < 0 || token.indexOf('.', second + 1) >= 0) {
            throw new JwsException("a compact JWS has exactly three dot-separated parts");
        }
        byte[] headerBytes = decode(token.substring(0, first), "header");
        byte[] payload = decode(token.substring(first + 1, second), "payload");
        byte[] signature = decode(token.substring(second + 1), "signature");
        Header header;
        try {
            header = Json.read(headerBytes, Header.class);
        } catch (IOException e) {
            throw new JwsException("header is not a JSON object with only alg, typ and kid");
        }
        if (header == null || !ALGORITHM.equals(header.alg())) {
            throw new JwsException("algorithm must be " + ALGORITHM);
        }
        if (!expectedType.equals(header.typ())) {
            throw new JwsException("expected a " + expectedType + " token");
        }
        if (header.kid() == null || header.kid().isEmpty() || header.kid().length() > 128) {
            throw new JwsException("header has no usable key id");
        }
        if (signature.length != Ed25519.SIGNATURE_BYTES) {
            throw new JwsException("signature must be " + Ed25519.SIGNATURE_BYTES + " bytes");
        }
        byte[] signingInput = token.substring(0, second).getBytes(StandardCharsets.US_ASCII);
        return new Unverified(header, payload, signingInput, signature);
    }

    /** Parses, verifies with {@code key} and reads the payload as {@code payloadType}. */
    public static <T> T verifyJson(String token, String expectedType, PublicKey key, Class<T> payloadType)
            throws JwsException {
        byte[] payload = parse(token, expectedType).verify(key);
        return readPayload(payload, payloadType);
    }

    public static <T> T readPayload(byte[] payload, Class<T> payloadType) throws JwsException {
        T value;
        try {
            value = Json.read(payload, payloadType);
        } catch (IOException e) {
            throw new JwsException("payload is not a valid " + payloadType.getSimpleName() + ": " + firstLine(e));
        }
        if (value == null) { // a JSON null reads as Java null, which no caller expects
            throw new JwsException("payload is not a valid " + payloadType.getSimpleName() + ": it is null");
        }
        return value;
    }

    private static String firstLine(IOException e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static byte[] decode(String part, String name) throws JwsException {
        // The JDK decoder accepts padding; JWS forbids it, and a token has one spelling only.
        if (part.indexOf('=') >= 0) {
            throw new JwsException(name + " is padded base64url");
        }
        byte[] bytes;
        try {
            bytes = B64D.decode(part);
        } catch (IllegalArgumentException e) {
            throw new JwsException(name + " is not base64url");
        }
        // Unused trailing bits must be zero, so that no two strings carry the same token.
        if (!B64.encodeToString(bytes).equals(part)) {
            throw new JwsException(name + " is not canonical base64url");
        }
        return bytes;
    }
}
