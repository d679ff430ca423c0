package org.workcell.server.internal.db;

import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** A SELECT with optional filters: each condition is added, with its value bound, only when the value is given. */
public final class Where {
    private final StringBuilder sql;
    private final List<Object> args = new ArrayList<>();

    public Where(String select) {
        this.sql = new StringBuilder(select).append(" WHERE 1 = 1");
    }

    /** Adds {@code AND condition} when {@code value} is not null; every {@code ?} in the condition is bound to it. */
    public Where and(String condition, Object value) {
        if (value != null) {
            sql.append(" AND ").append(condition);
            condition.chars().filter(c -> c == '?').forEach(c -> args.add(value));
        }
        return this;
    }

    /** The query with {@code tail} (ordering, limit) appended and every value bound. */
    public Query query(Handle h, String tail) {
        Query query = h.createQuery(sql + " " + tail);
        for (int i = 0; i < args.size(); i++) {
            query.bind(i, args.get(i));
        }
        return query;
    }
}
