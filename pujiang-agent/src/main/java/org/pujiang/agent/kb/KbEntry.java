package org.pujiang.agent.kb;

import java.util.List;
import java.util.Map;

/**
 * One knowledge-base entry: the ways visitors ask it, the answer per language, and how the agent presents it.
 *
 * @param answers the answer by language tag ({@code zh-CN}, {@code en}); at least one
 * @param gesture the gesture cue that goes with the answer, or null
 * @param link a link shown with the answer, or null
 */
public record KbEntry(String id, List<String> questions, Map<String, String> answers, List<String> tags,
        String gesture, String link) {
    public KbEntry {
        questions = List.copyOf(questions);
        answers = Map.copyOf(answers);
        tags = List.copyOf(tags);
    }

    /** The answer in {@code lang}, else in Chinese, else any. */
    public String answer(String lang) {
        String a = answers.get(lang);
        if (a == null) {
            a = answers.getOrDefault("zh-CN", answers.values().iterator().next());
        }
        return a;
    }
}
