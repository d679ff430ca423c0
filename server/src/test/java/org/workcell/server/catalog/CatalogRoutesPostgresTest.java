package org.workcell.server.catalog;

/** The catalog's endpoints over PostgreSQL. */
class CatalogRoutesPostgresTest extends CatalogRoutesContract {
    @Override
    TestDatabase openDatabase() throws Exception {
        return TestDatabase.postgres();
    }
}
