package org.workcell.server.internal.catalog;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import org.workcell.core.problem.ProblemException;
import org.workcell.core.protocol.DeviceRequest;
import org.workcell.server.internal.device.DeviceAuthenticator;
import org.workcell.server.internal.http.Http;
import org.workcell.server.internal.http.Requests;
import org.workcell.server.internal.http.Role;
import org.workcell.server.internal.http.Routes;

/**
 * The app catalog: apps and versions, group allow-lists and app requests for admins; asking for,
 * listing and downloading apps for devices.
 */
public final class CatalogRoutes implements Routes {
    record CreateAppRequest(String packageId, String name, String description) {}

    record AllowRequest(Boolean requiresApproval) {}

    /** The media type of a package upload and download. */
    public static final String PACKAGE_MEDIA_TYPE = Requests.OCTET_STREAM;
    /** The response header that carries a downloaded package's SHA-256 (hex). */
    public static final String SHA256_HEADER = "X-Workcell-Sha256";
    private static final int MAX_TOKEN_BYTES = 16 * 1024;

    private final CatalogService catalog;
    private final DeviceAuthenticator authenticator;

    public CatalogRoutes(CatalogService catalog, DeviceAuthenticator authenticator) {
        this.catalog = catalog;
        this.authenticator = authenticator;
    }

    @Override
    public void register(RoutesConfig routes) {
        // Apps and their versions.
        routes.get("/api/v1/catalog/apps", ctx -> ctx.json(Map.of("items", catalog.listApps())), Role.AUDITOR);
        routes.post("/api/v1/catalog/apps", ctx -> {
            CreateAppRequest body = Requests.json(ctx, CreateAppRequest.class);
            ctx.status(201).json(catalog.createApp(body.packageId(), body.name(), body.description(), Http.actor(ctx)));
        }, Role.ADMIN);
        routes.get("/api/v1/catalog/apps/{packageId}", ctx -> ctx.json(catalog.getApp(packageId(ctx))), Role.AUDITOR);
        routes.delete("/api/v1/catalog/apps/{packageId}", ctx -> {
            catalog.deleteApp(packageId(ctx), Http.actor(ctx));
            ctx.status(204);
        }, Role.ADMIN);
        routes.post("/api/v1/catalog/apps/{packageId}/versions", ctx -> {
            String packageId = packageId(ctx);
            String version = CatalogService.checkVersion(ctx.queryParam("version"));
            byte[] data = Requests.octets(ctx, CatalogService.MAX_PACKAGE_BYTES);
            ctx.status(201).json(catalog.uploadVersion(packageId, version, data, Http.actor(ctx)));
        }, Role.ADMIN);

        // Group allow-lists.
        routes.get("/api/v1/groups/{group}/apps", ctx -> ctx.json(Map.of("items", catalog.groupApps(group(ctx)))), Role.AUDITOR);
        routes.put("/api/v1/groups/{group}/apps/{packageId}", ctx -> {
            String group = group(ctx);
            String packageId = packageId(ctx);
            AllowRequest body = Requests.json(ctx, AllowRequest.class);
            if (body.requiresApproval() == null) {
                throw ProblemException.invalid("requiresApproval", "is required: true or false");
            }
            ctx.json(catalog.allow(group, packageId, body.requiresApproval(), Http.actor(ctx)));
        }, Role.ADMIN);
        routes.delete("/api/v1/groups/{group}/apps/{packageId}", ctx -> {
            catalog.disallow(group(ctx), packageId(ctx), Http.actor(ctx));
            ctx.status(204);
        }, Role.ADMIN);

        // App requests as admins see and decide them.
        routes.get("/api/v1/app-requests", ctx -> {
            int limit = Requests.limit(ctx, 100, 1000);
            ctx.json(Map.of("items", catalog.listRequests(ctx.queryParam("status"), Http.nameParam(ctx, "user"), limit)));
        }, Role.AUDITOR);
        routes.get("/api/v1/app-requests/{id}", ctx -> ctx.json(catalog.getRequest(requestId(ctx))), Role.AUDITOR);
        routes.post("/api/v1/app-requests/{id}/approve", ctx -> ctx.json(catalog.approve(requestId(ctx), Http.actor(ctx))), Role.ADMIN);
        routes.post("/api/v1/app-requests/{id}/deny", ctx -> ctx.json(catalog.deny(requestId(ctx), Http.actor(ctx))), Role.ADMIN);
        routes.post("/api/v1/app-requests/{id}/remove", ctx -> ctx.json(catalog.remove(requestId(ctx), Http.actor(ctx))), Role.ADMIN);

        // Devices, each request signed by the device key.
        routes.post("/api/v1/device/app-requests", ctx -> {
            DeviceRequest request = authenticator.verify(Requests.token(ctx, MAX_TOKEN_BYTES), DeviceRequest.Purpose.APP_REQUEST);
            CatalogService.RequestResult result = catalog.deviceRequest(request, ctx.ip());
            ctx.status(result.created() ? 201 : 200).json(result.request());
        }, Role.DEVICE);
        routes.get("/api/v1/device/apps", ctx -> {
            DeviceRequest request = authenticator.verify(Requests.deviceHeaderToken(ctx), DeviceRequest.Purpose.APP_DOWNLOAD);
            ctx.json(Map.of("items", catalog.deviceApps(request)));
        }, Role.DEVICE);
        routes.get("/api/v1/device/apps/{packageId}/{version}", ctx -> {
            String packageId = packageId(ctx);
            String version = CatalogService.checkVersion(ctx.pathParam("version"));
            DeviceRequest request = authenticator.verify(Requests.deviceHeaderToken(ctx), DeviceRequest.Purpose.APP_DOWNLOAD);
            CatalogService.Download download = catalog.download(request, packageId, version);
            ctx.header("ETag", "\"" + download.sha256() + "\"");
            ctx.header(SHA256_HEADER, download.sha256());
            ctx.contentType(PACKAGE_MEDIA_TYPE).result(download.data());
        }, Role.DEVICE);
    }

    private static String packageId(Context ctx) {
        return CatalogService.checkPackageId(ctx.pathParam("packageId"));
    }

    private static String group(Context ctx) {
        return Requests.name("group", ctx.pathParam("group"));
    }

    private static java.util.UUID requestId(Context ctx) {
        return Requests.uuid("id", ctx.pathParam("id"));
    }
}
