package org.pujiang.server.http;

import org.pujiang.server.testing.TestDatabase;

class ApiH2Test extends ApiContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
