package org.pujiang.server.twin;

import org.pujiang.server.testing.TestDatabase;

class TwinH2Test extends TwinContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
