package org.pujiang.agent.kb;

import java.util.List;
import java.util.Map;

/**
 * A knowledge base as imported: entries, synonym groups (words that mean the same to visitors), the welcome lines
 * and the hot questions shown as quick buttons. A value; safe from any thread.
 */
public record KnowledgeBase(List<KbEntry> entries, List<List<String>> synonyms, Map<String, String> welcome,
        List<String> hotQuestions) {
    public KnowledgeBase {
        entries = List.copyOf(entries);
        synonyms = synonyms.stream().map(List::copyOf).toList();
        welcome = Map.copyOf(welcome);
        hotQuestions = List.copyOf(hotQuestions);
    }
}
