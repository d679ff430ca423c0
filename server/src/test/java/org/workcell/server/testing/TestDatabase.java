package org.workcell.server.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.workcell.server.internal.db.Database;

/**
 * A fresh, empty database of one kind for one test: an H2 file in a temporary folder, or a new
 * database on the real PostgreSQL server of this machine (dropped again on close). Set
 * {@code WORKCELL_TEST_PG_URL} (a JDBC URL to an admin database) to use another PostgreSQL.
 */
public final class TestDatabase implements AutoCloseable {
    public enum Kind { H2, POSTGRESQL }

    private static final String PG_ADMIN_URL = System.getenv().getOrDefault("WORKCELL_TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");

    private final Kind kind;
    private final String url;
    private final String pgName;

    private TestDatabase(Kind kind, String url, String pgName) {
        this.kind = kind;
        this.url = url;
        this.pgName = pgName;
    }

    /** Both kinds, for {@code @ParameterizedTest @EnumSource} or {@code @MethodSource}. */
    public static List<Kind> kinds() {
        return List.of(Kind.H2, Kind.POSTGRESQL);
    }

    public static TestDatabase create(Kind kind, Path tempDir) {
        if (kind == Kind.H2) {
            return new TestDatabase(kind, Database.h2Url(tempDir.resolve("h2-" + UUID.randomUUID())), null);
        }
        String name = "wc_test_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = DriverManager.getConnection(PG_ADMIN_URL); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + PG_ADMIN_URL + " is needed for this test and did not answer: " + e.getMessage(), e);
        }
        String base = PG_ADMIN_URL.substring(0, PG_ADMIN_URL.lastIndexOf('/') + 1);
        String query = PG_ADMIN_URL.contains("?") ? PG_ADMIN_URL.substring(PG_ADMIN_URL.indexOf('?')) : "";
        return new TestDatabase(kind, base + name + query, name);
    }

    public Kind kind() {
        return kind;
    }

    /** The JDBC URL. */
    public String url() {
        return url;
    }

    public Database open() {
        return Database.open(url, null, null, 4);
    }

    @Override
    public void close() {
        if (pgName == null) {
            return;
        }
        try (Connection c = DriverManager.getConnection(PG_ADMIN_URL); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + pgName + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop test database " + pgName, e);
        }
    }
}
