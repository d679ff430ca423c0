package org.workcell.image;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A static file server for a test chunk store (the JDK's, on 127.0.0.1 and a free port) that
 * counts what it is asked for and can misbehave on request. Handlers that must be slow wait on
 * {@link #release}, which the test or {@link #close()} opens: slow without sleeping.
 */
final class TestHttpStore implements AutoCloseable {
    /** Handles one request instead of the plain file server, or returns false to let it serve. */
    @FunctionalInterface
    interface Behaviour {
        boolean handle(HttpExchange exchange, byte[] file, int nth) throws Exception;
    }

    final Path root;
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger chunkRequests = new AtomicInteger();
    final AtomicInteger chunksServed = new AtomicInteger();
    final Map<String, AtomicInteger> perPath = new ConcurrentHashMap<>();
    final CountDownLatch release = new CountDownLatch(1);
    volatile Behaviour behaviour;
    volatile String requiredToken;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    TestHttpStore(Path root) throws IOException {
        this(root, null);
    }

    /** Serves HTTPS with {@code tls} if it is not null. */
    TestHttpStore(Path root, SSLContext tls) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (tls == null) {
            server = HttpServer.create(address, 64);
        } else {
            HttpsServer https = HttpsServer.create(address, 64);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    URI base() {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort() + "/store/");
    }

    int requestsFor(String path) {
        AtomicInteger count = perPath.get(path);
        return count == null ? 0 : count.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            String path = exchange.getRequestURI().getPath();
            if (!path.startsWith("/store/")) {
                send(exchange, 404, new byte[0]);
                return;
            }
            String relative = path.substring("/store/".length());
            boolean chunk = relative.endsWith(".cacnk");
            if (chunk) {
                chunkRequests.incrementAndGet();
            }
            int nth = perPath.computeIfAbsent(relative, k -> new AtomicInteger()).incrementAndGet();
            String token = requiredToken;
            if (token != null && !("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, new byte[0]);
                return;
            }
            Path file = root.resolve(relative).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                send(exchange, 404, new byte[0]);
                return;
            }
            byte[] bytes = Files.readAllBytes(file);
            Behaviour current = behaviour;
            try {
                if (current != null && current.handle(exchange, bytes, nth)) {
                    return;
                }
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
            send(exchange, 200, bytes);
            if (chunk) {
                chunksServed.incrementAndGet();
            }
        }
    }

    static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Waits until the test lets slow handlers go (at most a minute, so a broken test cannot hang). */
    void awaitRelease() throws InterruptedException {
        release.await(1, TimeUnit.MINUTES);
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
