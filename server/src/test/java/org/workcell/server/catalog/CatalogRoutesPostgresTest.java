package org.workcell.server.catalog;

import org.workcell.server.testing.TestDatabase;

/** The catalog's endpoints over PostgreSQL. */
class CatalogRoutesPostgresTest extends CatalogRoutesContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
