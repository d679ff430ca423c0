package org.workcell.server.internal.audit;

import io.javalin.config.RoutesConfig;
import java.util.Map;
import org.workcell.server.internal.http.Http;
import org.workcell.server.internal.http.Requests;
import org.workcell.server.internal.http.Role;
import org.workcell.server.internal.http.Routes;

/** The audit log, newest first, filtered and paged. */
public final class AuditRoutes implements Routes {
    private final AuditLog audit;

    public AuditRoutes(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/v1/audit", ctx -> {
            int limit = Requests.limit(ctx, 100, 1000);
            var items = audit.query(new AuditLog.Query(
                    Requests.text("actor", ctx.queryParam("actor"), 64, false),
                    Requests.text("action", ctx.queryParam("action"), 64, false),
                    Requests.text("targetType", ctx.queryParam("targetType"), 32, false),
                    Requests.text("targetId", ctx.queryParam("targetId"), 128, false),
                    Http.instantParam(ctx, "since"), Http.instantParam(ctx, "until"),
                    Http.longParam(ctx, "before"), limit));
            ctx.json(Map.of("items", items, "next", items.size() == limit ? Long.toString(items.getLast().id()) : ""));
        }, Role.AUDITOR);
    }
}
