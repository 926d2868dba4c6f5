package org.pujiang.space.entity;

import java.util.Optional;

/** What an entity is. The numbers match the wire's entity kinds. */
public enum EntityKind {
    /** A person's avatar: one per connected (or resumable) client. */
    AVATAR(0),
    /** A digital human driven by the server. */
    AGENT(1),
    /** A shared object: no client of its own, held by at most one avatar at a time. */
    OBJECT(2);

    private static final EntityKind[] BY_CODE = values();

    private final int code;

    EntityKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<EntityKind> fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? Optional.of(BY_CODE[code]) : Optional.empty();
    }
}
