package org.pujiang.agent.kb;

import java.util.Map;

/**
 * One stop of a guided tour, as written in a knowledge base: where the guide stands (metres on the floor, yaw in
 * radians, as in docs/scene.md) and what it says there, by language.
 */
public record KbTourStop(String id, Map<String, String> name, Map<String, String> narration, float x, float z,
        float yaw, boolean waitForGroup, String gesture) {
    public KbTourStop {
        name = Map.copyOf(name);
        narration = Map.copyOf(narration);
    }
}
