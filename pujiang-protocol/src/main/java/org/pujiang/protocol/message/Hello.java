package org.pujiang.protocol.message;

import org.pujiang.protocol.codec.Codec;

/**
 * 0x01, the first frame of a connection: the protocol versions the client speaks, its bearer token
 * (from {@code POST /api/auth/login} or {@code /api/auth/guest}) and a free-form client name for logs.
 * Answered by {@link Welcome}, or by {@link ErrorMessage} then {@link Goodbye}. Its layout is frozen
 * for every protocol version, and its frame header always says version 1, so that any server can read it.
 */
public record Hello(int minVersion, int maxVersion, String token, String clientName) implements ClientMessage {
    public static final int TYPE = 0x01;
    /** The version byte of every Hello frame, whatever versions the client speaks. */
    public static final int FRAME_VERSION = 1;
    public static final int TOKEN_MAX_BYTES = 512;
    public static final int CLIENT_NAME_MAX_BYTES = 64;

    public Hello {
        Check.range(minVersion, 1, 255, "minVersion");
        Check.range(maxVersion, minVersion, 255, "maxVersion");
        Check.text(token, TOKEN_MAX_BYTES, "token");
        Check.text(clientName, CLIENT_NAME_MAX_BYTES, "clientName");
    }

    public static final Codec<Hello> CODEC = Codec.of(
            (w, m) -> w.varInt(m.minVersion).varInt(m.maxVersion).string(m.token).string(m.clientName),
            r -> {
                int min = r.varInt(1, 255, "Hello.minVersion");
                int max = r.varInt(1, 255, "Hello.maxVersion");
                String token = r.string(TOKEN_MAX_BYTES, "Hello.token");
                String name = r.string(CLIENT_NAME_MAX_BYTES, "Hello.clientName");
                if (r.ok() && max < min) {
                    r.fail("Hello.maxVersion: " + max + " is below minVersion " + min);
                }
                return r.ok() ? new Hello(min, max, token, name) : null;
            });
}
