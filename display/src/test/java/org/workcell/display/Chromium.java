package org.workcell.display;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headless Chromium driven over the DevTools protocol: opens a page and evaluates an expression in
 * it, waiting for the promise it returns. (Chromium's --dump-dom with a virtual time budget does
 * not wait for image decoding, which the JPEG path needs.)
 */
public final class Chromium {
    public static final Path EXECUTABLE = Path.of("/usr/bin/chromium");
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on ws://127\\.0\\.0\\.1:(\\d+)/");
    private static final Pattern PAGE_SOCKET = Pattern.compile("\"webSocketDebuggerUrl\"\\s*:\\s*\"(ws://[^\"]+/devtools/page/[^\"]+)\"");

    private Chromium() {
    }

    /** Opens {@code page} and returns the string that the promise {@code expression} evaluates to resolves to. */
    static String evaluate(Path page, Path profile, String expression) throws IOException, InterruptedException {
        Process chromium = new ProcessBuilder(EXECUTABLE.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=" + profile, "--remote-debugging-port=0", page.toUri().toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            int port = port(chromium);
            HttpClient http = HttpClient.newHttpClient();
            String targets = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher socket = PAGE_SOCKET.matcher(targets);
            if (!socket.find()) {
                throw new IOException("Chromium lists no page: " + targets);
            }
            java.util.concurrent.BlockingQueue<String> replies = new java.util.concurrent.LinkedBlockingQueue<>();
            WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(socket.group(1)), new WebSocket.Listener() {
                private final StringBuilder text = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                    text.append(data);
                    if (last) {
                        replies.add(text.toString());
                        text.setLength(0);
                    }
                    w.request(1);
                    return null;
                }
            }).get(30, TimeUnit.SECONDS);
            try {
                // The page may still be replacing the blank one Chromium starts with: then ask again.
                for (int id = 1; id <= 100; id++) {
                    ws.sendText("{\"id\":" + id + ",\"method\":\"Runtime.evaluate\",\"params\":{\"expression\":" + quote(expression)
                            + ",\"awaitPromise\":true,\"returnByValue\":true}}", true).get(30, TimeUnit.SECONDS);
                    String message = reply(replies, id);
                    if (message.contains("\"error\"") && message.contains("context")) {
                        continue;
                    }
                    if (message.contains("\"exceptionDetails\"") || message.contains("\"error\"")) {
                        throw new AssertionError("the page failed: " + message);
                    }
                    int start = message.indexOf("\"value\":\"");
                    if (start < 0) {
                        throw new AssertionError("the page returned no string: " + message);
                    }
                    return unquote(message, start + 8);
                }
                throw new AssertionError("the page never got an execution context");
            } finally {
                ws.abort();
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("talking to Chromium failed: " + e, e);
        } finally {
            stop(chromium);
        }
    }

    /**
     * Ends Chromium and every process it started (renderers, the GPU and crash handlers), and waits
     * until all are gone: a child left running still writes into the profile folder, which JUnit
     * then cannot delete.
     */
    public static void stop(Process chromium) {
        java.util.List<ProcessHandle> all = new java.util.ArrayList<>(chromium.descendants().toList());
        all.add(chromium.toHandle());
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
    }

    /** The reply to request {@code id} (DevTools also sends events, which are skipped). */
    private static String reply(java.util.concurrent.BlockingQueue<String> replies, int id) throws InterruptedException, TimeoutException {
        String prefix = "{\"id\":" + id + ",";
        while (true) {
            String message = replies.poll(2, TimeUnit.MINUTES);
            if (message == null) {
                throw new TimeoutException("no answer from Chromium within 2 minutes");
            }
            if (message.startsWith(prefix)) {
                return message;
            }
        }
    }

    /** The DevTools port Chromium (started with {@code --remote-debugging-port=0}) opened; keeps draining its log. */
    public static int port(Process chromium) throws IOException {
        BufferedReader err = new BufferedReader(new InputStreamReader(chromium.getErrorStream(), StandardCharsets.UTF_8));
        for (String line = err.readLine(); line != null; line = err.readLine()) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                // Keep draining its log, or Chromium blocks once the pipe is full.
                Thread.ofVirtual().start(() -> {
                    try {
                        err.transferTo(java.io.Writer.nullWriter());
                    } catch (IOException e) {
                        // it exited
                    }
                });
                return Integer.parseInt(m.group(1));
            }
        }
        throw new IOException("Chromium exited without opening its DevTools port");
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** The JSON string whose opening quote is at {@code from}. */
    private static String unquote(String s, int from) {
        StringBuilder b = new StringBuilder();
        for (int i = from + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                return b.toString();
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'u' -> {
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> b.append(e);
            }
        }
        throw new AssertionError("unterminated string from Chromium");
    }
}
