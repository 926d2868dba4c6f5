package org.pujiang.server.ledger;

import org.pujiang.server.testing.TestDatabase;

class LedgerPostgresTest extends LedgerContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }
}
