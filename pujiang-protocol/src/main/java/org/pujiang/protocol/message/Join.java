package org.pujiang.protocol.message;

import java.util.Objects;
import java.util.UUID;
import org.pujiang.protocol.codec.Codec;

/**
 * 0x02: enter a space. {@code resumeKey} 0 asks for a new avatar; otherwise it is the key from an
 * earlier {@link Joined} in the same space, to take that avatar back after a dropped connection. The key
 * is sent as 8 fixed bytes (u64 little-endian) because it is random: a varint would take 10 bytes.
 * Answered by {@link Joined}, {@link Presence} and {@link Enter}s, or by an {@link ErrorMessage}.
 */
public record Join(UUID spaceId, long resumeKey) implements ClientMessage {
    public static final int TYPE = 0x02;

    public Join {
        Objects.requireNonNull(spaceId, "spaceId");
    }

    /** Asks for a new avatar. */
    public static Join fresh(UUID spaceId) {
        return new Join(spaceId, 0);
    }

    public boolean isResume() {
        return resumeKey != 0;
    }

    public static final Codec<Join> CODEC = Codec.of(
            (w, m) -> w.uuid(m.spaceId).u64(m.resumeKey),
            r -> {
                UUID space = r.uuid("Join.spaceId");
                long key = r.u64("Join.resumeKey");
                return r.ok() ? new Join(space, key) : null;
            });
}
