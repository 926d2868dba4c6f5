package org.pujiang.server.agent;

import java.util.Optional;
import org.pujiang.agent.text.PromptInjection;

/**
 * Refuses questions that try to override an agent's instructions (prompt injection). Every question passes through
 * {@link #check} before retrieval; a refusal is answered {@code 422 agent:question.refused} with the reason, and an
 * agent in a space says it can only help with questions about its service.
 */
public final class PromptGuard {
    private PromptGuard() {}

    /** Why {@code text} is refused, or empty when it may be asked. Pure; any thread. */
    public static Optional<String> check(String text) {
        return PromptInjection.check(text).map(reason -> "the question " + reason
                + "; ask about this place's services instead");
    }
}
