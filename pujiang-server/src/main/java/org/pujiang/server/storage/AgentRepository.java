package org.pujiang.server.storage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.pujiang.server.agent.Agent;
import org.pujiang.server.agent.AgentId;
import org.pujiang.server.agent.Handoff;
import org.pujiang.server.agent.KbVersion;
import org.pujiang.server.auth.UserId;
import org.pujiang.server.storage.SpaceRepository.Page;
import org.pujiang.space.SpaceId;

/**
 * Agents, their knowledge-base versions and their handoffs (issue #7). Implementations are thread-safe; each call is
 * one transaction.
 */
public interface AgentRepository {
    /**
     * A page request: the agents of one space, or of the spaces one user owns, or all; oldest first.
     *
     * @param space only this space's agents, when present
     * @param owner only agents of spaces this user owns, when present
     * @param page 1-based
     */
    record ListQuery(Optional<SpaceId> space, Optional<UserId> owner, int page, int size) {}

    /** Stores a new agent; its kbVersion and kbEntries are ignored (0). */
    void insert(Agent agent);

    Optional<Agent> find(AgentId id);

    /** Every agent of the space, oldest first. */
    List<Agent> ofSpace(SpaceId space);

    long countOfSpace(SpaceId space);

    Page<Agent> list(ListQuery query);

    /**
     * Writes the space, name, persona, languages and updated_at.
     *
     * @return false when there is no such agent
     */
    boolean update(Agent agent);

    /** Deletes the agent with its knowledge bases and handoffs. @return false when there was no such agent */
    boolean delete(AgentId id);

    /**
     * Stores {@code body} as the agent's newest knowledge-base version, numbered one past the newest so far, makes
     * it current, and drops all but the newest {@code keep} versions. Concurrent calls for one agent are serialised.
     *
     * @return the new version, or empty when there is no such agent
     */
    Optional<KbVersion> addKbVersion(AgentId id, String body, int entries, String source, UserId by, Instant at,
            int keep);

    /** The canonical JSON of one version, or empty when the agent has no such version. */
    Optional<String> kbBody(AgentId id, int version);

    /** The stored versions, newest first. */
    List<KbVersion> kbVersions(AgentId id);

    /** @return false when the handoff's agent does not exist (any more) */
    boolean insertHandoff(Handoff handoff);

    Optional<Handoff> findHandoff(AgentId agent, UUID id);

    /** The agent's handoffs, newest first; only unresolved ones with {@code openOnly}. */
    Page<Handoff> handoffs(AgentId agent, boolean openOnly, int page, int size);

    /** Marks an open handoff resolved. @return false when it is not an open handoff of that agent */
    boolean resolveHandoff(AgentId agent, UUID id, UserId by, Instant at);
}
