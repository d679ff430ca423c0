package org.workcell.thinclient;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.workcell.display.DisplayProtocol;

/**
 * The thin client's files: the page, its script and style, the decoding worker, the display
 * protocol's script, the service worker, the web app manifest and its icons. Served under one
 * folder (the server's {@code /app/}); every answer carries a strict Content-Security-Policy:
 * scripts and connections to this server only, nothing inline, no framing.
 */
public final class ThinClientPage {
    /** One file of the page. */
    public record Asset(String name, byte[] body, String contentType, String etag) {}

    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; frame-ancestors 'none'; "
            + "base-uri 'none'; form-action 'none'";
    private static final String FOLDER = "/org/workcell/thinclient/web/";
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "app.css", "text/css; charset=utf-8",
            "display-worker.js", "text/javascript; charset=utf-8",
            "sw.js", "text/javascript; charset=utf-8",
            "manifest.webmanifest", "application/manifest+json",
            "icon.svg", "image/svg+xml");
    private static final Map<String, Asset> ASSETS = load();

    private ThinClientPage() {}

    /** The file named {@code name} ({@code ""} is the page itself), if the client has one. */
    public static Optional<Asset> asset(String name) {
        return Optional.ofNullable(ASSETS.get(name.isEmpty() ? "index.html" : name));
    }

    /**
     * Answers with the file named {@code name}: 304 when the browser holds it already, else the
     * file, revalidated on every use (a new server version must not be stuck behind a cache).
     *
     * @throws NotFoundResponse if there is no such file
     */
    public static void serve(Context ctx, String name) {
        Asset asset = asset(name).orElseThrow(() -> new NotFoundResponse("the thin client has no file '" + name + "'"));
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
        ctx.header("Permissions-Policy", "camera=(), microphone=(), geolocation=(), clipboard-write=(self)");
        ctx.header("Cache-Control", "no-cache");
        ctx.header("ETag", asset.etag());
        if (asset.name().equals("sw.js")) {
            ctx.header("Service-Worker-Allowed", "./");
        }
        String match = ctx.header("If-None-Match");
        if (asset.etag().equals(match)) {
            ctx.status(304);
            return;
        }
        ctx.contentType(asset.contentType()).result(asset.body());
    }

    private static Map<String, Asset> load() {
        Map<String, Asset> assets = new HashMap<>();
        FILES.forEach((name, type) -> assets.put(name, asset(name, type, resource(FOLDER + name))));
        assets.put("display-protocol.js", asset("display-protocol.js", "text/javascript; charset=utf-8",
                resource(DisplayProtocol.BROWSER_SCRIPT)));
        for (int size : new int[] {192, 512}) {
            assets.put("icon-" + size + ".png", asset("icon-" + size + ".png", "image/png", icon(size)));
        }
        return Map.copyOf(assets);
    }

    private static Asset asset(String name, String type, byte[] body) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(body);
            return new Asset(name, body, type, "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }

    private static byte[] resource(String path) {
        try (InputStream in = ThinClientPage.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("the thin client's file " + path + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The app icon (as icon.svg draws it) at {@code size} pixels: browsers want PNGs to install a web app. */
    private static byte[] icon(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        var g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            double u = size / 64.0;
            g.setColor(new Color(0x3d8bfd));
            g.fill(new RoundRectangle2D.Double(0, 0, size, size, 28 * u, 28 * u));
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke((float) (4 * u)));
            g.draw(new RoundRectangle2D.Double(20 * u, 10 * u, 24 * u, 44 * u, 10 * u, 10 * u));
            g.fill(new Ellipse2D.Double(29.5 * u, 44.5 * u, 5 * u, 5 * u));
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }
}
