package org.workcell.server.internal.http;

import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.workcell.core.problem.ProblemException;
import org.workcell.core.problem.ProblemKind;
import org.workcell.server.internal.metrics.Metrics;

/** Health, metrics and the OpenAPI description of the API. */
public final class SystemRoutes implements Routes {
    private final Jdbi jdbi;
    private final Metrics metrics;
    private final byte[] openApi;

    public SystemRoutes(Jdbi jdbi, Metrics metrics) {
        this.jdbi = jdbi;
        this.metrics = metrics;
        try (InputStream in = SystemRoutes.class.getResourceAsStream("/openapi.json")) {
            this.openApi = in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("openapi.json is missing from the server's resources", e);
        }
    }

    @Override
    public void register(RoutesConfig routes) {
        // Health says only up or down, so it can be open to load balancers.
        routes.get("/healthz", ctx -> {
            try {
                jdbi.useHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
            } catch (RuntimeException e) {
                throw new ProblemException(ProblemKind.UNAVAILABLE, "the database does not answer");
            }
            ctx.json(Map.of("status", "ok"));
        }, Role.PUBLIC);
        routes.get("/api/v1/openapi.json", ctx -> ctx.contentType("application/json").result(openApi), Role.PUBLIC);
        routes.get("/metrics", ctx -> ctx.contentType(metrics.contentType()).result(metrics.scrape()), Role.AUDITOR);
    }
}
