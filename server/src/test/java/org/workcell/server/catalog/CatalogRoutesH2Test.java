package org.workcell.server.catalog;

import org.workcell.server.testing.TestDatabase;

/** The catalog's endpoints over embedded H2. */
class CatalogRoutesH2Test extends CatalogRoutesContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
