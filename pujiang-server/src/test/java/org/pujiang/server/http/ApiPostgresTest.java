package org.pujiang.server.http;

import org.pujiang.server.testing.TestDatabase;

class ApiPostgresTest extends ApiContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }
}
