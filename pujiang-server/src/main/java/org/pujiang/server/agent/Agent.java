package org.pujiang.server.agent;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.pujiang.server.auth.UserId;
import org.pujiang.space.SpaceId;

/**
 * A digital human attached to a space, as stored.
 *
 * @param persona a JSON object: {@code name} and {@code greeting} by language, {@code appearance}, and whatever else
 *     the agent's behaviours read (a {@code tour}, a {@code home}); canonical text
 * @param languages language tags, the first the one it greets in; at least one
 * @param kbVersion the current knowledge-base version, 0 before the first import
 * @param kbEntries the entries of that version, 0 before the first import
 */
public record Agent(AgentId id, SpaceId space, String name, String persona, List<String> languages, int kbVersion,
        int kbEntries, UserId createdBy, Instant createdAt, Instant updatedAt) {
    public Agent {
        languages = List.copyOf(languages);
    }

    /** The agent's user id inside a space (its avatar's): its id. */
    public String userId() {
        return id.value();
    }

    /** The persona as a fresh JSON object (the caller may change it). */
    public JsonObject personaJson() {
        return new JsonObject(persona);
    }

    public Agent withKb(int version, int entries, Instant at) {
        return new Agent(id, space, name, persona, languages, version, entries, createdBy, createdAt, at);
    }
}
