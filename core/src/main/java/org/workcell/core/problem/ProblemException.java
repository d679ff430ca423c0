package org.workcell.core.problem;

import java.util.List;

/** Carries a {@link Problem} up to the edge (HTTP handler or command line) that reports it. */
public final class ProblemException extends RuntimeException {
    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.toMessage(), null, false, false);
        this.problem = problem;
    }

    public ProblemException(ProblemKind kind, String detail) {
        this(Problem.of(kind, detail));
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(Problem.invalid(field + ": " + message, List.of(new Problem.FieldError(field, message))));
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(ProblemKind.NOT_FOUND, what + " does not exist");
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(ProblemKind.CONFLICT, detail);
    }

    public Problem problem() {
        return problem;
    }
}
