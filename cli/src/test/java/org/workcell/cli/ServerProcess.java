package org.workcell.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.workcell.core.json.Json;

/** {@code workcell server} in a process of its own, so that a test can kill it with SIGKILL. */
final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final JsonNode report;

    private ServerProcess(Process process, JsonNode report) {
        this.process = process;
        this.report = report;
    }

    static ServerProcess start(Path data, String dbUrl, String adminPassword, int port) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"),
                "org.workcell.cli.Main", "server", "--data", data.toString(), "--port", Integer.toString(port), "--host", "127.0.0.1",
                "--json", "--log-level", "warn"));
        if (dbUrl != null) {
            command.add("--db");
            command.add(dbUrl);
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("WORKCELL_ADMIN_PASSWORD", adminPassword);
        // These tests enrol dozens of devices from 127.0.0.1 in seconds; the per-address limit has tests of its own.
        builder.environment().put("WORKCELL_ENROLLMENT_RATE", "10000");
        Process process = builder.start();
        // The start-up report is one JSON document; the server is serving once it is printed.
        StringBuilder text = new StringBuilder();
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            text.append(line).append('\n');
            if (line.equals("}")) {
                break;
            }
        }
        if (line == null) {
            process.destroyForcibly();
            throw new IOException("the server process exited before it reported its URL:\n" + text);
        }
        return new ServerProcess(process, Json.MAPPER.readTree(text.toString()));
    }

    /** A port that was free a moment ago, so that a restarted server can come back where its devices expect it. */
    static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    String url() {
        return report.get("url").asText();
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }
}
