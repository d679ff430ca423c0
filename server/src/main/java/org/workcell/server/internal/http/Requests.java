package org.workcell.server.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.workcell.core.json.Json;
import org.workcell.core.problem.Problem;
import org.workcell.core.problem.ProblemException;
import org.workcell.core.problem.ProblemKind;

/** Reading requests strictly: content type, size, JSON shape, names and paging. */
public final class Requests {
    /** Names of groups, users and admins: lower-case, typeable, safe in a URL path. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    public static final int MAX_JSON_BYTES = 64 * 1024;
    public static final String OCTET_STREAM = "application/octet-stream";
    /** The scheme of the header that carries a signed device request where there is no body. */
    public static final String DEVICE_AUTH_SCHEME = "Workcell-Device ";
    /** Oversized bodies up to this size are read and dropped before the 413; larger ones are cut off. */
    private static final long MAX_DRAIN_BYTES = 1 << 20;

    private Requests() {}

    public static <T> T json(Context ctx, Class<T> type) {
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ProblemException(ProblemKind.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json");
        }
        byte[] body = boundedBody(ctx, MAX_JSON_BYTES);
        T value;
        try {
            value = Json.read(body, type);
        } catch (UnrecognizedPropertyException e) {
            throw new ProblemException(Problem.invalid("unknown field '" + e.getPropertyName() + "'",
                    List.of(new Problem.FieldError(e.getPropertyName(), "is not a field of this request"))));
        } catch (JsonProcessingException e) {
            throw new ProblemException(ProblemKind.MALFORMED_JSON, "the body is not valid JSON for this request: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ProblemException(ProblemKind.MALFORMED_JSON, "the body could not be read");
        }
        if (value == null) {
            throw new ProblemException(ProblemKind.MALFORMED_JSON, "the body must be a JSON object");
        }
        return value;
    }

    /** The body as text, for requests that carry one compact JWS. */
    public static String token(Context ctx, int maxBytes) {
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(org.workcell.core.protocol.TokenTypes.MEDIA_TYPE)) {
            throw new ProblemException(ProblemKind.UNSUPPORTED_MEDIA_TYPE, "send the signed request as "
                    + org.workcell.core.protocol.TokenTypes.MEDIA_TYPE);
        }
        return new String(boundedBody(ctx, maxBytes), java.nio.charset.StandardCharsets.US_ASCII).trim();
    }

    /** A raw body sent as application/octet-stream (packages, image indexes and chunks). */
    public static byte[] octets(Context ctx, int maxBytes) {
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(OCTET_STREAM)) {
            throw new ProblemException(ProblemKind.UNSUPPORTED_MEDIA_TYPE, "send the body as " + OCTET_STREAM);
        }
        return boundedBody(ctx, maxBytes);
    }

    /** The signed device request carried in {@code Authorization: Workcell-Device <jws>}, for requests without a body. */
    public static String deviceHeaderToken(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.startsWith(DEVICE_AUTH_SCHEME)) {
            throw new ProblemException(ProblemKind.UNAUTHENTICATED, "send 'Authorization: " + DEVICE_AUTH_SCHEME + "<signed request>'");
        }
        return header.substring(DEVICE_AUTH_SCHEME.length()).trim();
    }

    public static byte[] boundedBody(Context ctx, int maxBytes) {
        long declared = ctx.contentLength();
        if (declared > MAX_DRAIN_BYTES) {
            throw tooLarge(maxBytes);
        }
        try (var in = ctx.req().getInputStream()) {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw tooLarge(maxBytes);
            }
            return body;
        } catch (IOException e) {
            throw new ProblemException(ProblemKind.INVALID_REQUEST, "the body could not be read");
        }
    }

    /**
     * Reads and drops what is left of the body (within reason) before an error answer. A server that closes a
     * connection with unread bytes makes the kernel reset it, and the client, still sending, loses the answer.
     */
    static void drainUnread(Context ctx) {
        if (ctx.contentLength() > MAX_DRAIN_BYTES) {
            return; // cut off instead; Jetty closes the connection
        }
        try {
            var in = ctx.req().getInputStream();
            byte[] sink = new byte[8192];
            long drained = 0;
            for (int n; drained < MAX_DRAIN_BYTES && (n = in.read(sink)) >= 0; ) {
                drained += n;
            }
        } catch (IOException | IllegalStateException e) {
            // already read or the client is gone: nothing left to drain
        }
    }

    private static ProblemException tooLarge(int maxBytes) {
        return new ProblemException(ProblemKind.PAYLOAD_TOO_LARGE, "the body may be at most " + maxBytes + " bytes");
    }

    public static String name(String field, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw ProblemException.invalid(field, "must be 1-64 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit");
        }
        return value;
    }

    public static String text(String field, String value, int maxLength, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw ProblemException.invalid(field, "is required");
            }
            return null;
        }
        if (value.length() > maxLength) {
            throw ProblemException.invalid(field, "may be at most " + maxLength + " characters");
        }
        if (value.chars().anyMatch(c -> c < 0x20 && c != '\t')) {
            throw ProblemException.invalid(field, "may not contain control characters");
        }
        return value;
    }

    public static int limit(Context ctx, int defaultLimit, int max) {
        String text = ctx.queryParam("limit");
        if (text == null) {
            return defaultLimit;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ProblemException.invalid("limit", "must be a whole number from 1 to " + max);
    }

    public static java.util.UUID uuid(String field, String text) {
        try {
            if (text != null && text.length() == 36) {
                return java.util.UUID.fromString(text);
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw ProblemException.invalid(field, "must be a UUID");
    }
}
