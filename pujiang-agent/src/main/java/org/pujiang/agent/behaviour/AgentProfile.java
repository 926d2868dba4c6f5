package org.pujiang.agent.behaviour;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who an agent is in a space: its name, greeting and languages, its tour, and where it stands when idle.
 * The behaviour's distances and times are the constants below.
 *
 * @param agentId the agent's durable id
 * @param displayName the name visitors see, and answer to ("@name")
 * @param greeting what it says to a visitor who comes close, by language; {@code {name}} is replaced by
 *     the visitor's name
 * @param languages the languages it speaks, the first being its default; not empty
 * @param tour its tour's stops in order; empty when it gives none
 * @param homeX where it stands when idle, metres
 * @param homeZ where it stands when idle, metres
 * @param homeYaw which way it faces there, radians
 */
public record AgentProfile(String agentId, String displayName, Map<String, String> greeting, List<String> languages,
        List<TourStop> tour, float homeX, float homeZ, float homeYaw) {
    /** A visitor this close is greeted (and faced when the agent is idle). */
    public static final float GREET_RADIUS = 4f;
    /** The same person is not greeted again sooner than this. */
    public static final Duration REGREET_AFTER = Duration.ofMinutes(10);
    /**
     * Visitors this close to the agent when a tour starts join its group; at a stop, the group has gathered
     * when all its members still in the space are this close.
     */
    public static final float GROUP_RADIUS = 6f;
    /** Longest wait for the group at a stop. */
    public static final Duration GROUP_WAIT = Duration.ofSeconds(45);
    /** Walking speed, metres per second. */
    public static final float WALK_SPEED = 1.2f;

    public AgentProfile {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(displayName, "displayName");
        greeting = Map.copyOf(greeting);
        languages = List.copyOf(languages);
        if (languages.isEmpty()) {
            throw new IllegalArgumentException("agent " + agentId + " needs at least one language");
        }
        tour = List.copyOf(tour);
        if (!Float.isFinite(homeX) || !Float.isFinite(homeZ) || !Float.isFinite(homeYaw)) {
            throw new IllegalArgumentException("agent " + agentId + " needs a finite home, got x=" + homeX + " z="
                    + homeZ + " yaw=" + homeYaw);
        }
    }

    /** The default language: the first of {@link #languages}. */
    public String language() {
        return languages.get(0);
    }

    /** The greeting in {@code lang} (or the nearest there is), or null when it has none. */
    public String greeting(String lang) {
        return Language.pick(greeting, lang, languages);
    }
}
