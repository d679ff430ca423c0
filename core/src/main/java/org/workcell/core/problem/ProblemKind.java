package org.workcell.core.problem;

/** The kinds of problem Workcell reports, each with its HTTP status and command-line exit code. */
public enum ProblemKind {
    INVALID_REQUEST("invalid-request", "The request is not valid", 400),
    MALFORMED_JSON("malformed-json", "The request body is not valid JSON for this endpoint", 400),
    UNAUTHENTICATED("unauthenticated", "Authentication is required", 401),
    BAD_CREDENTIALS("bad-credentials", "The user name or password is wrong", 401),
    BAD_SIGNATURE("bad-signature", "The signature does not verify", 401),
    FORBIDDEN("forbidden", "Your role does not allow this", 403),
    NOT_FOUND("not-found", "No such resource", 404),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed here", 405),
    CONFLICT("conflict", "The request conflicts with the current state", 409),
    ENROLLMENT_CODE_INVALID("enrollment-code-invalid", "The enrolment code is not valid", 400),
    ENROLLMENT_CODE_EXPIRED("enrollment-code-expired", "The enrolment code has expired", 410),
    ENROLLMENT_CODE_USED("enrollment-code-used", "The enrolment code has been used already", 409),
    REPLAYED("replayed", "The request was replayed or is out of order", 409),
    CLOCK_SKEW("clock-skew", "The request's timestamp is too far from the server's clock", 400),
    PAYLOAD_TOO_LARGE("payload-too-large", "The request body is too large", 413),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported content type", 415),
    RANGE_NOT_SATISFIABLE("range-not-satisfiable", "The requested byte range is not in the file", 416),
    LOCKED("account-locked", "The account is locked after too many failed attempts", 423),
    TOO_MANY_REQUESTS("too-many-requests", "Too many requests; slow down", 429),
    UNAVAILABLE("unavailable", "The service is unavailable", 503),
    INTERNAL("internal", "Internal error", 500);

    private final String code;
    private final String title;
    private final int status;

    ProblemKind(String code, String title, int status) {
        this.code = code;
        this.title = title;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }
}
