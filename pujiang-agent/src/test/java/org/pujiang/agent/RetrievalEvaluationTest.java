package org.pujiang.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.pujiang.agent.kb.KbJson;
import org.pujiang.agent.kb.KnowledgeBase;
import org.pujiang.agent.retrieval.Retriever;
import org.pujiang.agent.retrieval.Retriever.ChineseWords;

/**
 * Retrieval on the service hall's evaluation set: 284 questions in Chinese and English, worded unlike the stored
 * phrasings (the knowledge base's phrasings were written without sight of it; the few that came out identical to an
 * evaluation question were removed), each with the entry it asks or null for questions the hall cannot answer.
 * Reports top-1 accuracy per language and for both Chinese word segmenters, and what the confidence threshold does,
 * and fails below the floors. The data lives with the demo content in pujiang-server.
 */
class RetrievalEvaluationTest {
    private static final Path DATA = Path.of("..", "pujiang-server", "src");
    /** Measured 0.825 (HanLP) on 2026-11-24; the target is 0.90. Raise the floor as retrieval improves. */
    private static final double FLOOR = 0.80;
    /** The server's default agents.confidence-threshold. */
    private static final double THRESHOLD = 0.25;

    @Test
    void topOneAccuracyAndTheConfidenceThreshold() throws Exception {
        KnowledgeBase kb = KbJson.parse(Files.readString(DATA.resolve("main/resources/demo/agents/service-hall-kb.json")));
        JsonNode eval = new ObjectMapper().readTree(DATA.resolve("test/resources/agents/service-hall-eval.json").toFile());
        Map<ChineseWords, Double> accuracy = new TreeMap<>();
        for (ChineseWords words : ChineseWords.values()) {
            Retriever retriever = new Retriever(kb, words);
            int answerable = 0;
            int right = 0;
            int rightAnswered = 0;
            int wrongAnswered = 0;
            int offTopic = 0;
            int offTopicHeld = 0;
            Map<String, int[]> byLang = new TreeMap<>();
            for (JsonNode q : eval.path("questions")) {
                Retriever.Match m = retriever.ask(q.path("q").asText());
                boolean answered = m != null && m.confidence() >= THRESHOLD;
                if (q.path("expected").isNull()) {
                    offTopic++;
                    offTopicHeld += answered ? 0 : 1;
                    continue;
                }
                answerable++;
                int[] lang = byLang.computeIfAbsent(q.path("lang").asText(), k -> new int[2]);
                lang[1]++;
                boolean ok = m != null && m.entry().id().equals(q.path("expected").asText());
                if (ok) {
                    right++;
                    lang[0]++;
                }
                rightAnswered += ok && answered ? 1 : 0;
                wrongAnswered += !ok && answered ? 1 : 0;
            }
            double a = (double) right / answerable;
            accuracy.put(words, a);
            System.out.printf("retrieval (%s words) top-1 accuracy: %d of %d = %.3f%n", words, right, answerable, a);
            byLang.forEach((lang, n) -> System.out.printf("  %s: %d of %d = %.3f%n", lang, n[0], n[1],
                    (double) n[0] / n[1]));
            System.out.printf("  at confidence %.2f: %d answered right, %d answered wrong, %d handed off;"
                    + " %d of %d off-topic questions handed off%n", THRESHOLD, rightAnswered, wrongAnswered,
                    answerable - rightAnswered - wrongAnswered, offTopicHeld, offTopic);
            assertThat(answerable).isGreaterThanOrEqualTo(150);
            // The threshold must hold back most questions the hall cannot answer, and let most right answers through.
            assertThat((double) offTopicHeld / offTopic).isGreaterThanOrEqualTo(0.75);
            assertThat((double) rightAnswered / right).isGreaterThanOrEqualTo(0.85);
        }
        assertThat(accuracy.get(ChineseWords.HANLP)).isGreaterThanOrEqualTo(FLOOR);
    }
}
