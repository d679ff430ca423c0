package org.workcell.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.workcell.cli.CliException;
import org.workcell.core.json.Json;
import org.workcell.core.problem.Problem;

/** The admin API over HTTP: JSON in and out, refusals turned into one clear line. */
public final class AdminClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String server;
    private final String token;

    public AdminClient(String server, String token) {
        this.server = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
        this.token = token;
    }

    public String server() {
        return server;
    }

    public JsonNode get(String path) {
        return send("GET", path, null, null);
    }

    public JsonNode get(String path, Map<String, String> query) {
        String q = query.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return get(q.isEmpty() ? path : path + "?" + q);
    }

    public JsonNode post(String path, Object body) {
        return send("POST", path, body, "application/json");
    }

    /** Sends raw bytes (an image index, a chunk as stored) rather than JSON. */
    public JsonNode sendBytes(String method, String path, byte[] body) {
        return exchange(method, path, HttpRequest.BodyPublishers.ofByteArray(body), "application/octet-stream");
    }

    public JsonNode patch(String path, Object body) {
        return send("PATCH", path, body, "application/json");
    }

    public JsonNode delete(String path) {
        return send("DELETE", path, null, null);
    }

    public static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode send(String method, String path, Object body, String contentType) {
        return exchange(method, path, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(Json.write(body)),
                contentType);
    }

    private JsonNode exchange(String method, String path, HttpRequest.BodyPublisher body, String contentType) {
        URI uri;
        try {
            uri = URI.create(server + path);
        } catch (IllegalArgumentException e) {
            throw new CliException("'" + server + "' is not a server URL; pass e.g. --server http://localhost:8443");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        request.method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new CliException("cannot reach " + server + " (" + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName())
                    + "); is the server running?", CliException.UNREACHABLE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            String detail = Problem.parse(response.body()).map(Problem::toMessage).orElse("HTTP " + status);
            if (status == 401) {
                detail += "\n  sign in with: workcell admin --server " + server + " login --user NAME --password-stdin";
            }
            throw new CliException(detail, CliException.REFUSED);
        }
        if (response.body().length == 0) {
            return Json.MAPPER.nullNode();
        }
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new CliException("the server's answer is not JSON: " + e.getMessage());
        }
    }
}
