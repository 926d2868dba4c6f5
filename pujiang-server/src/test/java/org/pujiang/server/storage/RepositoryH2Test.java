package org.pujiang.server.storage;

import org.pujiang.server.testing.TestDatabase;

class RepositoryH2Test extends RepositoryContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
