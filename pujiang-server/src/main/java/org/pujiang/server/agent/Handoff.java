package org.pujiang.server.agent;

import java.time.Instant;
import java.util.UUID;
import org.pujiang.server.auth.UserId;
import org.pujiang.space.SpaceId;

/**
 * A question an agent handed to staff: it was not sure, or the visitor asked for a person.
 *
 * @param userId the asker's user id as the space knows it
 * @param resolvedAt null while open; set together with {@code resolvedBy}
 */
public record Handoff(UUID id, AgentId agent, SpaceId space, String userId, String displayName, String question,
        Instant createdAt, Instant resolvedAt, UserId resolvedBy) {
    public boolean open() {
        return resolvedAt == null;
    }
}
