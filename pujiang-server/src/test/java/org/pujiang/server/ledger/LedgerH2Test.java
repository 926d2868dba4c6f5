package org.pujiang.server.ledger;

import org.pujiang.server.testing.TestDatabase;

class LedgerH2Test extends LedgerContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
