package org.pujiang.server.agent;

import org.pujiang.server.testing.TestDatabase;

class AgentPostgresTest extends AgentContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }
}
