package org.pujiang.space.entity;

import org.pujiang.protocol.message.EntityKind;

/**
 * A read-only look at one entity's current state, handed to a {@code ClientSink}. The engine passes a
 * reused cursor: it is valid only during the call that received it, and a sink that keeps state must
 * copy the values (or call {@link #snapshot()}).
 */
public interface EntityView {
    /** The entity's space-wide id: stable for its lifetime, never reused within the space. */
    int entityId();

    EntityKind kind();

    float x();

    float y();

    float z();

    /** Radians. */
    float yaw();

    /** Radians. */
    float pitch();

    float vx();

    float vy();

    float vz();

    /** An application-defined animation state, 0–255. */
    int anim();

    /** The tick in which the entity last changed. */
    long version();

    /** For an avatar, the sequence number of the last input the engine accepted; otherwise -1. */
    int inputSeq();

    /** An immutable copy of this state, safe to keep. */
    default EntityState snapshot() {
        return new EntityState(entityId(), kind(), x(), y(), z(), yaw(), pitch(), vx(), vy(), vz(), anim(),
                version(), inputSeq());
    }
}
