package org.pujiang.space.object;

import java.util.Objects;

/**
 * A shared object as the server persists it: its durable id, name, position and heading. Holders are
 * not persisted: after a restart every object is free.
 */
public record ObjectState(long objectId, String name, float x, float y, float z, float yaw) {
    public ObjectState {
        Objects.requireNonNull(name, "name");
    }
}
