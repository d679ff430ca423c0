package org.workcell.server.catalog;

/** The catalog service on embedded H2 (PostgreSQL mode), as the server runs by default. */
class CatalogServiceH2Test extends CatalogServiceContract {
    @Override
    TestDatabase openDatabase() throws Exception {
        return TestDatabase.h2();
    }
}
