package org.pujiang.agent.behaviour;

import java.util.concurrent.CompletableFuture;

/**
 * Answers visitors' questions for an agent, typically from its knowledge base. The brain calls it on the
 * space's tick thread, so {@link #ask} must return at once and do the work elsewhere (the server runs
 * retrieval on its own pool); the future may complete on any thread, and may fail.
 */
@FunctionalInterface
public interface Answerer {
    /**
     * Starts answering {@code question}; {@code lang} is the language to answer in ("zh-CN", "en"), or
     * null to detect it from the question.
     */
    CompletableFuture<AgentReply> ask(String question, String lang);
}
