package org.pujiang.protocol.message;

import java.util.Optional;

/**
 * What a {@link TwinCommand} asks of a twin.
 * Sent as a u8 equal to the constant's ordinal; any other value is malformed in v1.
 */
public enum TwinCommandKind {
    /** 0: set the desired value of a writable property; {@code json} is the value. */
    DESIRED,
    /** 1: invoke an action of the twin's device; {@code json} is its input, {@code null} when it takes none. */
    ACTION;

    private static final TwinCommandKind[] BY_WIRE = values();

    /** The u8 sent on the wire. */
    public int wire() {
        return ordinal();
    }

    /** The constant for a wire value, or empty where v1 defines none. */
    public static Optional<TwinCommandKind> fromWire(int wire) {
        return wire >= 0 && wire < BY_WIRE.length ? Optional.of(BY_WIRE[wire]) : Optional.empty();
    }

    /** For decoders that already checked the range with {@code FrameReader.enumU8(count(), ...)}. */
    static TwinCommandKind byWire(int wire) {
        return BY_WIRE[wire];
    }

    static int count() {
        return BY_WIRE.length;
    }
}
