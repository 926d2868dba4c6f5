package org.pujiang.agent.behaviour;

import java.util.Map;
import java.util.Objects;

/**
 * One stop of an agent's tour: where to stand and face, and what to say there.
 *
 * @param id a stable id (an exhibit's id)
 * @param name the stop's name by language ("zh-CN", "en")
 * @param narration what the agent says there, by language
 * @param x where to stand, metres
 * @param z where to stand, metres
 * @param yaw which way to face there, radians (the engine's convention: 0 faces -z)
 * @param waitForGroup wait there until the group has gathered (at most {@link AgentProfile#GROUP_WAIT}) before
 *     narrating
 * @param gesture the gesture while narrating, or null for {@code point}
 */
public record TourStop(String id, Map<String, String> name, Map<String, String> narration, float x, float z,
        float yaw, boolean waitForGroup, String gesture) {
    public TourStop {
        Objects.requireNonNull(id, "id");
        name = Map.copyOf(name);
        narration = Map.copyOf(narration);
        if (!Float.isFinite(x) || !Float.isFinite(z) || !Float.isFinite(yaw)) {
            throw new IllegalArgumentException("tour stop " + id + " needs a finite place, got x=" + x + " z=" + z
                    + " yaw=" + yaw);
        }
    }
}
