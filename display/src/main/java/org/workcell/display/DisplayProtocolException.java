package org.workcell.display;

/**
 * A display message broke the protocol: unknown type, too short or too long, a field out of range,
 * malformed UTF-8. It is an {@link IllegalArgumentException}, so callers that only know that
 * contract still catch it; the connection that sent it should be closed.
 */
public final class DisplayProtocolException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public DisplayProtocolException(String message) {
        super(message);
    }

    public DisplayProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
