package org.pujiang.server.agent;

import org.pujiang.server.testing.TestDatabase;

class AgentH2Test extends AgentContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
