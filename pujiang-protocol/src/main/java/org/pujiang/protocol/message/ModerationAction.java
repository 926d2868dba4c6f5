package org.pujiang.protocol.message;

import java.util.Optional;

/**
 * What a moderator does to another participant.
 * Sent as a u8 equal to the constant's ordinal; any other value is malformed in v1.
 */
public enum ModerationAction {
    /** 0: refuse the target's chat and voice. */
    MUTE,
    /** 1: lift a mute. */
    UNMUTE,
    /** 2: disconnect the target from the space. */
    KICK;

    private static final ModerationAction[] BY_WIRE = values();

    /** The u8 sent on the wire. */
    public int wire() {
        return ordinal();
    }

    /** The constant for a wire value, or empty where v1 defines none. */
    public static Optional<ModerationAction> fromWire(int wire) {
        return wire >= 0 && wire < BY_WIRE.length ? Optional.of(BY_WIRE[wire]) : Optional.empty();
    }

    /** For decoders that already checked the range with {@code FrameReader.enumU8(count(), ...)}. */
    static ModerationAction byWire(int wire) {
        return BY_WIRE[wire];
    }

    static int count() {
        return BY_WIRE.length;
    }
}
