package org.workcell.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.workcell.core.json.Json;
import org.workcell.core.problem.Problem;
import org.workcell.core.protocol.DeviceRequest;
import org.workcell.core.protocol.TokenTypes;
import org.workcell.server.internal.auth.AdminAccount;
import org.workcell.server.internal.auth.AdminService;
import org.workcell.server.internal.auth.PasswordHasher;
import org.workcell.server.internal.catalog.CatalogRoutes;
import org.workcell.server.internal.http.Actor;
import org.workcell.server.internal.http.ApiServer;
import org.workcell.server.internal.metrics.Metrics;

/** The catalog's HTTP endpoints, served by the real API server over a real database. */
abstract class CatalogRoutesContract extends CatalogFixture {
    private static final String PASSWORD = "correct horse battery staple";
    private static final String NOTES = "com.example.notes";

    private Javalin server;
    private final HttpClient http = HttpClient.newHttpClient();
    private String base;
    private String adminToken;
    private String auditorToken;

    @Override
    List<String> tablesToEmpty() {
        // The admin accounts and their sessions live for the whole class.
        return super.tablesToEmpty().stream().filter(t -> !t.startsWith("admin")).toList();
    }

    @BeforeAll
    void startServer() {
        AdminService admins = new AdminService(jdbi, clock, new PasswordHasher(1024, 1), audit, Duration.ofDays(1));
        admins.create("alice", PASSWORD, AdminAccount.ROLE_ADMIN, Actor.system());
        admins.create("audrey", PASSWORD, AdminAccount.ROLE_AUDITOR, Actor.system());
        adminToken = admins.login("alice", PASSWORD, "127.0.0.1").token();
        auditorToken = admins.login("audrey", PASSWORD, "127.0.0.1").token();
        server = ApiServer.create("127.0.0.1", 0, null, null, admins, token -> java.util.Optional.empty(), token -> java.util.Optional.empty(), new Metrics(Map::of, () -> 0),
                List.of(new CatalogRoutes(catalog, authenticator)));
        server.start();
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void adminsManageAppsVersionsAndAllowListsOverHttp() throws Exception {
        group("sales");
        HttpResponse<byte[]> created = admin("POST", "/api/v1/catalog/apps",
                json(Map.of("packageId", NOTES, "name", "Notes", "description", "Take notes")));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(body(created).get("packageId").asText()).isEqualTo(NOTES);

        HttpResponse<byte[]> uploaded = send("POST", "/api/v1/catalog/apps/" + NOTES + "/versions?version=1.0%2Bbuild.1", adminToken,
                "application/octet-stream", bytes("package"));
        assertThat(uploaded.statusCode()).isEqualTo(201);
        assertThat(body(uploaded)).isEqualTo(Json.MAPPER.valueToTree(Map.of("packageId", NOTES, "version", "1.0+build.1",
                "sha256", sha256(bytes("package")), "size", 7)));
        HttpResponse<byte[]> again = send("POST", "/api/v1/catalog/apps/" + NOTES + "/versions?version=1.0%2Bbuild.1", adminToken,
                "application/octet-stream", bytes("other"));
        assertProblem(again, 409, "conflict");

        HttpResponse<byte[]> allowed = admin("PUT", "/api/v1/groups/sales/apps/" + NOTES, json(Map.of("requiresApproval", true)));
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(body(allowed).get("requiresApproval").asBoolean()).isTrue();
        JsonNode groupApps = body(send("GET", "/api/v1/groups/sales/apps", auditorToken, null, null));
        assertThat(groupApps.get("items")).hasSize(1);

        JsonNode app = body(send("GET", "/api/v1/catalog/apps/" + NOTES, auditorToken, null, null));
        assertThat(app.get("versions").get(0).get("version").asText()).isEqualTo("1.0+build.1");
        assertThat(app.get("groups").get(0).get("group").asText()).isEqualTo("sales");
        assertThat(body(send("GET", "/api/v1/catalog/apps", auditorToken, null, null)).get("items")).hasSize(1);

        assertThat(admin("DELETE", "/api/v1/groups/sales/apps/" + NOTES, null).statusCode()).isEqualTo(204);
        assertProblem(admin("DELETE", "/api/v1/groups/sales/apps/" + NOTES, null), 404, "not-found");
        assertThat(admin("DELETE", "/api/v1/catalog/apps/" + NOTES, null).statusCode()).isEqualTo(204);
        assertProblem(send("GET", "/api/v1/catalog/apps/" + NOTES, auditorToken, null, null), 404, "not-found");
        assertThat(count("blobs")).isZero();
    }

    @Test
    void rolesAreEnforced() throws Exception {
        assertProblem(send("GET", "/api/v1/catalog/apps", null, null, null), 401, "unauthenticated");
        assertThat(send("GET", "/api/v1/catalog/apps", auditorToken, null, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/v1/app-requests", auditorToken, null, null).statusCode()).isEqualTo(200);
        assertProblem(send("POST", "/api/v1/catalog/apps", auditorToken, "application/json",
                json(Map.of("packageId", NOTES, "name", "Notes"))), 403, "forbidden");
        assertProblem(send("POST", "/api/v1/catalog/apps/" + NOTES + "/versions?version=1", auditorToken, "application/octet-stream",
                bytes("x")), 403, "forbidden");
        assertProblem(send("PUT", "/api/v1/groups/sales/apps/" + NOTES, auditorToken, "application/json",
                json(Map.of("requiresApproval", true))), 403, "forbidden");
        assertThat(count("catalog_apps")).isZero();
    }

    @Test
    void badInputIsAClearProblemAndChangesNothing() throws Exception {
        group("sales");
        HttpResponse<byte[]> badId = admin("POST", "/api/v1/catalog/apps", json(Map.of("packageId", "Notes", "name", "Notes")));
        assertProblem(badId, 400, "invalid-request");
        assertThat(body(badId).get("errors").get(0).get("field").asText()).isEqualTo("packageId");
        assertProblem(admin("POST", "/api/v1/catalog/apps", json(Map.of("packageId", NOTES, "name", "Notes", "icon", "x"))),
                400, "invalid-request");
        assertProblem(admin("POST", "/api/v1/catalog/apps", bytes("{\"packageId\": ")), 400, "malformed-json");
        assertProblem(send("POST", "/api/v1/catalog/apps", adminToken, "text/plain", json(Map.of("packageId", NOTES, "name", "N"))),
                415, "unsupported-media-type");
        assertThat(count("catalog_apps")).isZero();

        assertThat(admin("POST", "/api/v1/catalog/apps", json(Map.of("packageId", NOTES, "name", "Notes"))).statusCode()).isEqualTo(201);
        String versions = "/api/v1/catalog/apps/" + NOTES + "/versions";
        assertProblem(send("POST", versions, adminToken, "application/octet-stream", bytes("x")), 400, "invalid-request");
        assertProblem(send("POST", versions + "?version=-1", adminToken, "application/octet-stream", bytes("x")), 400, "invalid-request");
        assertProblem(send("POST", versions + "?version=1.0", adminToken, "application/json", bytes("{}")), 415, "unsupported-media-type");
        assertProblem(send("POST", versions + "?version=1.0", adminToken, "application/octet-stream", new byte[0]), 400, "invalid-request");
        assertProblem(send("POST", "/api/v1/catalog/apps/Com.Notes/versions?version=1.0", adminToken, "application/octet-stream",
                bytes("x")), 400, "invalid-request");
        assertProblem(send("POST", "/api/v1/catalog/apps/com.example.other/versions?version=1.0", adminToken,
                "application/octet-stream", bytes("x")), 404, "not-found");
        assertThat(count("blobs")).isZero();

        assertProblem(admin("PUT", "/api/v1/groups/sales/apps/" + NOTES, json(Map.of())), 400, "invalid-request");
        assertProblem(admin("PUT", "/api/v1/groups/sales/apps/" + NOTES, json(Map.of("requiresApproval", "yes"))), 400, "malformed-json");
        assertProblem(admin("PUT", "/api/v1/groups/Sales!/apps/" + NOTES, json(Map.of("requiresApproval", true))), 400, "invalid-request");
        assertProblem(admin("PUT", "/api/v1/groups/nobody/apps/" + NOTES, json(Map.of("requiresApproval", true))), 404, "not-found");
        assertThat(count("group_apps")).isZero();

        assertProblem(send("GET", "/api/v1/app-requests?status=accepted", auditorToken, null, null), 400, "invalid-request");
        assertProblem(admin("POST", "/api/v1/app-requests/not-a-uuid/approve", null), 400, "invalid-request");
        assertProblem(admin("POST", "/api/v1/app-requests/" + java.util.UUID.randomUUID() + "/deny", null), 404, "not-found");
    }

    @Test
    void devicesAskForListAndDownloadAppsOverHttp() throws Exception {
        group("sales");
        user("ann", "sales");
        TestDevice phone = device("ann");
        app(NOTES);
        app("com.example.chat");
        upload(NOTES, "1.1+build.2", "notes package");
        catalog.allow("sales", NOTES, true, ADMIN);

        HttpResponse<byte[]> asked = deviceAsk(sign(phone, DeviceRequest.Purpose.APP_REQUEST, Map.of("packageId", NOTES)));
        assertThat(asked.statusCode()).isEqualTo(201);
        String id = body(asked).get("id").asText();
        assertThat(body(asked).get("status").asText()).isEqualTo("pending");
        HttpResponse<byte[]> askedAgain = deviceAsk(sign(phone, DeviceRequest.Purpose.APP_REQUEST, Map.of("packageId", NOTES)));
        assertThat(askedAgain.statusCode()).isEqualTo(200);
        assertThat(body(askedAgain).get("id").asText()).isEqualTo(id);
        assertProblem(deviceAsk(sign(phone, DeviceRequest.Purpose.APP_REQUEST, Map.of("packageId", "com.example.chat"))), 403, "forbidden");
        assertProblem(send("POST", "/api/v1/device/app-requests", null, "application/json",
                json(Map.of("packageId", NOTES))), 415, "unsupported-media-type");
        assertProblem(deviceAsk("not.a.token"), 401, "bad-signature");

        JsonNode pending = body(send("GET", "/api/v1/app-requests?status=pending", auditorToken, null, null));
        assertThat(pending.get("items")).hasSize(1);
        HttpResponse<byte[]> approved = admin("POST", "/api/v1/app-requests/" + id + "/approve", null);
        assertThat(approved.statusCode()).isEqualTo(200);
        assertThat(body(approved).get("status").asText()).isEqualTo("approved");
        assertProblem(admin("POST", "/api/v1/app-requests/" + id + "/deny", null), 409, "conflict");

        String listing = sign(phone, DeviceRequest.Purpose.APP_DOWNLOAD, null);
        JsonNode apps = body(deviceGet("/api/v1/device/apps", listing));
        assertThat(apps.get("items")).hasSize(1);
        assertThat(apps.get("items").get(0).get("version").asText()).isEqualTo("1.1+build.2");
        assertProblem(deviceGet("/api/v1/device/apps", listing), 409, "replayed");

        String sha = sha256(bytes("notes package"));
        String fetch = sign(phone, DeviceRequest.Purpose.APP_DOWNLOAD, Map.of("packageId", NOTES, "version", "1.1+build.2"));
        HttpResponse<byte[]> download = deviceGet("/api/v1/device/apps/" + NOTES + "/1.1+build.2", fetch);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(bytes("notes package"));
        assertThat(download.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/octet-stream"));
        assertThat(download.headers().firstValue("ETag")).contains("\"" + sha + "\"");
        assertThat(download.headers().firstValue("X-Workcell-Sha256")).contains(sha);
        assertProblem(deviceGet("/api/v1/device/apps/" + NOTES + "/1.1+build.2", fetch), 409, "replayed");
        assertProblem(deviceGet("/api/v1/device/apps/" + NOTES + "/1.1+build.2", null), 401, "unauthenticated");
        String chat = sign(phone, DeviceRequest.Purpose.APP_DOWNLOAD, Map.of("packageId", "com.example.chat", "version", "1.0"));
        assertProblem(deviceGet("/api/v1/device/apps/com.example.chat/1.0", chat), 403, "forbidden");

        HttpResponse<byte[]> removed = admin("POST", "/api/v1/app-requests/" + id + "/remove", null);
        assertThat(body(removed).get("status").asText()).isEqualTo("removed");
        String after = sign(phone, DeviceRequest.Purpose.APP_DOWNLOAD, Map.of("packageId", NOTES, "version", "1.1+build.2"));
        assertProblem(deviceGet("/api/v1/device/apps/" + NOTES + "/1.1+build.2", after), 403, "forbidden");
    }

    // ---- HTTP plumbing ------------------------------------------------------------------------

    private HttpResponse<byte[]> admin(String method, String path, byte[] json) throws IOException, InterruptedException {
        return send(method, path, adminToken, json == null ? null : "application/json", json);
    }

    private HttpResponse<byte[]> deviceAsk(String token) throws IOException, InterruptedException {
        return send("POST", "/api/v1/device/app-requests", null, TokenTypes.MEDIA_TYPE, token.getBytes(StandardCharsets.US_ASCII));
    }

    private HttpResponse<byte[]> deviceGet(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (token != null) {
            request.header("Authorization", "Workcell-Device " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> send(String method, String path, String token, String contentType, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] json(Object value) {
        return Json.write(value);
    }

    private static JsonNode body(HttpResponse<byte[]> response) throws IOException {
        return Json.MAPPER.readTree(response.body());
    }

    private static void assertProblem(HttpResponse<byte[]> response, int status, String code) throws IOException {
        String text = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.statusCode()).as(text).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).as(text).hasValueSatisfying(t -> assertThat(t).startsWith(Problem.MEDIA_TYPE));
        assertThat(body(response).get("type").asText()).as(text).isEqualTo("urn:workcell:problem:" + code);
    }
}
