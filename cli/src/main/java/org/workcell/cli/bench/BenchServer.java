package org.workcell.cli.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.workcell.cli.CliException;
import org.workcell.cli.Folders;
import org.workcell.core.json.Json;

/**
 * A throwaway {@code workcell server} for a benchmark: a process of its own over a fresh
 * PostgreSQL database, removed again afterwards, so the load generator never shares a JVM with it.
 */
final class BenchServer implements AutoCloseable {
    private final Process process;
    private final String url;
    private final String adminPassword;
    private final String pgAdminUrl;
    private final String database;
    private final Path data;

    private BenchServer(Process process, String url, String adminPassword, String pgAdminUrl, String database, Path data) {
        this.process = process;
        this.url = url;
        this.adminPassword = adminPassword;
        this.pgAdminUrl = pgAdminUrl;
        this.database = database;
        this.data = data;
    }

    static BenchServer start(String pgAdminUrl) throws IOException {
        String database = "workcell_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(pgAdminUrl)) {
            c.createStatement().execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new CliException("the benchmark needs PostgreSQL (" + pgAdminUrl + "): " + e.getMessage()
                    + "; start it, or point --pg-admin-url at one, or bench a running server with --server");
        }
        String base = pgAdminUrl.substring(0, pgAdminUrl.lastIndexOf('/') + 1);
        String query = pgAdminUrl.contains("?") ? pgAdminUrl.substring(pgAdminUrl.indexOf('?')) : "";
        Path data = Files.createTempDirectory("workcell-bench");
        String password = UUID.randomUUID().toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-XX:+UseParallelGC",
                "-cp", System.getProperty("java.class.path"), "org.workcell.cli.Main",
                "server", "--data", data.toString(), "--port", "0", "--host", "127.0.0.1", "--json", "--log-level", "warn",
                "--db", base + database + query))
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("WORKCELL_ADMIN_PASSWORD", password);
        // Benchmarks enrol hundreds of devices from one address in seconds.
        builder.environment().put("WORKCELL_ENROLLMENT_RATE", "1000000");
        Process process = builder.start();
        StringBuilder report = new StringBuilder();
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            report.append(line).append('\n');
            if (line.equals("}")) {
                break;
            }
        }
        if (line == null) {
            process.destroyForcibly();
            throw new CliException("the benchmark's server did not start:\n" + report);
        }
        String url = Json.MAPPER.readTree(report.toString()).get("url").asText();
        return new BenchServer(process, url, password, pgAdminUrl, database, data);
    }

    String url() {
        return url;
    }

    String adminPassword() {
        return adminPassword;
    }

    @Override
    public void close() throws InterruptedException, IOException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        try (Connection c = DriverManager.getConnection(pgAdminUrl)) {
            c.createStatement().execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IOException("could not drop the benchmark database " + database, e);
        }
        Folders.deleteTree(data);
    }
}
