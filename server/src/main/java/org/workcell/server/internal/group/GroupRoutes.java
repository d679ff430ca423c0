package org.workcell.server.internal.group;

import io.javalin.config.RoutesConfig;
import java.util.Map;
import org.workcell.server.internal.http.Http;
import org.workcell.server.internal.http.Requests;
import org.workcell.server.internal.http.Role;
import org.workcell.server.internal.http.Routes;

/** Business groups and their policies. */
public final class GroupRoutes implements Routes {
    record CreateGroupRequest(String name, String description, String imageName, String imageVersion) {}

    private final GroupService groups;

    public GroupRoutes(GroupService groups) {
        this.groups = groups;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/v1/groups", ctx -> ctx.json(Map.of("items", groups.list())), Role.AUDITOR);
        routes.post("/api/v1/groups", ctx -> {
            CreateGroupRequest body = Requests.json(ctx, CreateGroupRequest.class);
            ctx.status(201).json(groups.create(Requests.name("name", body.name()),
                    Requests.text("description", body.description(), 500, false), body.imageName(), body.imageVersion(), Http.actor(ctx)));
        }, Role.ADMIN);
        routes.get("/api/v1/groups/{group}", ctx -> ctx.json(groups.get(group(ctx))), Role.AUDITOR);
        routes.patch("/api/v1/groups/{group}", ctx -> {
            GroupService.Update body = Requests.json(ctx, GroupService.Update.class);
            Requests.text("description", body.description(), 500, false);
            ctx.json(groups.update(group(ctx), body, Http.actor(ctx)));
        }, Role.ADMIN);
        routes.delete("/api/v1/groups/{group}", ctx -> {
            groups.delete(group(ctx), Http.actor(ctx));
            ctx.status(204);
        }, Role.ADMIN);
        routes.get("/api/v1/groups/{group}/policy", ctx -> ctx.json(groups.policy(group(ctx))), Role.AUDITOR);
        routes.patch("/api/v1/groups/{group}/policy", ctx ->
                ctx.json(groups.setPolicy(group(ctx), Requests.json(ctx, PolicyPatch.class), Http.actor(ctx))), Role.ADMIN);
        routes.get("/api/v1/groups/{group}/policy/history", ctx ->
                ctx.json(Map.of("items", groups.policyHistory(group(ctx), Requests.limit(ctx, 50, 500)))), Role.AUDITOR);
    }

    private static String group(io.javalin.http.Context ctx) {
        return Requests.name("group", ctx.pathParam("group"));
    }
}
