package org.pujiang.server.alert;

import org.pujiang.server.testing.TestDatabase;

class AlertServicePostgresTest extends AlertServiceContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }
}
