package org.pujiang.protocol.message;

import org.pujiang.protocol.codec.Codec;

/**
 * 0x8F: what changed in a twin bound in the joined space. {@code json} is a JSON object with any of
 * {@code reported}, {@code desired}, {@code metadata} (merged into what the client holds, property by
 * property) and {@code alerts} (each replaces the alert of the same id); the first TwinUpdate of each
 * bound twin after Joined carries its full state. docs/protocol.md, "Live twins", has the shapes.
 */
public record TwinUpdate(String twin, String json, long serverTimeMs) implements ServerMessage {
    public static final int TYPE = 0x8F;
    /** A full state with open alerts fits; a server splits or trims anything larger. */
    public static final int JSON_MAX_BYTES = 64 * 1024;

    public TwinUpdate {
        Check.nonEmptyText(twin, TwinCommand.TWIN_MAX_BYTES, "twin");
        Check.nonEmptyText(json, JSON_MAX_BYTES, "json");
        Check.time(serverTimeMs, "serverTimeMs");
    }

    public static final Codec<TwinUpdate> CODEC = Codec.of(
            (w, m) -> w.string(m.twin).string(m.json).varLong(m.serverTimeMs),
            r -> {
                String twin = Check.nonEmptyString(r, TwinCommand.TWIN_MAX_BYTES, "TwinUpdate.twin");
                String json = Check.nonEmptyString(r, JSON_MAX_BYTES, "TwinUpdate.json");
                long time = r.varLong(0, Check.MAX_SAFE_INTEGER, "TwinUpdate.serverTimeMs");
                return r.ok() ? new TwinUpdate(twin, json, time) : null;
            });
}
