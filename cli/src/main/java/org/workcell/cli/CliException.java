package org.workcell.cli;

/** A failure reported to the user as one line on standard error, with an exit code. */
public final class CliException extends RuntimeException {
    public static final int FAILURE = 1;
    /** The server refused the request (a 4xx problem). */
    public static final int REFUSED = 3;
    /** The server could not be reached. */
    public static final int UNREACHABLE = 4;

    private final int exitCode;

    public CliException(String message) {
        this(message, FAILURE);
    }

    public CliException(String message, int exitCode) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
