package org.pujiang.server.agent.llm;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.pujiang.agent.retrieval.Retriever;
import org.pujiang.server.agent.AnswerPhraser;
import org.pujiang.server.config.ServerConfig;

/**
 * Answers phrased by a language model (agents.llm.*), grounded on the entry retrieval chose: the model may only
 * restate that entry; whatever it answers otherwise, or too late, the entry's answer is said as written.
 */
public final class LlmPhraser implements AnswerPhraser {
    private final GroundedPhraser grounded;

    public LlmPhraser(ServerConfig.Llm llm) {
        this.grounded = new GroundedPhraser(new ChatCompletions(
                new ChatCompletions.Endpoint(llm.url(), llm.model(), llm.apiKey(), llm.timeout())));
    }

    @Override
    public CompletableFuture<String> phrase(String question, String lang, List<Retriever.Match> top) {
        Retriever.Match best = top.get(0);
        String written = best.entry().answer(lang);
        var candidate = new GroundedPhraser.Candidate(best.entry().id(), best.entry().questions().get(0), written);
        return grounded.phrase("the digital service assistant", question, lang, List.of(candidate))
                .thenApply(p -> p.map(GroundedPhraser.Phrased::text).orElse(written));
    }
}
