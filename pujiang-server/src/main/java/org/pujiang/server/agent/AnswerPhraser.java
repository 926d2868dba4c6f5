package org.pujiang.server.agent;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.pujiang.agent.retrieval.Retriever;

/**
 * Turns the retrieved entries into the answer an agent says. The default says the best entry's answer as written;
 * an LLM-backed one phrases it, grounded only on these entries. Called only when retrieval was confident enough.
 * May complete on any thread; a failed future falls back to the best entry's answer.
 */
@FunctionalInterface
public interface AnswerPhraser {
    /**
     * @param question the visitor's question, checked and trimmed
     * @param lang the language to answer in
     * @param top the retrieved entries, best first, never empty
     */
    CompletableFuture<String> phrase(String question, String lang, List<Retriever.Match> top);

    /** The best entry's answer in {@code lang} (or Chinese, or any), as written. */
    AnswerPhraser RETRIEVED = (question, lang, top) -> CompletableFuture.completedFuture(top.get(0).entry().answer(lang));
}
