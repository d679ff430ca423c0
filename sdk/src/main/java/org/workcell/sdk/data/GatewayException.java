package org.workcell.sdk.data;

/** A request the gateway refused or could not carry out; the message says why, for the user. */
public class GatewayException extends RuntimeException {
    public enum Kind { DENIED, NOT_FOUND, INVALID, CONFLICT, RATE_LIMITED, UNAVAILABLE }

    private final Kind kind;

    public GatewayException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public GatewayException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
