package org.pujiang.server.storage;

import org.pujiang.server.testing.TestDatabase;

class HistoryH2Test extends HistoryContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
