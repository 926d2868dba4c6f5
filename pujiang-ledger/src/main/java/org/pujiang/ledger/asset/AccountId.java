package org.pujiang.ledger.asset;

import java.util.Objects;
import java.util.UUID;

/** An account (the server's user id, a UUID) as entries name it. */
public record AccountId(UUID value) {
    public AccountId {
        Objects.requireNonNull(value, "value");
    }

    public static AccountId random() {
        return new AccountId(UUID.randomUUID());
    }

    /** @throws IllegalArgumentException when {@code text} is not a UUID in canonical (lower-case) form */
    public static AccountId parse(String text) {
        return new AccountId(Uuids.parse(text));
    }

    /** The canonical lower-case form entries use. */
    @Override
    public String toString() {
        return value.toString();
    }
}
