package org.pujiang.agent.kb;

import java.util.List;
import java.util.Map;

/**
 * A knowledge base as imported: entries, synonym groups (words that mean the same to visitors), the welcome lines
 * and the hot questions shown as quick buttons, and a guide's tour (empty for agents that give none). A value; safe
 * from any thread.
 */
public record KnowledgeBase(List<KbEntry> entries, List<List<String>> synonyms, Map<String, String> welcome,
        List<String> hotQuestions, List<KbTourStop> tour) {
    public KnowledgeBase {
        entries = List.copyOf(entries);
        synonyms = synonyms.stream().map(List::copyOf).toList();
        welcome = Map.copyOf(welcome);
        hotQuestions = List.copyOf(hotQuestions);
        tour = List.copyOf(tour);
    }

    public KnowledgeBase(List<KbEntry> entries, List<List<String>> synonyms, Map<String, String> welcome,
            List<String> hotQuestions) {
        this(entries, synonyms, welcome, hotQuestions, List.of());
    }

    /** The entry with this id, or null. */
    public KbEntry entry(String id) {
        for (KbEntry e : entries) {
            if (e.id().equals(id)) {
                return e;
            }
        }
        return null;
    }
}
