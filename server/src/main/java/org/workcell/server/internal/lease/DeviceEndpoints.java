package org.workcell.server.internal.lease;

import io.javalin.config.RoutesConfig;
import java.util.Map;
import java.util.UUID;
import org.workcell.core.protocol.DeviceRequest;
import org.workcell.core.protocol.TokenTypes;
import org.workcell.server.internal.device.DeviceAuthenticator;
import org.workcell.server.internal.http.Requests;
import org.workcell.server.internal.http.Role;
import org.workcell.server.internal.http.Routes;
import org.workcell.server.internal.provisioning.ProvisioningService;
import org.workcell.server.internal.push.PushHub;

/**
 * What enrolled devices call, each request signed by the device key: check-in (answered with a
 * signed lease), provisioning (a signed bundle), activation, and the push stream.
 */
public final class DeviceEndpoints implements Routes {
    private static final int MAX_TOKEN_BYTES = 16 * 1024;
    private static final String EVENTS = "/api/v1/device/events";
    private static final String DEVICE_ATTRIBUTE = "workcell.device";

    private final LeaseService leases;
    private final ProvisioningService provisioning;
    private final DeviceAuthenticator authenticator;
    private final PushHub push;

    public DeviceEndpoints(LeaseService leases, ProvisioningService provisioning, DeviceAuthenticator authenticator, PushHub push) {
        this.leases = leases;
        this.provisioning = provisioning;
        this.authenticator = authenticator;
        this.push = push;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/api/v1/device/checkin", ctx -> ctx.contentType(TokenTypes.MEDIA_TYPE)
                .result(leases.checkin(Requests.token(ctx, MAX_TOKEN_BYTES), ctx.ip())), Role.DEVICE);
        routes.post("/api/v1/device/provision", ctx -> ctx.contentType(TokenTypes.MEDIA_TYPE)
                .result(provisioning.provision(Requests.token(ctx, MAX_TOKEN_BYTES), ctx.ip())), Role.DEVICE);
        routes.post("/api/v1/device/activate", ctx -> {
            var device = provisioning.activate(Requests.token(ctx, MAX_TOKEN_BYTES), ctx.ip());
            ctx.json(Map.of("deviceId", device.id(), "state", device.state()));
        }, Role.DEVICE);
        // The stream's signed request is checked before the stream opens, so a refusal is a plain 4xx.
        routes.before(EVENTS, ctx -> {
            DeviceRequest request = authenticator.verify(Requests.deviceHeaderToken(ctx), DeviceRequest.Purpose.EVENTS);
            UUID deviceId = UUID.fromString(request.deviceId());
            leases.consumeSequence(deviceId, request.sequence());
            ctx.attribute(DEVICE_ATTRIBUTE, deviceId);
        });
        routes.sse(EVENTS, client -> push.attach(client.ctx().attribute(DEVICE_ATTRIBUTE), client), Role.DEVICE);
    }
}
