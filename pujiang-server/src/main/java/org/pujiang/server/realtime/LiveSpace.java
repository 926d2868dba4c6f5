package org.pujiang.server.realtime;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.pujiang.space.Space;
import org.pujiang.space.SpaceConfig;
import org.pujiang.space.SpaceId;
import org.pujiang.space.tick.SpaceScheduler;

/**
 * One running space on this node: the engine, its schedule, the stored name it was opened with, and the
 * roles of the people who joined it (the engine knows only whether someone is a host; Presence carries
 * the role), and the {@code Space.objectsVersion()} last saved. Thread-safe: the engine takes commands from any thread through {@link Space#offer}.
 */
public record LiveSpace(SpaceId id, String name, SpaceConfig config, Space engine, SpaceScheduler.Ticket ticket,
        Map<String, String> roles, AtomicLong savedObjectsVersion, StateBodies bodies, TickOutbox outbox) {

    /** The role wire name of a user who joined this space, {@code member} when unknown. */
    String role(String userId) {
        return roles.getOrDefault(userId, "member");
    }
}
