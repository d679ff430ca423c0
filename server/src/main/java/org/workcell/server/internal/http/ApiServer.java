package org.workcell.server.internal.http;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.security.RouteRole;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.workcell.core.json.Json;
import org.workcell.core.problem.Problem;
import org.workcell.core.problem.ProblemException;
import org.workcell.core.problem.ProblemKind;
import org.workcell.server.internal.auth.AdminAccount;
import org.workcell.server.internal.auth.AdminService;
import org.workcell.server.internal.metrics.Metrics;

/**
 * The HTTP server: Javalin on Jetty 12 with virtual threads. Every route declares a {@link Role};
 * access is checked before any handler runs, and every error leaves as RFC 9457 problem details.
 */
public final class ApiServer {
    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
    /** The largest request body any endpoint takes (app packages); JSON endpoints cap far lower. */
    public static final long MAX_REQUEST_BYTES = 64L << 20;

    private ApiServer() {}

    /** Checks a device's download token (see the image repository); empty when it is not a live one. */
    @FunctionalInterface
    public interface DownloadAuthenticator {
        Optional<java.util.UUID> deviceOf(String token);
    }

    /** Checks a cloud user's session cookie; empty when it is not a live one. */
    @FunctionalInterface
    public interface UserAuthenticator {
        Optional<org.workcell.server.internal.cloud.CloudUser> userOf(String sessionToken);
    }

