package org.workcell.server.internal.image;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.UUID;
import org.workcell.core.problem.ProblemException;
import org.workcell.core.problem.ProblemKind;
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

    /** Serves an immutable file: a strong ETag, cacheable for a year, a single byte range honoured. */
    private static void serve(Context ctx, Path file, String etag) throws IOException {
        String tag = "\"" + etag + "\"";
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw ProblemException.notFound(file.getFileName().toString());
        }
        String ifRange = ctx.header("If-Range");
        long[] range = ifRange == null || ifRange.trim().equals(tag) ? range(ctx.header("Range"), size) : null;
        if (range == UNSATISFIABLE) {
            ctx.header("Content-Range", "bytes */" + size);
            throw new ProblemException(ProblemKind.RANGE_NOT_SATISFIABLE, "the file is " + size + " bytes; ask for a range within it");
        }
        // Only answers about the file itself are cacheable; a 304 carries the same headers as a 200.
        ctx.header("ETag", tag);
        ctx.header("Cache-Control", IMMUTABLE);
        ctx.header("Accept-Ranges", "bytes");
        if (matchesAny(ctx.header("If-None-Match"), tag)) {
            ctx.status(304);
            return;
        }
        long start = 0;
        long end = size; // exclusive
        if (range != null) {
            start = range[0];
            end = range[1];
            ctx.status(206);
            ctx.header("Content-Range", "bytes " + start + "-" + (end - 1) + "/" + size);
        }
        ctx.contentType("application/octet-stream");
        ctx.res().setContentLengthLong(end - start);
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ); OutputStream out = ctx.res().getOutputStream()) {
            in.transferTo(start, end - start, Channels.newChannel(out));
        }
    }

    private static final long[] UNSATISFIABLE = new long[0];

    /**
     * The one range {@code header} asks for in a file of {@code size} bytes, as [start, end), or
     * null to send the whole file: no header, a malformed one, or several ranges (which RFC 9110
     * lets a server answer in full; devices ask for one), or {@link #UNSATISFIABLE}.
     */
    static long[] range(String header, long size) {
        if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
            return null;
        }
        String spec = header.substring("bytes=".length()).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String first = spec.substring(0, dash).trim();
            String last = spec.substring(dash + 1).trim();
            if (first.isEmpty()) { // the last N bytes
                long n = Long.parseLong(last);
                if (n < 0) {
                    return null;
                }
                return n == 0 || size == 0 ? UNSATISFIABLE : new long[] {Math.max(0, size - n), size};
            }
            long start = Long.parseLong(first);
            long end = last.isEmpty() ? Long.MAX_VALUE : Long.parseLong(last);
            if (start < 0 || end < start) {
                return null;
            }
            return start >= size ? UNSATISFIABLE : new long[] {start, Math.min(end, size - 1) + 1};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Whether an If-None-Match list names {@code tag} (compared weakly, as RFC 9110 says) or is "*". */
    private static boolean matchesAny(String header, String tag) {
        if (header == null) {
            return false;
        }
        for (String part : header.split(",")) {
            String candidate = part.trim();
            if (candidate.equals("*") || (candidate.startsWith("W/") ? candidate.substring(2) : candidate).equals(tag)) {
                return true;
            }
        }
        return false;
    }

    private static ChunkId chunkId(String hex) {
        try {
            return ChunkId.parse(hex);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("id", e.getMessage());
        }
    }
}
