package org.workcell.server.internal.http;

import io.javalin.config.RoutesConfig;

/** One concept's HTTP endpoints; each declares the {@link Role} its routes require. */
public interface Routes {
    void register(RoutesConfig routes);
}
