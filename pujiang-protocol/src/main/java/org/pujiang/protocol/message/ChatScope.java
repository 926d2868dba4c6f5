package org.pujiang.protocol.message;

import java.util.Optional;

/**
 * Who receives a chat message.
 * Sent as a u8 equal to the constant's ordinal; any other value is malformed in v1.
 */
public enum ChatScope {
    /** 0: everyone in the space. */
    SPACE,
    /** 1: everyone who has the sender within their interest radius. */
    NEARBY,
    /** 2: one entity, named by {@code toEntity}. */
    DIRECT;

    private static final ChatScope[] BY_WIRE = values();

    /** The u8 sent on the wire. */
    public int wire() {
        return ordinal();
    }

    /** The constant for a wire value, or empty where v1 defines none. */
    public static Optional<ChatScope> fromWire(int wire) {
        return wire >= 0 && wire < BY_WIRE.length ? Optional.of(BY_WIRE[wire]) : Optional.empty();
    }

    /** For decoders that already checked the range with {@code FrameReader.enumU8(count(), ...)}. */
    static ChatScope byWire(int wire) {
        return BY_WIRE[wire];
    }

    static int count() {
        return BY_WIRE.length;
    }
}
