package org.workcell.agent;

import org.workcell.core.problem.Problem;

/** A failure the user can act on: the message says what went wrong and what to do. */
public final class AgentException extends Exception {
    private final transient Problem problem;

    public AgentException(String message) {
        this(message, null, null);
    }

    public AgentException(String message, Throwable cause) {
        this(message, null, cause);
    }

    public AgentException(String message, Problem problem, Throwable cause) {
        super(message, cause);
        this.problem = problem;
    }

    /** The server's problem details, when the server refused the request. */
    public Problem problem() {
        return problem;
    }
}
