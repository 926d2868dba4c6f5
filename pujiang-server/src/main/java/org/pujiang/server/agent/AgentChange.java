package org.pujiang.server.agent;

/**
 * What changed about an agent, told to {@link AgentService#onChange} listeners after it is stored. The live spaces
 * follow these: an agent joins its space when created, changes persona or moves when updated, leaves when deleted,
 * and answers from the new knowledge base when it changed.
 */
public sealed interface AgentChange {
    /** The agent as it is now (as it was, for {@link Deleted}). */
    Agent agent();

    record Created(Agent agent) implements AgentChange {}

    /** Name, persona, languages or space changed; {@code before} is how it was. */
    record Updated(Agent before, Agent agent) implements AgentChange {}

    record Deleted(Agent agent) implements AgentChange {}

    /** A new knowledge-base version is current ({@code agent.kbVersion()}): an import or a rollback. */
    record KnowledgeChanged(Agent agent) implements AgentChange {}
}
