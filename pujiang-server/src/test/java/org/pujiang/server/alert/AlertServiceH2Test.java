package org.pujiang.server.alert;

import org.pujiang.server.testing.TestDatabase;

class AlertServiceH2Test extends AlertServiceContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
