package org.workcell.server.catalog;

import org.workcell.server.testing.TestDatabase;

/** The catalog service on embedded H2 (PostgreSQL mode), as the server runs by default. */
class CatalogServiceH2Test extends CatalogServiceContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
