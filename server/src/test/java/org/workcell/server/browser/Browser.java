package org.workcell.server.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.workcell.core.json.Json;
import org.workcell.display.Chromium;

/**
 * Debian's real Chromium, headless, driven over its DevTools protocol: open a page, run script in
 * it, and click and type the way a user does (the browser's own input events, not script).
 */
final class Browser implements AutoCloseable {
    
    private final Process chromium;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending;

    private Browser(Process chromium, WebSocket socket, Map<Integer, CompletableFuture<JsonNode>> pending) {
        this.chromium = chromium;
        this.socket = socket;
        this.pending = pending;
    }

    /** A browser with a phone-sized window and one blank page. */
    static Browser start(Path profile) throws IOException {
        Files.createDirectories(profile);
        Process chromium = new ProcessBuilder(Chromium.EXECUTABLE.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--user-data-dir=" + profile, "--remote-debugging-port=0", "--window-size=480,960", "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            int port = Chromium.port(chromium);
            HttpClient http = HttpClient.newHttpClient();
            JsonNode targets = Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
            String page = null;
            for (JsonNode t : targets) {
                if ("page".equals(t.path("type").asText())) {
                    page = t.path("webSocketDebuggerUrl").asText();
                }
            }
            if (page == null) {
                throw new IOException("Chromium lists no page: " + targets);
            }
            Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
            WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(page), new Replies(pending)).get(30, TimeUnit.SECONDS);
            return new Browser(chromium, ws, pending);
        } catch (Exception e) {
            chromium.destroyForcibly();
            throw new IOException("cannot start Chromium: " + e, e);
        }
    }

    /** Hands each DevTools reply to the call waiting for it; events are not used. */
    private record Replies(Map<Integer, CompletableFuture<JsonNode>> pending) implements WebSocket.Listener {
        private static final ThreadLocal<StringBuilder> TEXT = ThreadLocal.withInitial(StringBuilder::new);

        @Override
        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            StringBuilder text = TEXT.get();
            text.append(data);
            if (last) {
                try {
                    JsonNode message = Json.MAPPER.readTree(text.toString());
                    CompletableFuture<JsonNode> reply = message.has("id") ? pending.remove(message.path("id").asInt()) : null;
                    if (reply != null) {
                        reply.complete(message);
                    }
                } catch (IOException e) {
                    // DevTools sends only JSON
                } finally {
                    text.setLength(0);
                }
            }
            w.request(1);
            return null;
        }
    }

    JsonNode call(String method, Map<String, ?> params) throws IOException {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        ObjectNode request = Json.MAPPER.createObjectNode();
        request.put("id", id).put("method", method).set("params", Json.MAPPER.valueToTree(params));
        try {
            socket.sendText(Json.MAPPER.writeValueAsString(request), true).get(30, TimeUnit.SECONDS);
            JsonNode answer = reply.get(60, TimeUnit.SECONDS);
            if (answer.has("error")) {
                throw new IOException(method + " failed: " + answer.path("error"));
            }
            return answer.path("result");
        } catch (Exception e) {
            pending.remove(id);
            throw e instanceof IOException io ? io : new IOException(method + " failed: " + e, e);
        }
    }

    void open(String url) throws IOException {
        call("Page.navigate", Map.of("url", url));
    }

    /** The value of {@code expression} (awaited if a promise); an exception in the page fails the test. */
    JsonNode evaluate(String expression) throws IOException {
        JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "awaitPromise", true, "returnByValue", true));
        if (result.has("exceptionDetails")) {
            throw new IOException("the page threw: " + result.path("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** Waits until {@code expression} is true in the page (a page still loading counts as false). */
    void waitUntil(String expression, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (true) {
            try {
                JsonNode value = evaluate("(() => { try { return !!(" + expression + "); } catch (e) { return false; } })()");
                if (value.asBoolean()) {
                    return;
                }
            } catch (IOException e) {
                last = e.getMessage();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the page never got to " + expression + " within " + timeout + "; state "
                        + stateOrError() + " " + last);
            }
            Thread.sleep(50); // polling the page: DevTools has no "tell me when this expression holds"
        }
    }

    private String stateOrError() {
        try {
            return evaluate("JSON.stringify(self.workcell ? self.workcell.state() : null)").asText();
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    /** A left click at page coordinates, as the mouse makes it (down, up). */
    void click(double x, double y) throws IOException {
        call("Input.dispatchMouseEvent", Map.of("type", "mouseMoved", "x", x, "y", y));
        call("Input.dispatchMouseEvent", Map.of("type", "mousePressed", "x", x, "y", y, "button", "left", "buttons", 1, "clickCount", 1));
        call("Input.dispatchMouseEvent", Map.of("type", "mouseReleased", "x", x, "y", y, "button", "left", "buttons", 0, "clickCount", 1));
    }

    /** Types text into whatever has focus, as a keyboard's input method commits it. */
    void type(String text) throws IOException {
        call("Input.insertText", Map.of("text", text));
    }

    @Override
    public void close() {
        socket.abort();
        Chromium.stop(chromium);
    }
}
