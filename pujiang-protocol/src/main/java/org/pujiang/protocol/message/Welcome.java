package org.pujiang.protocol.message;

import org.pujiang.protocol.codec.Codec;

/**
 * 0x81, the answer to a good {@link Hello}: the version chosen for the rest of the connection (the
 * highest both sides speak), the server's clock, the tick rate of its spaces, and who the token
 * belongs to. The frame header already carries the chosen version.
 */
public record Welcome(int version, long serverTimeMs, int tickHz, String userId, String displayName, String role)
        implements ServerMessage {
    public static final int TYPE = 0x81;

    public Welcome {
        Check.range(version, 1, 255, "version");
        Check.time(serverTimeMs, "serverTimeMs");
        Check.range(tickHz, 1, 1000, "tickHz");
        Check.text(userId, PresenceEntry.USER_ID_MAX_BYTES, "userId");
        Check.text(displayName, PresenceEntry.DISPLAY_NAME_MAX_BYTES, "displayName");
        Check.text(role, PresenceEntry.ROLE_MAX_BYTES, "role");
    }

    public static final Codec<Welcome> CODEC = Codec.of(
            (w, m) -> w.varInt(m.version).varLong(m.serverTimeMs).varInt(m.tickHz).string(m.userId)
                    .string(m.displayName).string(m.role),
            r -> {
                int version = r.varInt(1, 255, "Welcome.version");
                long time = r.varLong(0, Check.MAX_SAFE_INTEGER, "Welcome.serverTimeMs");
                int hz = r.varInt(1, 1000, "Welcome.tickHz");
                String userId = r.string(PresenceEntry.USER_ID_MAX_BYTES, "Welcome.userId");
                String name = r.string(PresenceEntry.DISPLAY_NAME_MAX_BYTES, "Welcome.displayName");
                String role = r.string(PresenceEntry.ROLE_MAX_BYTES, "Welcome.role");
                return r.ok() ? new Welcome(version, time, hz, userId, name, role) : null;
            });
}
