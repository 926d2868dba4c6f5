package org.pujiang.server.space;

import java.time.Instant;
import java.util.List;
import org.pujiang.server.auth.UserId;
import org.pujiang.space.Bounds;
import org.pujiang.space.SpaceId;
import org.pujiang.space.SpaceTemplate;
import org.pujiang.space.Visibility;

/**
 * A space as stored: its descriptive fields and access list. {@code version} grows by one on each
 * change, so concurrent edits are detected instead of lost.
 */
public record Space(
        SpaceId id,
        String name,
        String description,
        UserId ownerId,
        String ownerName,
        SpaceTemplate template,
        Visibility visibility,
        int capacity,
        Bounds bounds,
        List<Member> members,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public Space {
        members = List.copyOf(members);
    }

    /** A member of a private space's access list. */
    public record Member(UserId id, String username, String displayName) {}

    public Space withMembers(List<Member> newMembers) {
        return new Space(id, name, description, ownerId, ownerName, template, visibility, capacity, bounds, newMembers,
                createdAt, updatedAt, version);
    }
}
