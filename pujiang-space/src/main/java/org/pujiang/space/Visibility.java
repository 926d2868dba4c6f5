package org.pujiang.space;

import java.util.Locale;
import java.util.Optional;

/** Who can find and enter a space. */
public enum Visibility {
    /** Listed for everyone, guests included, and open to all. */
    PUBLIC,
    /** Not listed, but anyone with the link (the space id) may enter, guests included. */
    UNLISTED,
    /** Only the owner, listed members, operators and admins see or enter it. */
    PRIVATE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Visibility> fromWire(String name) {
        for (Visibility v : values()) {
            if (v.wireName().equals(name)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
