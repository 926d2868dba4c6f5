package org.pujiang.protocol;

/**
 * Versions of the real-time wire protocol. A client names the versions it speaks in its hello;
 * the server answers with the highest one both sides know. See docs/protocol.md.
 */
public final class ProtocolVersion {
    /** The newest version this build speaks. */
    public static final int CURRENT = 1;
    /** The oldest version this build still accepts. */
    public static final int MINIMUM = 1;

    private ProtocolVersion() {}

    /** Whether this build can talk to a peer at {@code version}. */
    public static boolean isSupported(int version) {
        return version >= MINIMUM && version <= CURRENT;
    }
}
