package org.pujiang.server.storage;

import org.pujiang.server.testing.TestDatabase;

class HistoryPostgresTest extends HistoryContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }
}
