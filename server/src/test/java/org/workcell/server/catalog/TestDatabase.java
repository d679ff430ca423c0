package org.workcell.server.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.workcell.server.internal.db.Database;

/**
 * A fresh, migrated database for one test class: H2 in a temporary folder, or a new database with
 * a random name on the local PostgreSQL (dropped again on close).
 *
 * <p>PostgreSQL is found at {@code 127.0.0.1:5432} as user {@code postgres} with trust
 * authentication; the system properties {@code workcell.test.postgres.host} and
 * {@code workcell.test.postgres.user} point elsewhere. Where no PostgreSQL answers, the PostgreSQL
 * test classes are skipped (reported as skipped, not passed).
 */
final class TestDatabase implements AutoCloseable {
    private static final String PG_HOST = System.getProperty("workcell.test.postgres.host", "127.0.0.1:5432");
    private static final String PG_USER = System.getProperty("workcell.test.postgres.user", "postgres");

    private final Database database;
    private final String description;
    private final Cleanup cleanup;

    private interface Cleanup {
        void run() throws IOException, SQLException;
    }

    private TestDatabase(Database database, String description, Cleanup cleanup) {
        this.database = database;
        this.description = description;
        this.cleanup = cleanup;
    }

    static TestDatabase h2() throws IOException {
        Path dir = Files.createTempDirectory("workcell-catalog-test-");
        Database db = Database.open(Database.h2Url(dir), null, null, 4);
        return new TestDatabase(db, "H2 in " + dir, () -> deleteTree(dir));
    }

    static TestDatabase postgres() throws SQLException {
        String name = "workcell_catalog_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
        try (Connection c = adminConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            Assumptions.abort("no PostgreSQL to test against at " + PG_HOST + " as " + PG_USER + ": " + e.getMessage());
        }
        Database db;
        try {
            db = Database.open("jdbc:postgresql://" + PG_HOST + "/" + name, PG_USER, null, 4);
        } catch (RuntimeException e) {
            drop(name);
            throw e;
        }
        return new TestDatabase(db, "PostgreSQL database " + name, () -> drop(name));
    }

    Database database() {
        return database;
    }

    @Override
    public String toString() {
        return description;
    }

    @Override
    public void close() throws IOException, SQLException {
        try {
            database.close();
        } finally {
            cleanup.run();
        }
    }

    private static Connection adminConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + PG_HOST + "/postgres", PG_USER, "");
    }

    private static void drop(String name) throws SQLException {
        try (Connection c = adminConnection(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
