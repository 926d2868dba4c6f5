package org.pujiang.server.storage;

import org.pujiang.server.testing.TestDatabase;

class RepositoryPostgresTest extends RepositoryContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }
}
