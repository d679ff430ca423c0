package org.workcell.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.workcell.server.internal.audit.AuditLog;
import org.workcell.server.internal.db.Database;
import org.workcell.server.internal.http.Actor;
import org.workcell.server.testing.MutableClock;
import org.workcell.server.testing.TestDatabase;

/** Entries can be added to the audit log, and the database refuses to change or remove them. */
class AuditLogAppendOnlyTest {
    @TempDir
    Path temp;

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void theDatabaseRefusesToChangeOrDeleteAuditEntries(TestDatabase.Kind kind) {
        try (TestDatabase db = TestDatabase.create(kind, temp); Database database = db.open()) {
            var jdbi = database.jdbi();
            AuditLog audit = new AuditLog(jdbi, MutableClock.startingNow());
            jdbi.useHandle(h -> audit.record(h, Actor.system(), "test.action", "group", "g1", null, Map.of("a", 1)));
            assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("UPDATE audit_log SET actor = 'someone else'")))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("DELETE FROM audit_log")))
                    .hasMessageContaining("append-only");
            if (kind == TestDatabase.Kind.POSTGRESQL) {
                assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("TRUNCATE audit_log")))
                        .hasMessageContaining("append-only");
            }
            java.util.List<String> actors = jdbi.withHandle(h -> h.createQuery("SELECT actor FROM audit_log").mapTo(String.class).list());
            assertThat(actors).containsExactly("system");
        }
    }
}
