package org.workcell.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * A bare HTTP/1.1 file server on a socket of its own, for the one thing the JDK's server cannot
 * be made to do: promise a body with Content-Length and then close the connection half way. One
 * request per connection.
 */
final class TruncatingHttpStore implements AutoCloseable {
    final AtomicInteger chunkRequests = new AtomicInteger();
    private final Map<String, AtomicInteger> perPath = new ConcurrentHashMap<>();
    private final Path root;
    private final IntPredicate truncate;
    private final ServerSocket socket;
    private final Thread acceptor;

    /** {@code truncate} is asked, with how many times a chunk has been requested, whether to cut this answer short. */
    TruncatingHttpStore(Path root, IntPredicate truncate) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.truncate = truncate;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofVirtual().start(this::accept);
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/store/");
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                Thread.ofVirtual().start(() -> serve(connection));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket connection) {
        try (connection; InputStream in = connection.getInputStream(); OutputStream out = connection.getOutputStream()) {
            String head = readHead(in);
            String[] requestLine = head.substring(0, head.indexOf("\r\n")).split(" ");
            String path = URI.create(requestLine[1]).getPath();
            Path file = path.startsWith("/store/") ? root.resolve(path.substring("/store/".length())).normalize() : null;
            if (file == null || !file.startsWith(root) || !Files.isRegularFile(file)) {
                out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            byte[] body = Files.readAllBytes(file);
            int nth = 0;
            if (path.endsWith(".cacnk")) {
                chunkRequests.incrementAndGet();
                nth = perPath.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
            }
            out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            boolean cut = nth > 0 && truncate.test(nth);
            out.write(body, 0, cut ? body.length / 2 : body.length);
            out.flush();
            // Closing here, with the body short, is the truncation.
        } catch (IOException | RuntimeException e) {
            // the client went away; nothing to do
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                return head.toString();
            }
            if (head.length() > 16384) {
                break;
            }
        }
        throw new IOException("incomplete request head");
    }

    @Override
    public void close() throws IOException {
        socket.close();
        try {
            acceptor.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
