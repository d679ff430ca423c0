package org.workcell.image.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.security.cert.CertificateException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.workcell.image.ChunkId;
import org.workcell.image.FetchSource;
import org.workcell.image.SourceException;

/**
 * A chunk store over HTTP(S) with the JDK's client. Only plain GETs of whole files, so that the
 * Workcell server, any static file server and any object store can serve an image.
 */
public final class HttpFetchSource implements FetchSource {
    private static final int MAX_REDIRECTS = 5;

    private final URI base;
    private final FetchSource.HttpOptions options;
    private final HttpClient client;

    public HttpFetchSource(URI base, FetchSource.HttpOptions options) {
        Objects.requireNonNull(base, "base");
        this.options = Objects.requireNonNull(options, "options");
        String scheme = base.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || base.getHost() == null) {
            throw new IllegalArgumentException("a chunk store URL is http(s)://host/...: " + base);
        }
        if (base.getRawQuery() != null || base.getRawFragment() != null) {
            throw new IllegalArgumentException("a chunk store URL has no query or fragment: " + base);
        }
        // Without the trailing slash, resolving "0a1b/..." would replace the last path segment.
        String path = base.getRawPath() == null || base.getRawPath().isEmpty() ? "/" : base.getRawPath();
        this.base = path.endsWith("/") ? base : URI.create(base.toString() + "/");
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(options.connectTimeout())
                // Redirects are followed by hand, so that the token never follows one to another host.
                .followRedirects(HttpClient.Redirect.NEVER)
                // The client's own tasks run inline on its selector thread rather than being handed to a
                // pool: they never block (our body subscriber only copies), and each hand-off was a
                // thread wake-up per chunk (measured: about a fifth of the fetch's CPU).
                .executor(Runnable::run);
        if (options.sslContext() != null) {
            builder.sslContext(options.sslContext());
        }
        this.client = builder.build();
    }

    @Override
    public String describe() {
        return base.toString();
    }

    @Override
    public byte[] chunk(ChunkId id, int maxBytes) throws IOException {
        return get(base.resolve(id.storePath()), maxBytes);
    }

    @Override
    public byte[] read(String location, int maxBytes) throws IOException {
        URI uri;
        try {
            uri = base.resolve(location);
        } catch (IllegalArgumentException e) {
            throw new SourceException(SourceException.Kind.REFUSED, "not a URL or path: " + location);
        }
        if (!isHttp(uri)) {
            throw new SourceException(SourceException.Kind.REFUSED, "only http(s)://host/... locations can be read: " + location);
        }
        return get(uri, maxBytes);
    }

    @Override
    public void close() {
        client.shutdownNow();
    }

    private byte[] get(URI uri, int maxBytes) throws IOException {
        URI current = uri;
        for (int redirects = 0; ; redirects++) {
            HttpResponse<byte[]> response = send(current, maxBytes);
            int status = response.statusCode();
            if (status == 200) {
                return response.body();
            }
            if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                Optional<String> location = response.headers().firstValue("Location");
                if (location.isEmpty() || redirects >= MAX_REDIRECTS) {
                    throw new SourceException(SourceException.Kind.REFUSED, current + " redirects "
                            + (location.isEmpty() ? "without a Location" : "more than " + MAX_REDIRECTS + " times"));
                }
                URI next;
                try {
                    next = current.resolve(location.get());
                } catch (IllegalArgumentException e) {
                    throw new SourceException(SourceException.Kind.REFUSED, current + " redirects to a malformed URL");
                }
                // https to http would show what the device fetches to anyone on the path.
                if (!isHttp(next) || "https".equalsIgnoreCase(current.getScheme()) && !"https".equalsIgnoreCase(next.getScheme())) {
                    throw new SourceException(SourceException.Kind.REFUSED, current + " redirects to " + next + ": refused");
                }
                current = next;
                continue;
            }
            throw failure(current, status);
        }
    }

    private static SourceException failure(URI uri, int status) {
        String what = uri + " answered HTTP " + status;
        return switch (status) {
            case 404, 410 -> new SourceException(SourceException.Kind.NOT_FOUND, what + ": not in the store");
            case 401, 403 -> new SourceException(SourceException.Kind.REFUSED, what + ": check the access token");
            case 408, 425, 429 -> new SourceException(SourceException.Kind.TRANSIENT, what);
            default -> new SourceException(status >= 500 ? SourceException.Kind.TRANSIENT : SourceException.Kind.REFUSED, what);
        };
    }

    private HttpResponse<byte[]> send(URI uri, int maxBytes) throws IOException {
        HttpRequest request;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                    .GET()
                    .timeout(options.requestTimeout())
                    // h2c upgrade headers on plain http confuse some static servers; TLS negotiates by ALPN.
                    .version("https".equalsIgnoreCase(uri.getScheme()) ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1);
            if (options.bearerToken() != null && sameOrigin(uri, base)) {
                builder.header("Authorization", "Bearer " + options.bearerToken());
            }
            request = builder.build();
        } catch (IllegalArgumentException e) {
            throw new SourceException(SourceException.Kind.REFUSED, "cannot request " + uri + ": " + e.getMessage());
        }
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request, info -> info.statusCode() == 200
                ? new BoundedBody(uri, maxBytes, info.headers().firstValueAsLong("Content-Length").orElse(-1))
                : HttpResponse.BodySubscribers.replacing(null));
        // The request timeout covers only the wait for the response headers; a server that sends
        // headers and then stalls mid-body would hold us forever, so the whole exchange is bounded.
        try {
            return future.get(options.requestTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new HttpTimeoutException(uri + ": no complete answer within " + options.requestTimeout().toMillis() + " ms");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("cancelled while fetching " + uri);
        } catch (ExecutionException e) {
            throw unwrap(uri, e.getCause());
        }
    }

    private IOException unwrap(URI uri, Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SourceException source) {
                return source;
            }
            // An untrusted certificate stays untrusted: asking again only delays the message.
            if (t instanceof CertificateException) {
                return new SourceException(SourceException.Kind.REFUSED, uri + ": the server's TLS certificate is not trusted: " + t.getMessage(), cause);
            }
        }
        if (cause instanceof HttpTimeoutException) {
            return new HttpTimeoutException(uri + ": no complete answer within " + options.requestTimeout().toMillis() + " ms");
        }
        String message = cause == null ? "failed" : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new IOException(uri + ": " + message, cause);
    }

    private static boolean isHttp(URI uri) {
        return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /**
     * Collects a body of at most {@code maxBytes}, refusing a longer one as soon as it shows. With a
     * Content-Length the body goes straight into one array of that size (the usual case: chunk
     * files are served whole), so each byte is copied once.
     */
    private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final URI uri;
        private final int maxBytes;
        private final long declaredLength;
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private byte[] bytes;
        private int size;
        private Flow.Subscription subscription;

        BoundedBody(URI uri, int maxBytes, long declaredLength) {
            this.uri = uri;
            this.maxBytes = maxBytes;
            this.declaredLength = declaredLength;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (declaredLength > maxBytes) {
                subscription.cancel();
                body.completeExceptionally(oversized());
                return;
            }
            bytes = new byte[declaredLength >= 0 ? (int) declaredLength : Math.min(maxBytes, 8 * 1024)];
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                int n = item.remaining();
                if ((long) size + n > maxBytes) {
                    subscription.cancel();
                    body.completeExceptionally(oversized());
                    return;
                }
                if (size + n > bytes.length) {
                    // Only without a Content-Length (the client enforces a declared one).
                    bytes = Arrays.copyOf(bytes, (int) Math.min(maxBytes, Math.max((long) size + n, 2L * bytes.length)));
                }
                item.get(bytes, size, n);
                size += n;
            }
        }

        @Override
        public void onError(Throwable throwable) {
            body.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            if (!body.isDone()) {
                body.complete(size == bytes.length ? bytes : Arrays.copyOf(bytes, size));
            }
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        private SourceException oversized() {
            return new SourceException(SourceException.Kind.OVERSIZED, uri + " is more than the " + maxBytes + " bytes it can be");
        }
    }
}
