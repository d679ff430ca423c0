package org.workcell.bench.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import org.workcell.core.crypto.Ed25519;
import org.workcell.core.json.Json;
import org.workcell.core.jws.CompactJws;
import org.workcell.core.protocol.DeviceInfo;
import org.workcell.core.protocol.EnrollmentRequest;
import org.workcell.core.protocol.TokenTypes;

/** The few server calls a benchmark needs to set itself up: sign in, make a group, a user, codes, devices. */
public final class BenchServerApi {
    private final HttpClient http;
    private final String server;
    private String token;

    public BenchServerApi(HttpClient http, String server) {
        this.http = http;
        this.server = server;
    }

    public void login(String user, String password) throws IOException {
        token = json("POST", "/api/v1/auth/login", Json.MAPPER.createObjectNode().put("user", user).put("password", password))
                .get("token").asText();
    }

    public JsonNode json(String method, String path, Object body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(Json.write(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = send(request.build());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isEmpty() ? Json.MAPPER.nullNode() : Json.MAPPER.readTree(response.body());
    }

    /** Enrols one device with {@code code}; returns the server's enrolment answer. */
    public JsonNode enroll(String code, KeyPair key, int n) throws IOException {
        EnrollmentRequest request = new EnrollmentRequest(code, Ed25519.publicKeyToBase64(key.getPublic()),
                new DeviceInfo("bench-device", "bench", String.format("%064x", n + 1), "bench"), Clock.systemUTC().instant());
        String jws = CompactJws.signJson(TokenTypes.ENROLLMENT, Ed25519.keyId(key.getPublic()), request, key.getPrivate());
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(server + "/api/v1/enroll"))
                .header("Content-Type", TokenTypes.MEDIA_TYPE).POST(HttpRequest.BodyPublishers.ofString(jws, StandardCharsets.US_ASCII)).build());
        if (response.statusCode() != 200) {
            throw new IOException("enrolment answered " + response.statusCode() + ": " + response.body()
                    + (response.statusCode() == 429 ? " (raise the server's enrollment.rate for benchmarks)" : ""));
        }
        return Json.MAPPER.readTree(response.body());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
