package org.workcell.server.internal.auth;

import io.javalin.config.RoutesConfig;
import java.util.Map;
import org.workcell.server.internal.http.Http;
import org.workcell.server.internal.http.Requests;
import org.workcell.server.internal.http.Role;
import org.workcell.server.internal.http.Routes;

/** Admin sign-in, sign-out, who am I, and admin accounts. */
public final class AuthRoutes implements Routes {
    record LoginRequest(String user, String password) {}

    record CreateAdminRequest(String name, String password, String role) {}

    private final AdminService admins;

    public AuthRoutes(AdminService admins) {
        this.admins = admins;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/api/v1/auth/login", ctx -> {
            LoginRequest body = Requests.json(ctx, LoginRequest.class);
            Requests.name("user", body.user());
            Requests.text("password", body.password(), 256, true);
            AdminService.Session session = admins.login(body.user(), body.password(), ctx.ip());
            ctx.json(Map.of("token", session.token(), "expiresAt", session.expiresAt(), "user", session.account().name(),
                    "role", session.account().role()));
        }, Role.PUBLIC);
        routes.post("/api/v1/auth/logout", ctx -> {
            admins.logout(ctx.header("Authorization").substring(7).trim(), Http.actor(ctx));
            ctx.status(204);
        }, Role.AUDITOR);
        routes.get("/api/v1/auth/me", ctx -> ctx.json(Http.admin(ctx)), Role.AUDITOR);
        routes.get("/api/v1/admins", ctx -> ctx.json(Map.of("items", admins.list())), Role.AUDITOR);
        routes.post("/api/v1/admins", ctx -> {
            CreateAdminRequest body = Requests.json(ctx, CreateAdminRequest.class);
            Requests.name("name", body.name());
            ctx.status(201).json(admins.create(body.name(), body.password(), body.role() == null ? AdminAccount.ROLE_ADMIN : body.role(),
                    Http.actor(ctx)));
        }, Role.ADMIN);
    }
}
