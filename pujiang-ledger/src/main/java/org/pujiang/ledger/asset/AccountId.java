package org.pujiang.ledger.asset;

import java.util.Objects;
import java.util.UUID;

/** An account (the server's user id) as entries name it. */
public record AccountId(UUID value) {
    public AccountId {
        Objects.requireNonNull(value, "value");
    }

    /** @throws IllegalArgumentException when {@code text} is not a UUID in canonical form */
    public static AccountId parse(String text) {
        return new AccountId(Uuids.parse(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
