package org.pujiang.agent.behaviour;

/**
 * Told when an agent hands a visitor over to staff, so that the server can keep the request until a
 * person resolves it. Called on the space's tick thread: it must not block (queue the write elsewhere).
 */
@FunctionalInterface
public interface HandoffListener {
    void handoff(String userId, String displayName, String question);

    /** Keeps nothing. */
    HandoffListener NONE = (userId, displayName, question) -> {};
}
