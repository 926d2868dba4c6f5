package org.pujiang.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.pujiang.agent.kb.KbJson;
import org.pujiang.agent.kb.KnowledgeBase;
import org.pujiang.agent.retrieval.Retriever;

/**
 * Top-1 accuracy of retrieval on the service hall's evaluation set (paraphrased questions in Chinese and English, each
 * with the entry it asks), against a floor that must not drop. The data lives with the demo content in
 * pujiang-server (read by relative path while nothing else uses it).
 */
class RetrievalEvaluationTest {
    private static final Path DATA = Path.of("..", "pujiang-server", "src");
    /** Measured 0.515 on 2026-11-24 with the first retrieval; raise it as retrieval improves (the target is 0.90). */
    private static final double FLOOR = 0.50;

    @Test
    void topOneAccuracyOnTheServiceHallEvaluationSet() throws Exception {
        KnowledgeBase kb = KbJson.parse(Files.readString(DATA.resolve("main/resources/demo/agents/service-hall-kb.json")));
        Retriever retriever = new Retriever(kb);
        JsonNode eval = new ObjectMapper().readTree(DATA.resolve("test/resources/agents/service-hall-eval.json").toFile());
        int answerable = 0;
        int right = 0;
        java.util.Map<String, int[]> byLang = new java.util.TreeMap<>();
        for (JsonNode q : eval.path("questions")) {
            if (q.path("expected").isNull()) {
                continue;
            }
            answerable++;
            int[] lang = byLang.computeIfAbsent(q.path("lang").asText(), k -> new int[2]);
            lang[1]++;
            Retriever.Match m = retriever.ask(q.path("q").asText());
            if (m != null && m.entry().id().equals(q.path("expected").asText())) {
                right++;
                lang[0]++;
            }
        }
        double accuracy = (double) right / answerable;
        System.out.printf("retrieval top-1 accuracy: %d of %d = %.3f%n", right, answerable, accuracy);
        byLang.forEach((lang, n) -> System.out.printf("  %s: %d of %d = %.3f%n", lang, n[0], n[1], (double) n[0] / n[1]));
        assertThat(answerable).isGreaterThanOrEqualTo(150);
        assertThat(accuracy).isGreaterThanOrEqualTo(FLOOR);
    }
}
