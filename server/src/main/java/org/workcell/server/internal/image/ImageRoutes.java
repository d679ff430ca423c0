package org.workcell.server.internal.image;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.workcell.core.problem.ProblemException;
import org.workcell.core.protocol.DeviceRequest;
import org.workcell.image.ChunkId;
import org.workcell.server.internal.device.DeviceAuthenticator;
import org.workcell.server.internal.http.Http;
import org.workcell.server.internal.http.Requests;
import org.workcell.server.internal.http.Role;
import org.workcell.server.internal.http.Routes;

/**
 * The image repository over HTTP. Admins upload an index, the chunks it lacks, then the build's
 * manifest, and the server publishes the version under its own signature. Devices ask for their
 * group's signed manifest and a download token, then read the index and chunks as immutable,
 * cacheable files (ETag, Range) — the same layout any static file server or object store serves.
 */
public final class ImageRoutes implements Routes {
    private static final int MAX_INDEX_BYTES = 64 << 20;
    private static final int MAX_COMPRESSED_CHUNK_BYTES = 1 << 20;
    private static final String IMMUTABLE = "private, max-age=31536000, immutable";

    record PublishRequest(String manifest) {}

    private final ImageRepository images;
    private final ImageDelivery delivery;
    private final DeviceAuthenticator authenticator;

    public ImageRoutes(ImageRepository images, ImageDelivery delivery, DeviceAuthenticator authenticator) {
        this.images = images;
        this.delivery = delivery;
        this.authenticator = authenticator;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/v1/images", ctx -> ctx.json(Map.of("items", images.list())), Role.AUDITOR);
        routes.get("/api/v1/images/{name}/{version}", ctx -> ctx.json(images.get(ctx.pathParam("name"), ctx.pathParam("version"))),
                Role.AUDITOR);
        routes.post("/api/v1/images/indexes", ctx -> ctx.status(201).json(
                images.uploadIndex(Requests.octets(ctx, MAX_INDEX_BYTES))), Role.ADMIN);
        routes.put("/api/v1/images/chunks/{id}", ctx -> {
            boolean stored = images.putChunk(chunkId(ctx.pathParam("id")), Requests.octets(ctx, MAX_COMPRESSED_CHUNK_BYTES));
            ctx.status(stored ? 201 : 200);
        }, Role.ADMIN);
        routes.post("/api/v1/images", ctx -> {
            PublishRequest body = Requests.json(ctx, PublishRequest.class);
            ctx.status(201).json(images.publish(Requests.text("manifest", body.manifest(), 8000, true), Http.actor(ctx)));
        }, Role.ADMIN);
        routes.delete("/api/v1/images/{name}/{version}", ctx -> {
            images.delete(ctx.pathParam("name"), ctx.pathParam("version"), Http.actor(ctx));
            ctx.status(204);
        }, Role.ADMIN);
        routes.post("/api/v1/images/gc", ctx -> ctx.json(images.collectGarbage(Http.actor(ctx))), Role.ADMIN);

        routes.get("/api/v1/device/image", ctx -> {
            DeviceRequest request = authenticator.verify(Requests.deviceHeaderToken(ctx), DeviceRequest.Purpose.IMAGE);
            ctx.json(delivery.offer(UUID.fromString(request.deviceId()), request.sequence()));
        }, Role.DEVICE);
        routes.get("/api/v1/images/{name}/{version}/index.caibx", ctx -> {
            ImageView image = images.get(ctx.pathParam("name"), ctx.pathParam("version"));
            serve(ctx, images.indexFile(image.name(), image.version()), image.indexDigest());
        }, Role.DOWNLOAD);
        routes.get("/api/v1/images/store/{prefix}/{file}", ctx -> {
            String file = ctx.pathParam("file");
            ChunkId id = chunkId(file.endsWith(".cacnk") ? file.substring(0, file.length() - 6) : file);
            if (!id.hex().startsWith(ctx.pathParam("prefix")) || ctx.pathParam("prefix").length() != 4) {
                throw ProblemException.notFound("chunk " + file + " under " + ctx.pathParam("prefix"));
            }
            serve(ctx, images.chunkFile(id), id.hex());
        }, Role.DOWNLOAD);
    }

    /** Serves an immutable file: a strong ETag, cacheable for a year, Range requests honoured. */
    private static void serve(Context ctx, Path file, String etag) throws IOException {
        String tag = "\"" + etag + "\"";
        if (tag.equals(ctx.header("If-None-Match"))) {
            ctx.status(304).header("ETag", tag);
            return;
        }
        InputStream in;
        long size;
        try {
            size = Files.size(file);
            in = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw ProblemException.notFound(file.getFileName().toString());
        }
        ctx.header("ETag", tag);
        ctx.header("Cache-Control", IMMUTABLE);
        ctx.writeSeekableStream(in, "application/octet-stream", size);
    }

    private static ChunkId chunkId(String hex) {
        try {
            return ChunkId.parse(hex);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("id", e.getMessage());
        }
    }
}
