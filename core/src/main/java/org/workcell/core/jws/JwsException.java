package org.workcell.core.jws;

/** A token that is malformed, of the wrong type, or whose signature does not check. */
public final class JwsException extends Exception {
    public JwsException(String message) {
        super(message);
    }

    public JwsException(String message, Throwable cause) {
        super(message, cause);
    }
}
