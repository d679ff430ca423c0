package org.workcell.server.catalog;

/** The catalog's endpoints over embedded H2. */
class CatalogRoutesH2Test extends CatalogRoutesContract {
    @Override
    TestDatabase openDatabase() throws Exception {
        return TestDatabase.h2();
    }
}
