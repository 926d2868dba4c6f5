package org.pujiang.server.auth;

import java.util.Locale;
import java.util.Optional;

/**
 * What an account may do. Admins manage accounts and everything else; operators build and run any
 * space; members create and manage their own spaces; guests visit public and unlisted spaces.
 */
public enum Role {
    ADMIN, OPERATOR, MEMBER, GUEST;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Admins and operators manage every space, not only their own. */
    public boolean managesAllSpaces() {
        return this == ADMIN || this == OPERATOR;
    }

    public static Optional<Role> fromWire(String name) {
        for (Role r : values()) {
            if (r.wireName().equals(name)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
