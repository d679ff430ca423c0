package org.workcell.server.internal.cloud;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.workcell.core.problem.ProblemException;
import org.workcell.core.problem.ProblemKind;
import org.workcell.thinclient.DisplaySocket;
import org.workcell.thinclient.ThinClientPage;
import org.workcell.server.internal.http.Http;
import org.workcell.server.internal.http.Requests;
import org.workcell.server.internal.http.Role;
import org.workcell.server.internal.http.Routes;

/**
 * Cloud mode from the browser: the thin client's page ({@code /app/}), sign-in, and the display
 * WebSocket that connects the signed-in user to their own phone; and the admin's side of it
 * (passwords, PIN resets, live sessions, forced disconnects).
 */
public final class CloudRoutes implements Routes {
    public static final String DISPLAY_PATH = "/api/v1/cloud/display";
    private static final String ADDRESS_ATTRIBUTE = "workcell.address";

    record LoginRequest(String user, String password, String pin, String newPin) {}

    record PasswordRequest(String password) {}

    record DisconnectRequest(Boolean stopPhone) {}

    private final CloudAccounts accounts;
    private final CloudPhones phones;

    public CloudRoutes(CloudAccounts accounts, CloudPhones phones) {
        this.accounts = accounts;
        this.phones = phones;
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
            phones.signedOut(Http.userToken(ctx), "You signed out.");
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
        routes.get("/api/v1/cloud-phones", ctx -> ctx.json(Map.of("sessions", phones.sessions())), Role.AUDITOR);
        routes.post("/api/v1/cloud-phones/{user}/disconnect", ctx -> {
            String user = Requests.name("user", ctx.pathParam("user"));
            DisconnectRequest body = ctx.contentLength() <= 0 ? new DisconnectRequest(false) : Requests.json(ctx, DisconnectRequest.class);
            if (!phones.disconnect(user, Boolean.TRUE.equals(body.stopPhone()), Http.actor(ctx))) {
                throw new ProblemException(ProblemKind.NOT_FOUND, "user '" + user + "' has no cloud phone on this server");
            }
            ctx.status(204);
        }, Role.ADMIN);

        // The page: relative links need the trailing slash.
        routes.get("/app", ctx -> {
            if (!ctx.path().endsWith("/")) {
                ctx.redirect("/app/");
                return;
            }
            ThinClientPage.serve(ctx, "");
        }, Role.PUBLIC);
        routes.get("/app/{file}", ctx -> ThinClientPage.serve(ctx, ctx.pathParam("file")), Role.PUBLIC);

        // The display socket: only the signed-in user, only from this server's own page (cookies ride along with other sites' requests).
        routes.wsBeforeUpgrade(DISPLAY_PATH, ctx -> {
            String token = ctx.cookie(Http.USER_COOKIE);
            Optional<CloudUser> user = token == null ? Optional.empty() : accounts.authenticate(token);
            if (user.isEmpty()) {
                throw new ProblemException(ProblemKind.UNAUTHENTICATED, "sign in first (your session may have ended)");
            }
            String origin = ctx.header("Origin");
            if (origin == null || !Http.sameOrigin(ctx, origin)) {
                throw new ProblemException(ProblemKind.FORBIDDEN, "the display connects only from this server's own page");
            }
            ctx.attribute(Http.USER_ATTRIBUTE, user.get());
            ctx.attribute(Http.USER_TOKEN_ATTRIBUTE, token);
            ctx.attribute(ADDRESS_ATTRIBUTE, ctx.ip());
        });
        routes.ws(DISPLAY_PATH, DisplaySocket.handler((ws, out) -> phones.connect(ws.attribute(Http.USER_ATTRIBUTE),
                ws.attribute(Http.USER_TOKEN_ATTRIBUTE), out, ws.attribute(ADDRESS_ATTRIBUTE), userAgent(ws.header("User-Agent")))),
                Role.USER);
    }

    private static String userAgent(String header) {
        return header == null ? null : header.length() > 200 ? header.substring(0, 200) : header;
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
