package org.pujiang.protocol.message;

import java.util.Objects;
import java.util.UUID;
import org.pujiang.protocol.codec.Codec;

/**
 * 0x82, the answer to a good {@link Join}: the space, the client's own entity id, a fresh resume key
 * (u64, never 0; keep it to resume after a dropped connection), the world bounds in metres (Y up),
 * the space's capacity and the interest radius in metres. Followed by {@link Presence} and {@link Enter}s,
 * the first of which is the client's own entity at its spawn point.
 */
public record Joined(UUID spaceId, String spaceName, int selfEntity, long resumeKey, float minX, float minY,
        float minZ, float maxX, float maxY, float maxZ, int capacity, float interestRadius) implements ServerMessage {
    public static final int TYPE = 0x82;
    /** Longest space name in UTF-8 bytes: 100 code points of up to 4 bytes each, with room to spare. */
    public static final int SPACE_NAME_MAX_BYTES = 512;

    public Joined {
        Objects.requireNonNull(spaceId, "spaceId");
        Check.text(spaceName, SPACE_NAME_MAX_BYTES, "spaceName");
        Check.entity(selfEntity, "selfEntity");
        if (resumeKey == 0) {
            throw new IllegalArgumentException("resumeKey must not be 0 (0 means 'new avatar' in Join)");
        }
        checkAxis("x", minX, maxX);
        checkAxis("y", minY, maxY);
        checkAxis("z", minZ, maxZ);
        Check.range(capacity, 1, Integer.MAX_VALUE, "capacity");
        Check.finite(interestRadius, "interestRadius");
        if (!(interestRadius > 0)) {
            throw new IllegalArgumentException("interestRadius must be > 0, got " + interestRadius);
        }
    }

    private static void checkAxis(String axis, float min, float max) {
        Check.finite(min, "min" + axis);
        Check.finite(max, "max" + axis);
        if (!(min <= max)) {
            throw new IllegalArgumentException("bounds on " + axis + " need min <= max, got " + min + " > " + max);
        }
    }

    public static final Codec<Joined> CODEC = Codec.of(
            (w, m) -> w.uuid(m.spaceId).string(m.spaceName).varInt(m.selfEntity).u64(m.resumeKey)
                    .f32(m.minX).f32(m.minY).f32(m.minZ).f32(m.maxX).f32(m.maxY).f32(m.maxZ)
                    .varInt(m.capacity).f32(m.interestRadius),
            r -> {
                UUID space = r.uuid("Joined.spaceId");
                String name = r.string(SPACE_NAME_MAX_BYTES, "Joined.spaceName");
                int self = r.varInt(1, Integer.MAX_VALUE, "Joined.selfEntity");
                long key = r.u64("Joined.resumeKey");
                if (r.ok() && key == 0) {
                    r.fail("Joined.resumeKey: must not be 0");
                }
                float minX = r.finiteF32("Joined.minX");
                float minY = r.finiteF32("Joined.minY");
                float minZ = r.finiteF32("Joined.minZ");
                float maxX = r.finiteF32("Joined.maxX");
                float maxY = r.finiteF32("Joined.maxY");
                float maxZ = r.finiteF32("Joined.maxZ");
                if (r.ok() && !(minX <= maxX && minY <= maxY && minZ <= maxZ)) {
                    r.fail("Joined bounds: a min exceeds its max (" + minX + "," + minY + "," + minZ + " .. " + maxX
                            + "," + maxY + "," + maxZ + ")");
                }
                int capacity = r.varInt(1, Integer.MAX_VALUE, "Joined.capacity");
                float radius = r.finiteF32("Joined.interestRadius");
                if (r.ok() && !(radius > 0)) {
                    r.fail("Joined.interestRadius: must be > 0, got " + radius);
                }
                return r.ok()
                        ? new Joined(space, name, self, key, minX, minY, minZ, maxX, maxY, maxZ, capacity, radius)
                        : null;
            });
}
