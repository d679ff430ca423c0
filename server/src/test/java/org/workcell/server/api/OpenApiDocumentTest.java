package org.workcell.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.workcell.core.json.Json;
import org.workcell.server.WorkcellServer;
import org.workcell.server.testing.MutableClock;
import org.workcell.server.testing.TestDatabase;
import org.workcell.server.testing.TestServer;

/**
 * The OpenAPI document the server serves describes exactly the routes it registers, every
 * reference in it resolves, every operation says who may call it and how it fails, and the
 * security it declares is what the server enforces. A route added without documenting it, or
 * documented without existing, fails here.
 */
class OpenApiDocumentTest {
    private static final String PROBLEM = "#/components/schemas/Problem";
    private static final String PROBLEM_TYPE = "application/problem+json";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final Set<String> ROLES = Set.of("public", "device", "auditor", "admin", "download", "user");
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}/]+)}");

    /** One operation of the document. */
    private record Operation(String method, String path, JsonNode node) {
        String key() {
            return method.toUpperCase(java.util.Locale.ROOT) + " " + path;
        }

        String role() {
            return node.path("x-workcell-role").asText("");
        }

        List<String> securitySchemes() {
            List<String> names = new ArrayList<>();
            node.path("security").forEach(requirement -> requirement.fieldNames().forEachRemaining(names::add));
            return names;
        }
    }

    @TempDir
    static Path tempDir;

    private static TestServer server;
    private static JsonNode document;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startServerAndFetchDocument() throws Exception {
        server = TestServer.start(TestDatabase.Kind.H2, tempDir, MutableClock.startingNow());
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/openapi.json")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET /api/v1/openapi.json without credentials").isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        document = Json.MAPPER.readTree(response.body());
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void isAnOpenApi31DocumentWithPaths() {
        assertThat(document.path("openapi").asText()).startsWith("3.1.");
        assertThat(document.path("info").path("title").asText()).isEqualTo("Workcell management API");
        assertThat(document.path("info").path("version").asText()).isEqualTo("1");
        assertThat(document.path("servers").path(0).path("url").asText()).isEqualTo("/");
        assertThat(document.path("paths").isObject()).isTrue();
        assertThat(operations()).isNotEmpty();

        JsonNode schemes = document.path("components").path("securitySchemes");
        assertThat(schemes.path("bearerAuth").path("type").asText()).isEqualTo("http");
        assertThat(schemes.path("bearerAuth").path("scheme").asText()).isEqualTo("bearer");
        assertThat(schemes.path("deviceSignature").path("type").asText()).isEqualTo("apiKey");
        assertThat(schemes.path("deviceSignature").path("in").asText()).isEqualTo("header");
        assertThat(schemes.path("deviceSignature").path("name").asText()).isEqualTo("Authorization");
        assertThat(schemes.path("deviceSignature").path("description").asText()).contains("Workcell-Device ");
    }

    @Test
    void documentsExactlyTheRoutesTheServerRegisters() {
        Set<String> registered = new TreeSet<>(server.server().routes());
        Set<String> documented = new TreeSet<>();
        operations().forEach(op -> documented.add(op.key()));

        // The accessor must see the routes at all, the push stream (SSE, registered as GET) included.
        assertThat(registered).contains("GET /healthz", "GET /api/v1/openapi.json", "GET /api/v1/device/events");

        Set<String> undocumented = new TreeSet<>(registered);
        undocumented.removeAll(documented);
        Set<String> invented = new TreeSet<>(documented);
        invented.removeAll(registered);
        assertThat(undocumented).as("routes the server registers that openapi.json does not document").isEmpty();
        assertThat(invented).as("operations openapi.json documents that the server does not register").isEmpty();
        assertThat(documented).isEqualTo(registered);
    }

    @Test
    void everyReferenceResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(ref).as("only local references").startsWith("#/");
            assertThat(document.at(ref.substring(1)).isMissingNode()).as("$ref " + ref + " resolves").isFalse();
        }
    }

    @Test
    void everyOperationSaysWhoMayCallItAndHowItFails() {
        JsonNode schemes = document.path("components").path("securitySchemes");
        Set<String> operationIds = new HashSet<>();
        for (Operation op : operations()) {
            String what = op.key();
            JsonNode node = op.node();
            assertThat(operationIds.add(node.path("operationId").asText())).as(what + ": a unique operationId").isTrue();
            assertThat(node.path("description").asText()).as(what + ": says who may call it").contains("Who may call");

            // Security: explicit on every operation, and consistent with the declared role.
            assertThat(node.path("security").isArray()).as(what + ": an explicit security list").isTrue();
            assertThat(ROLES).as(what + ": x-workcell-role").contains(op.role());
            for (String scheme : op.securitySchemes()) {
                assertThat(schemes.has(scheme)).as(what + ": security scheme " + scheme + " is defined").isTrue();
            }
            switch (op.role()) {
                case "public" -> assertThat(op.securitySchemes()).as(what + ": public routes declare empty security").isEmpty();
                case "download" -> {
                    // A device's download token or an admin session, both as a bearer token.
                    assertThat(op.securitySchemes()).as(what).containsExactly("bearerAuth");
                    assertThat(node.path("responses").has("401")).as(what + ": documents 401").isTrue();
                }
                case "auditor", "admin" -> {
                    assertThat(op.securitySchemes()).as(what).containsExactly("bearerAuth");
                    assertThat(node.path("responses").has("401")).as(what + ": documents 401").isTrue();
                    if (op.role().equals("admin")) {
                        assertThat(node.path("responses").has("403")).as(what + ": documents 403 for auditors").isTrue();
                    }
                }
                case "user" -> {
                    // A cloud user's browser session cookie, never an admin token.
                    assertThat(op.securitySchemes()).as(what).containsExactly("userSession");
                    assertThat(node.path("responses").has("401")).as(what + ": documents 401").isTrue();
                }
                case "device" -> {
                    // Signed in a header (GET) or as the application/jose body itself (POST), never both, never neither.
                    boolean signedBody = node.path("requestBody").path("content").has("application/jose");
                    if (signedBody) {
                        assertThat(op.securitySchemes()).as(what + ": a signed body needs no header").isEmpty();
                        assertThat(node.path("requestBody").path("required").asBoolean()).as(what).isTrue();
                    } else {
                        assertThat(op.securitySchemes()).as(what).containsExactly("deviceSignature");
                    }
                }
                default -> throw new AssertionError(what + ": unknown role " + op.role());
            }

            // Responses: some success, and every error as problem details, with at least one 4xx.
            JsonNode responses = node.path("responses");
            List<String> codes = new ArrayList<>();
            responses.fieldNames().forEachRemaining(codes::add);
            assertThat(codes).as(what + ": a 2xx response").anyMatch(c -> c.startsWith("2"));
            assertThat(codes).as(what + ": a 4xx response").anyMatch(c -> c.startsWith("4"));
            for (String code : codes) {
                if (code.startsWith("4") || code.startsWith("5")) {
                    JsonNode response = resolve(responses.path(code));
                    assertThat(response.path("description").asText()).as(what + " " + code + ": described").isNotBlank();
                    JsonNode content = response.path("content");
                    assertThat(content.size()).as(what + " " + code + ": one media type").isEqualTo(1);
                    assertThat(content.path(PROBLEM_TYPE).path("schema").path("$ref").asText())
                            .as(what + " " + code + ": application/problem+json with the Problem schema").isEqualTo(PROBLEM);
                }
            }

            // Path parameters: each one in the template is declared, required, in: path.
            Set<String> declared = new HashSet<>();
            node.path("parameters").forEach(p -> {
                if (p.path("in").asText().equals("path")) {
                    assertThat(p.path("required").asBoolean()).as(what + ": path parameter " + p.path("name").asText() + " required").isTrue();
                    declared.add(p.path("name").asText());
                }
            });
            Set<String> inTemplate = new HashSet<>();
            Matcher m = PATH_PARAMETER.matcher(op.path());
            while (m.find()) {
                inTemplate.add(m.group(1));
            }
            assertThat(declared).as(what + ": path parameters").isEqualTo(inTemplate);
        }
    }

    @Test
    void documentedSecurityIsWhatTheServerEnforces() throws Exception {
        String adminToken = login(WorkcellServer.FIRST_ADMIN, TestServer.ADMIN_PASSWORD);
        HttpResponse<String> created = send("POST", "/api/v1/admins", "Bearer " + adminToken,
                Json.writeString(Map.of("name", "openapi.auditor", "password", TestServer.ADMIN_PASSWORD, "role", "auditor")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String auditorToken = login("openapi.auditor", TestServer.ADMIN_PASSWORD);

        for (Operation op : operations()) {
            String what = op.key();
            String path = PATH_PARAMETER.matcher(op.path()).replaceAll("probe");
            String method = op.method().toUpperCase(java.util.Locale.ROOT);
            HttpResponse<String> anonymous = send(method, path, null, null);
            boolean adminCheck = anonymous.statusCode() == 401
                    && anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer");
            if (op.securitySchemes().contains("bearerAuth")) {
                // Refused before any handler runs: nothing is changed by these requests.
                assertThat(adminCheck).as(what + " without a session is refused with 401: " + anonymous.body()).isTrue();
                assertThat(anonymous.headers().firstValue("Content-Type").orElse("")).as(what).startsWith(PROBLEM_TYPE);
                if (op.role().equals("admin")) {
                    HttpResponse<String> asAuditor = send(method, path, "Bearer " + auditorToken, null);
                    assertThat(asAuditor.statusCode()).as(what + " as an auditor: " + asAuditor.body()).isEqualTo(403);
                } else if (method.equals("GET")) {
                    HttpResponse<String> asAuditor = send(method, path, "Bearer " + auditorToken, null);
                    assertThat(asAuditor.statusCode()).as(what + " as an auditor: " + asAuditor.body()).isNotIn(401, 403);
                }
            } else {
                assertThat(adminCheck).as(what + " is documented as " + op.role() + " but the server asks for an admin session").isFalse();
            }
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            if (METHODS.contains(method.getKey())) {
                operations.add(new Operation(method.getKey(), path.getKey(), method.getValue()));
            }
        }));
        return operations;
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual()) {
                refs.add(ref.asText());
            }
            node.elements().forEachRemaining(child -> collectRefs(child, refs));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> collectRefs(child, refs));
        }
    }

    /** Follows {@code $ref}s (as components/responses entries are used) to the object they name. */
    private static JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref"); hops++) {
            assertThat(hops).as("reference chain too long at " + node).isLessThan(10);
            current = document.at(current.get("$ref").asText().substring(1));
            assertThat(current.isMissingNode()).as("$ref in " + node + " resolves").isFalse();
        }
        return current;
    }

    private static String login(String user, String password) throws IOException, InterruptedException {
        HttpResponse<String> response = send("POST", "/api/v1/auth/login", null,
                Json.writeString(Map.of("user", user, "password", password)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.MAPPER.readTree(response.body()).path("token").asText();
    }

    private static HttpResponse<String> send(String method, String path, String authorization, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path)).method(method,
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
