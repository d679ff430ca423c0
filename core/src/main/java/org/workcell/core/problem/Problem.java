package org.workcell.core.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An error as RFC 9457 problem details. The same value becomes an HTTP response
 * ({@code application/problem+json}) on the server and a message on the command line.
 *
 * @param type   a URI naming the kind of problem ({@code urn:workcell:problem:<code>})
 * @param title  a short, fixed summary of the kind
 * @param status the HTTP status
 * @param detail what went wrong this time, and what to do about it
 * @param errors per-field complaints, when the request body was at fault
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:workcell:problem:";
    private static final com.fasterxml.jackson.databind.ObjectReader LENIENT = org.workcell.core.json.Json.MAPPER.readerFor(Problem.class)
            .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public record FieldError(String field, String message) {}

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static Problem of(ProblemKind kind, String detail) {
        return new Problem(TYPE_PREFIX + kind.code(), kind.title(), kind.status(), detail, null, List.of());
    }

    public static Problem invalid(String detail, List<FieldError> errors) {
        ProblemKind kind = ProblemKind.INVALID_REQUEST;
        return new Problem(TYPE_PREFIX + kind.code(), kind.title(), kind.status(), detail, null, errors);
    }

    /** Reads problem details a server sent; extension members it does not know are ignored. Empty if it is not problem details. */
    public static java.util.Optional<Problem> parse(byte[] body) {
        try {
            return java.util.Optional.ofNullable(LENIENT.readValue(body));
        } catch (java.io.IOException e) {
            return java.util.Optional.empty();
        }
    }

    public Problem withInstance(String newInstance) {
        return new Problem(type, title, status, detail, newInstance, errors);
    }

    /** The short code after the type prefix, e.g. {@code enrollment-code-expired}. */
    public String code() {
        return type != null && type.startsWith(TYPE_PREFIX) ? type.substring(TYPE_PREFIX.length()) : type;
    }

    /** One line for a terminal: the detail and any field errors. */
    public String toMessage() {
        StringBuilder text = new StringBuilder(detail != null ? detail : title);
        for (FieldError error : errors) {
            text.append("\n  ").append(error.field()).append(": ").append(error.message());
        }
        return text.toString();
    }
}
