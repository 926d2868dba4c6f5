package org.pujiang.space;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** A space's identity: a UUID, written in its canonical lower-case form in URLs and JSON. */
public record SpaceId(UUID value) {
    public SpaceId {
        Objects.requireNonNull(value, "value");
    }

    /** Parses the canonical 36-character form; anything else is empty (never an exception). */
    public static Optional<SpaceId> parse(String text) {
        if (text == null || text.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SpaceId(UUID.fromString(text)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
