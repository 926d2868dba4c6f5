package org.pujiang.protocol.message;

import java.util.Optional;

/**
 * The kind of a WebRTC signalling payload that the server relays between two clients.
 * Sent as a u8 equal to the constant's ordinal; any other value is malformed in v1.
 */
public enum VoiceKind {
    /** 0: an SDP offer. */
    OFFER,
    /** 1: an SDP answer. */
    ANSWER,
    /** 2: an ICE candidate. */
    ICE,
    /** 3: the call is over. */
    BYE;

    private static final VoiceKind[] BY_WIRE = values();

    /** The u8 sent on the wire. */
    public int wire() {
        return ordinal();
    }

    /** The constant for a wire value, or empty where v1 defines none. */
    public static Optional<VoiceKind> fromWire(int wire) {
        return wire >= 0 && wire < BY_WIRE.length ? Optional.of(BY_WIRE[wire]) : Optional.empty();
    }

    /** For decoders that already checked the range with {@code FrameReader.enumU8(count(), ...)}. */
    static VoiceKind byWire(int wire) {
        return BY_WIRE[wire];
    }

    static int count() {
        return BY_WIRE.length;
    }
}
