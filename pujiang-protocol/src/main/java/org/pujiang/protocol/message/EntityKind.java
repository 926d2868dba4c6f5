package org.pujiang.protocol.message;

import java.util.Optional;

/**
 * What an entity is.
 * Sent as a u8 equal to the constant's ordinal; any other value is malformed in v1.
 */
public enum EntityKind {
    /** 0: a person's avatar. */
    AVATAR,
    /** 1: a digital human driven by the server. */
    AGENT,
    /** 2: a shared object that avatars can grab and move. */
    OBJECT;

    private static final EntityKind[] BY_WIRE = values();

    /** The u8 sent on the wire. */
    public int wire() {
        return ordinal();
    }

    /** The constant for a wire value, or empty where v1 defines none. */
    public static Optional<EntityKind> fromWire(int wire) {
        return wire >= 0 && wire < BY_WIRE.length ? Optional.of(BY_WIRE[wire]) : Optional.empty();
    }

    /** For decoders that already checked the range with {@code FrameReader.enumU8(count(), ...)}. */
    static EntityKind byWire(int wire) {
        return BY_WIRE[wire];
    }

    static int count() {
        return BY_WIRE.length;
    }
}
