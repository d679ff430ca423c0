package org.workcell.server.internal.device;

import io.javalin.config.RoutesConfig;
import java.util.Map;
import org.workcell.core.problem.ProblemException;
import org.workcell.core.protocol.CommandType;
import org.workcell.server.internal.http.Http;
import org.workcell.server.internal.http.Requests;
import org.workcell.server.internal.http.Role;
import org.workcell.server.internal.http.Routes;

/** Devices as admins see and command them. */
public final class DeviceRoutes implements Routes {
    record CommandRequest(String type) {}

    private final DeviceService devices;

    public DeviceRoutes(DeviceService devices) {
        this.devices = devices;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/v1/devices", ctx -> {
            int limit = Requests.limit(ctx, 100, 1000);
            String stateText = ctx.queryParam("state");
            DeviceState state = null;
            if (stateText != null) {
                try {
                    state = DeviceState.parse(stateText);
                } catch (IllegalArgumentException e) {
                    throw ProblemException.invalid("state", "must be one of enrolled, provisioned, activated, disabled, wiped, retired");
                }
            }
            String before = ctx.queryParam("before");
            var items = devices.list(new DeviceService.Filter(state, Http.nameParam(ctx, "user"), Http.nameParam(ctx, "group"),
                    before == null ? null : Requests.uuid("before", before), limit));
            ctx.json(Map.of("items", items, "next", items.size() == limit ? items.getLast().id().toString() : ""));
        }, Role.AUDITOR);
        routes.get("/api/v1/devices/{id}", ctx -> ctx.json(devices.detail(Requests.uuid("id", ctx.pathParam("id")))), Role.AUDITOR);
        routes.post("/api/v1/devices/{id}/commands", ctx -> {
            CommandRequest body = Requests.json(ctx, CommandRequest.class);
            CommandType type;
            try {
                type = CommandType.parse(body.type());
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("type", e.getMessage());
            }
            var result = devices.command(Requests.uuid("id", ctx.pathParam("id")), type, Http.actor(ctx));
            ctx.status(202).json(result);
        }, Role.ADMIN);
    }
}
