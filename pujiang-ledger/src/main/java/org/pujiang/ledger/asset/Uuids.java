package org.pujiang.ledger.asset;

import java.util.UUID;

final class Uuids {
    private Uuids() {}

    /** Only the canonical lower-case form: an entry that spells an id another way is not canonical. */
    static UUID parse(String text) {
        if (text == null || !text.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
            throw new IllegalArgumentException("not a lower-case UUID: " + text);
        }
        return UUID.fromString(text);
    }
}
