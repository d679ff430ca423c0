package org.workcell.server.internal.user;

import io.javalin.config.RoutesConfig;
import java.util.Map;
import org.workcell.server.internal.http.Http;
import org.workcell.server.internal.http.Requests;
import org.workcell.server.internal.http.Role;
import org.workcell.server.internal.http.Routes;

/** Users. */
public final class UserRoutes implements Routes {
    record CreateUserRequest(String name, String group, String email, String displayName) {}

    private final UserService users;

    public UserRoutes(UserService users) {
        this.users = users;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/v1/users", ctx -> {
            int limit = Requests.limit(ctx, 100, 1000);
            var items = users.list(Http.nameParam(ctx, "group"), Http.nameParam(ctx, "after"), limit);
            ctx.json(Map.of("items", items, "next", items.size() == limit ? items.getLast().name() : ""));
        }, Role.AUDITOR);
        routes.post("/api/v1/users", ctx -> {
            CreateUserRequest body = Requests.json(ctx, CreateUserRequest.class);
            ctx.status(201).json(users.create(Requests.name("name", body.name()), Requests.name("group", body.group()),
                    Requests.text("email", body.email(), 254, false),
                    Requests.text("displayName", body.displayName(), 200, false), Http.actor(ctx)));
        }, Role.ADMIN);
        routes.get("/api/v1/users/{user}", ctx -> ctx.json(users.get(user(ctx))), Role.AUDITOR);
        routes.patch("/api/v1/users/{user}", ctx -> {
            UserService.Update body = Requests.json(ctx, UserService.Update.class);
            Requests.text("displayName", body.displayName(), 200, false);
            Requests.text("email", body.email(), 254, false);
            if (body.group() != null) {
                Requests.name("group", body.group());
            }
            ctx.json(users.update(user(ctx), body, Http.actor(ctx)));
        }, Role.ADMIN);
        routes.delete("/api/v1/users/{user}", ctx -> {
            users.delete(user(ctx), Http.actor(ctx));
            ctx.status(204);
        }, Role.ADMIN);
    }

    private static String user(io.javalin.http.Context ctx) {
        return Requests.name("user", ctx.pathParam("user"));
    }
}
