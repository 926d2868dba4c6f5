package org.pujiang.server.twin;

import org.pujiang.server.testing.TestDatabase;

class TwinPostgresTest extends TwinContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }
}
