package org.workcell.host;

/** A host could not do what was asked; the message says why and what to do. */
public class HostException extends RuntimeException {
    public HostException(String message) {
        super(message);
    }

    public HostException(String message, Throwable cause) {
        super(message, cause);
    }
}
