package org.workcell.server.internal.audit;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/** H2's half of the audit log's append-only rule (PostgreSQL has a PL/pgSQL trigger): refuses every change to a row. */
public final class AppendOnlyTrigger implements Trigger {
    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("the audit log is append-only");
    }
}
