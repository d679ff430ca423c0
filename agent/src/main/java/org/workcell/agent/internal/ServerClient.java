package org.workcell.agent.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.workcell.agent.AgentException;
import org.workcell.core.problem.Problem;
import org.workcell.core.protocol.TokenTypes;

/** The agent's HTTP calls to its management server; refusals come back as the server's problem details. */
public final class ServerClient {
    private static final int MAX_RESPONSE_BYTES = 4 << 20;

    private final HttpClient http;
    private final String baseUrl;

    public ServerClient(HttpClient http, String baseUrl) {
        this.http = http;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** POSTs one signed token and returns the response body. */
    public byte[] postToken(String path, String token) throws AgentException {
        HttpRequest request = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", TokenTypes.MEDIA_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(token, StandardCharsets.US_ASCII))
                .build();
        return send(request);
    }

    private byte[] send(HttpRequest request) throws AgentException {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AgentException("cannot reach the server at " + baseUrl + ": " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgentException("interrupted while talking to " + baseUrl, e);
        }
        byte[] body = response.body();
        if (body.length > MAX_RESPONSE_BYTES) {
            throw new AgentException("the server's answer is larger than " + MAX_RESPONSE_BYTES + " bytes");
        }
        if (response.statusCode() / 100 != 2) {
            Problem problem = Problem.parse(body).orElse(null);
            String detail = problem != null && problem.detail() != null ? problem.detail() : "HTTP " + response.statusCode();
            throw new AgentException("the server refused: " + detail, problem, null);
        }
        return body;
    }

    /** GETs with a signed request in the Authorization header (for requests that carry no body). */
    public byte[] getSigned(String path, String token) throws AgentException {
        HttpRequest request = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Workcell-Device " + token)
                .GET()
                .build();
        return send(request);
    }

    private URI uri(String path) throws AgentException {
        try {
            URI uri = URI.create(baseUrl + path);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new IllegalArgumentException("scheme");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new AgentException("'" + baseUrl + "' is not an http(s) URL of a Workcell server");
        }
    }

    public String baseUrl() {
        return baseUrl;
    }
}