    /**
     * The server on {@code host:port}: HTTPS with the certificate in {@code tlsKeystore} (PKCS#12)
     * when one is given, plain HTTP otherwise (behind a TLS-terminating proxy, or for trying it out).
     */
    public static Javalin create(String host, int port, java.nio.file.Path tlsKeystore, String tlsPassword, AdminService admins, DownloadAuthenticator downloads, UserAuthenticator users,
                                 Metrics metrics, List<Routes> routes) {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.concurrency.useVirtualThreads = true;
            config.jetty.host = host;
            config.jetty.port = port;
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            config.http.defaultContentType = "application/json";
            config.router.ignoreTrailingSlashes = true;
            config.jsonMapper(new io.javalin.json.JavalinJackson(Json.MAPPER, true));
            config.jetty.modifyHttpConfiguration(http -> {
                http.setSendServerVersion(false);
                http.setSendXPoweredBy(false);
            });
            config.jetty.modifyServer(server -> server.setErrorHandler(new JettyProblems()));
            // Javalin opens a servlet session on every WebSocket upgrade; nothing here uses one, so none
            // may reach a browser as a cookie or outlive the upgrade for long.
            config.jetty.modifyServletContextHandler(context -> {
                context.getSessionHandler().setUsingCookies(false);
                context.getSessionHandler().setMaxInactiveInterval(60);
            });
            if (tlsKeystore != null) {
                config.jetty.addConnector((server, http) -> tlsConnector(server, http, host, port, tlsKeystore, tlsPassword));
            }
            config.requestLogger.http((ctx, ms) -> {
                // The route template, not the path, so that ids do not make a label each.
                var matched = ctx.endpoints().matchedHttpEndpoint();
                String route = matched != null ? matched.path : "unmatched";
                metrics.request(ctx.method().name(), route, ctx.statusCode(), ms / 1000.0);
            });
            config.routes.beforeMatched(ctx -> authorize(ctx, admins, downloads, users));
            config.routes.after(ctx -> {
                ctx.header("X-Content-Type-Options", "nosniff");
                if (ctx.res().getHeader("Cache-Control") == null) {
                    ctx.header("Cache-Control", "no-store"); // API answers are not cached unless a route says so (image chunks)
                }
                ctx.header("Referrer-Policy", "no-referrer");
            });
            errors(config);
            routes.forEach(r -> r.register(config.routes));
        });
    }

    private static org.eclipse.jetty.server.Connector tlsConnector(org.eclipse.jetty.server.Server server,
                                                                   org.eclipse.jetty.server.HttpConfiguration http, String host, int port,
                                                                   java.nio.file.Path keystore, String password) {
        var ssl = new org.eclipse.jetty.util.ssl.SslContextFactory.Server();
        ssl.setKeyStorePath(keystore.toAbsolutePath().toString());
        ssl.setKeyStoreType("PKCS12");
        ssl.setKeyStorePassword(password);
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        var https = new org.eclipse.jetty.server.HttpConfiguration(http);
        https.addCustomizer(new org.eclipse.jetty.server.SecureRequestCustomizer());
        var connector = new org.eclipse.jetty.server.ServerConnector(server,
                new org.eclipse.jetty.server.SslConnectionFactory(ssl, "http/1.1"),
                new org.eclipse.jetty.server.HttpConnectionFactory(https));
        connector.setHost(host);
        connector.setPort(port);
        return connector;
    }

    private static void authorize(Context ctx, AdminService admins, DownloadAuthenticator downloads, UserAuthenticator users) {
        Set<RouteRole> roles = ctx.routeRoles();
        if (roles.contains(Role.USER)) {
            String token = ctx.cookie(Http.USER_COOKIE);
            var user = token != null ? users.userOf(token) : Optional.<org.workcell.server.internal.cloud.CloudUser>empty();
            if (user.isEmpty()) {
                throw new ProblemException(ProblemKind.UNAUTHENTICATED, "sign in first (your session may have ended)");
            }
            // Cookies ride along with requests other sites make; changes must come from this server's own pages.
            String origin = ctx.header("Origin");
            if (ctx.method() != io.javalin.http.HandlerType.GET && (origin == null || !Http.sameOrigin(ctx, origin))) {
                throw new ProblemException(ProblemKind.FORBIDDEN, "requests that change something must come from this server's own pages");
            }
            ctx.attribute(Http.USER_ATTRIBUTE, user.get());
            ctx.attribute(Http.USER_TOKEN_ATTRIBUTE, token);
            return;
        }
        if (roles.contains(Role.DOWNLOAD)) {
            String header = ctx.header("Authorization");
            String token = header != null && header.startsWith("Bearer ") ? header.substring(7).trim() : null;
            if (token != null && (token.startsWith("wcs_") ? admins.authenticate(token).isPresent() : downloads.deviceOf(token).isPresent())) {
                return;
            }
            ctx.header("WWW-Authenticate", "Bearer realm=\"workcell-images\"");
            throw new ProblemException(ProblemKind.UNAUTHENTICATED,
                    "send 'Authorization: Bearer <download token>' (from /api/v1/device/image) or an admin session");
        }
        if (roles.contains(Role.PUBLIC) || roles.contains(Role.DEVICE)) {
            return;
        }
        if (roles.isEmpty() && ctx.method() == io.javalin.http.HandlerType.HEAD) {
            throw new ProblemException(ProblemKind.METHOD_NOT_ALLOWED, "HEAD is not served; use GET");
        }
        if (roles.isEmpty()) {
            // A route that forgot to declare who may call it is closed, not open.
            throw new ProblemException(ProblemKind.FORBIDDEN, "this route is not open to anyone");
        }
        String header = ctx.header("Authorization");
        Optional<AdminAccount> account = header != null && header.startsWith("Bearer ")
                ? admins.authenticate(header.substring(7).trim())
                : Optional.empty();
        if (account.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"workcell\"");
            throw new ProblemException(ProblemKind.UNAUTHENTICATED, header == null
                    ? "sign in first: send 'Authorization: Bearer <token>' (workcell admin login)"
                    : "the session token is not valid or has expired; sign in again");
        }
        if (roles.contains(Role.ADMIN) && !account.get().isAdmin()) {
            throw new ProblemException(ProblemKind.FORBIDDEN, "role '" + account.get().role() + "' may read but not change anything");
        }
        ctx.attribute(Http.ADMIN_ATTRIBUTE, account.get());
    }

    private static void errors(JavalinConfig config) {
        config.routes.exception(ProblemException.class, (e, ctx) -> problem(ctx, e.problem()));
        config.routes.exception(HttpResponseException.class, (e, ctx) -> {
            ProblemKind kind = switch (e.getStatus()) {
                case 400 -> ProblemKind.INVALID_REQUEST;
                case 404 -> ProblemKind.NOT_FOUND;
                case 405 -> ProblemKind.METHOD_NOT_ALLOWED;
                case 413 -> ProblemKind.PAYLOAD_TOO_LARGE;
                default -> e.getStatus() >= 500 ? ProblemKind.INTERNAL : ProblemKind.INVALID_REQUEST;
            };
            problem(ctx, Problem.of(kind, e.getMessage()));
        });
        config.routes.exception(Exception.class, (e, ctx) -> {
            log.atError().setCause(e).addKeyValue("path", ctx.path()).log("request failed");
            problem(ctx, Problem.of(ProblemKind.INTERNAL, "the server failed to handle this request; the error is in its log"));
        });
        config.routes.error(404, ctx -> {
            if (!isProblem(ctx)) {
                problem(ctx, Problem.of(ProblemKind.NOT_FOUND, "no such endpoint: " + ctx.method() + " " + ctx.path()));
            }
        });
        config.routes.error(405, ctx -> {
            if (!isProblem(ctx)) {
                problem(ctx, Problem.of(ProblemKind.METHOD_NOT_ALLOWED, ctx.method() + " is not allowed on " + ctx.path()));
            }
        });
    }

    /** Errors Jetty answers itself before any route runs (a malformed path, say): problem details too, not an HTML page. */
    private static final class JettyProblems extends org.eclipse.jetty.server.handler.ErrorHandler {
        @Override
        protected void generateResponse(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response, int code,
                                        String message, Throwable cause, org.eclipse.jetty.util.Callback callback) {
            ProblemKind kind = code == 413 ? ProblemKind.PAYLOAD_TOO_LARGE : code >= 500 ? ProblemKind.INTERNAL : ProblemKind.INVALID_REQUEST;
            Problem problem = new Problem(Problem.of(kind, "").type(), kind.title(), code,
                    "the request is malformed" + (message == null || message.isBlank() ? "" : ": " + message), null, List.of());
            response.setStatus(code);
            response.getHeaders().put(org.eclipse.jetty.http.HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
            // Jetty drops the connection after a request it could not parse; say so, or clients reuse a dead one.
            response.getHeaders().put(org.eclipse.jetty.http.HttpHeader.CONNECTION, "close");
            response.write(true, java.nio.ByteBuffer.wrap(Json.write(problem)), callback);
        }
    }

    private static boolean isProblem(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && type.startsWith(Problem.MEDIA_TYPE);
    }

    public static void problem(Context ctx, Problem problem) {
        Requests.drainUnread(ctx);
        ctx.status(problem.status())
                .contentType(Problem.MEDIA_TYPE)
                .result(Json.write(problem.withInstance(ctx.path())));
    }
}
