package org.workcell.server.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.workcell.core.config.Settings;
import org.workcell.server.ServerConfig;
import org.workcell.server.WorkcellServer;

/** A real server on a loopback port over a fresh database of the given kind, with a known admin password. */
public final class TestServer implements AutoCloseable {
    public static final String ADMIN_PASSWORD = "correct horse battery staple";

    private final TestDatabase database;
    private final WorkcellServer server;
    private final Path dataDir;

    private TestServer(TestDatabase database, WorkcellServer server, Path dataDir) {
        this.database = database;
        this.server = server;
        this.dataDir = dataDir;
    }

    public static TestServer start(TestDatabase.Kind kind, Path tempDir, Clock clock) throws IOException {
        return start(kind, tempDir, clock, Map.of());
    }

    /** As {@link #start(TestDatabase.Kind, Path, Clock)}, with some settings (keys of {@link ServerConfig#DEFAULTS}) changed. */
    public static TestServer start(TestDatabase.Kind kind, Path tempDir, Clock clock, Map<String, String> settings) throws IOException {
        TestDatabase database = TestDatabase.create(kind, tempDir);
        Path data = tempDir.resolve("server-data-" + kind.name().toLowerCase(java.util.Locale.ROOT) + "-" + System.nanoTime());
        Settings.Builder builder = Settings.builder().defaults(ServerConfig.DEFAULTS)
                .flag("port", 0).flag("host", "127.0.0.1").flag("db.url", database.url()).flag("admin.password", ADMIN_PASSWORD);
        settings.forEach(builder::flag);
        ServerConfig config = ServerConfig.from(data, builder.build(), false, clock);
        try {
            return new TestServer(database, WorkcellServer.start(config), data);
        } catch (RuntimeException | IOException e) {
            database.close();
            throw e;
        }
    }

    public String url() {
        return server.url();
    }

    public Path dataDir() {
        return dataDir;
    }

    public TestDatabase database() {
        return database;
    }

    public WorkcellServer server() {
        return server;
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            database.close();
        }
    }
}
