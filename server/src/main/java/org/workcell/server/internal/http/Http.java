package org.workcell.server.internal.http;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.workcell.core.problem.ProblemException;
import org.workcell.core.problem.ProblemKind;
import org.workcell.server.internal.auth.AdminAccount;

/** What handlers need from a request beyond Javalin: the signed-in admin, the actor, typed query parameters. */
public final class Http {
    static final String ADMIN_ATTRIBUTE = "workcell.admin";

    private Http() {}

    public static AdminAccount admin(Context ctx) {
        AdminAccount account = ctx.attribute(ADMIN_ATTRIBUTE);
        if (account == null) {
            throw new ProblemException(ProblemKind.UNAUTHENTICATED, "sign in first");
        }
        return account;
    }

    public static Actor actor(Context ctx) {
        return new Actor(Actor.Type.ADMIN, admin(ctx).name(), ctx.ip());
    }

    public static Instant instantParam(Context ctx, String name) {
        String text = ctx.queryParam(name);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(name, "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
    }

    public static Long longParam(Context ctx, String name) {
        String text = ctx.queryParam(name);
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(name, "must be a whole number");
        }
    }

    /** A query parameter that must be a name, if present. */
    public static String nameParam(Context ctx, String name) {
        String text = ctx.queryParam(name);
        return text == null ? null : Requests.name(name, text);
    }
}
