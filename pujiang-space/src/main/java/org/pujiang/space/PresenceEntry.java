package org.pujiang.space;

import java.util.Objects;

/**
 * One participant in a space's presence list: everyone who has an avatar there, whether or not in
 * view. {@code entityId} is the avatar's space-wide id (as in {@code EntityView.entityId()}), not a
 * client's local id.
 */
public record PresenceEntry(int entityId, String userId, String displayName, boolean host) {
    public PresenceEntry {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(displayName, "displayName");
    }
}
