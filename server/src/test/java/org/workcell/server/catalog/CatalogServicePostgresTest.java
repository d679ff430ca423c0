package org.workcell.server.catalog;

import org.workcell.server.testing.TestDatabase;

/** The catalog service on PostgreSQL, in a fresh database of its own. */
class CatalogServicePostgresTest extends CatalogServiceContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
