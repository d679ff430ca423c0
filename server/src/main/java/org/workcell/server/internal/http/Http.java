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
    public static final String USER_ATTRIBUTE = "workcell.user";
    public static final String USER_TOKEN_ATTRIBUTE = "workcell.user-token";
    /** The cloud user's session cookie. */
    public static final String USER_COOKIE = "workcell_session";

    private Http() {}

    public static AdminAccount admin(Context ctx) {
        AdminAccount account = ctx.attribute(ADMIN_ATTRIBUTE);
        if (account == null) {
            throw new ProblemException(ProblemKind.UNAUTHENTICATED, "sign in first");
        }
        return account;
    }

    /** The signed-in cloud user of a {@link Role#USER} route. */
    public static org.workcell.server.internal.cloud.CloudUser user(Context ctx) {
        org.workcell.server.internal.cloud.CloudUser user = ctx.attribute(USER_ATTRIBUTE);
        if (user == null) {
            throw new ProblemException(ProblemKind.UNAUTHENTICATED, "sign in first");
        }
        return user;
    }

    public static String userToken(Context ctx) {
        return ctx.attribute(USER_TOKEN_ATTRIBUTE);
    }

    /** Whether an Origin header names the scheme, host and port the request itself was sent to. */
    public static boolean sameOrigin(Context ctx, String origin) {
        String host = ctx.header("Host");
        return host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
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
