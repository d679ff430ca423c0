package org.workcell.server.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
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
        TestDatabase database = TestDatabase.create(kind, tempDir);
        Path data = tempDir.resolve("server-data-" + kind.name().toLowerCase(java.util.Locale.ROOT) + "-" + System.nanoTime());
        ServerConfig config = ServerConfig.defaults(data, 0, clock)
                .withDatabase(database.url(), null, null)
                .withAdminPassword(ADMIN_PASSWORD);
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
