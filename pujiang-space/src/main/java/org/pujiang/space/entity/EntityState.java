package org.pujiang.space.entity;

import java.util.Objects;
import org.pujiang.protocol.message.EntityKind;

/** An immutable copy of an {@link EntityView}. */
public record EntityState(int entityId, EntityKind kind, float x, float y, float z, float yaw, float pitch,
        float vx, float vy, float vz, int anim, long version, int inputSeq) implements EntityView {
    public EntityState {
        Objects.requireNonNull(kind, "kind");
    }

    @Override
    public EntityState snapshot() {
        return this;
    }
}
