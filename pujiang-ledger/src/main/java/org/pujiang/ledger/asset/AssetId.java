package org.pujiang.ledger.asset;

import java.util.Objects;
import java.util.UUID;

/** A digital asset's id: a random UUID, written in entries in its canonical lower-case form. */
public record AssetId(UUID value) {
    public AssetId {
        Objects.requireNonNull(value, "value");
    }

    public static AssetId random() {
        return new AssetId(UUID.randomUUID());
    }

    /** @throws IllegalArgumentException when {@code text} is not a UUID in canonical (lower-case) form */
    public static AssetId parse(String text) {
        return new AssetId(Uuids.parse(text));
    }

    /** The canonical lower-case form entries use. */
    @Override
    public String toString() {
        return value.toString();
    }
}
