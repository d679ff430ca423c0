package org.workcell.server.catalog;

/** The catalog service on PostgreSQL, in a fresh database of its own. */
class CatalogServicePostgresTest extends CatalogServiceContract {
    @Override
    TestDatabase openDatabase() throws Exception {
        return TestDatabase.postgres();
    }
}
