package org.workcell.server.internal.cloud;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.workcell.server.internal.http.Http;
import org.workcell.server.internal.http.Requests;
import org.workcell.server.internal.http.Role;
import org.workcell.server.internal.http.Routes;

/** Cloud users' sign-in from the browser, and the admin's side of it (passwords, PIN resets). */
public final class CloudRoutes implements Routes {
    record LoginRequest(String user, String password, String pin, String newPin) {}

    record PasswordRequest(String password) {}

    private final CloudAccounts accounts;

    public CloudRoutes(CloudAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/api/v1/cloud/login", ctx -> {
            LoginRequest body = Requests.json(ctx, LoginRequest.class);
            Requests.name("user", body.user());
            Requests.text("password", body.password(), 256, true);
            Requests.text("pin", body.pin(), 64, false);
            Requests.text("newPin", body.newPin(), 64, false);
            CloudAccounts.Session session = accounts.login(body.user(), body.password(), body.pin(), body.newPin(), ctx.ip());
            ctx.cookie(cookie(ctx, session.token(), CloudAccounts.SESSION_TTL));
            Map<String, Object> answer = me(session.user());
            answer.put("expiresAt", session.expiresAt());
            ctx.json(answer);
        }, Role.PUBLIC);
        routes.post("/api/v1/cloud/logout", ctx -> {
            accounts.logout(Http.userToken(ctx), Http.user(ctx), ctx.ip());
            ctx.cookie(cookie(ctx, "", Duration.ZERO));
            ctx.status(204);
        }, Role.USER);
        routes.get("/api/v1/cloud/me", ctx -> ctx.json(me(Http.user(ctx))), Role.USER);
        routes.put("/api/v1/users/{user}/password", ctx -> {
            PasswordRequest body = Requests.json(ctx, PasswordRequest.class);
            accounts.setPassword(Requests.name("user", ctx.pathParam("user")), body.password(), Http.actor(ctx));
            ctx.status(204);
        }, Role.ADMIN);
        routes.post("/api/v1/users/{user}/pin-reset", ctx -> {
            accounts.resetPin(Requests.name("user", ctx.pathParam("user")), Http.actor(ctx));
            ctx.status(204);
        }, Role.ADMIN);
    }

    /** What the page may know of its user: who, and the policy settings it enforces on its side. */
    private static Map<String, Object> me(CloudUser user) {
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("user", user.name());
        me.put("displayName", user.displayName());
        me.put("group", user.group());
        me.put("clipboardOut", user.policy().clipboardOut());
        me.put("watermark", user.policy().watermark());
        me.put("lockAfterIdle", user.policy().lockAfterIdle());
        return me;
    }

    /** HttpOnly (no script reads it), SameSite=Strict (no other site sends it), Secure over HTTPS. */
    private static Cookie cookie(Context ctx, String value, Duration maxAge) {
        Cookie cookie = new Cookie(Http.USER_COOKIE, value, "/", (int) maxAge.toSeconds(), "https".equals(ctx.scheme()));
        cookie.setHttpOnly(true);
        cookie.setSameSite(SameSite.STRICT);
        return cookie;
    }
}
