package org.pujiang.server.agent;

import java.time.Instant;
import org.pujiang.server.auth.UserId;

/**
 * One stored version of an agent's knowledge base.
 *
 * @param source how it came: {@code json}, {@code csv}, {@code rollback:<n>} or {@code demo}
 */
public record KbVersion(AgentId agent, int version, int entries, String source, UserId createdBy, Instant createdAt) {}
