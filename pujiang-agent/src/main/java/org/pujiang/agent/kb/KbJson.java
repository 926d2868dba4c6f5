package org.pujiang.agent.kb;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a knowledge base from JSON: either a bare array of entries, or an object with {@code entries},
 * {@code synonyms}, {@code welcome} and {@code hotQuestions}. An entry is {@code {id, questions: [..], answer,
 * tags?, gesture?, link?}} where {@code answer} is a string or an object by language. Everything wrong is reported
 * with its JSON pointer; nothing is half-imported. Pure; any thread.
 */
public final class KbJson {
    /** Entry ids: letters, digits, dot, dash and underscore, 1 to 64. */
    private static final String ID = "[A-Za-z0-9._-]{1,64}";
    public static final int MAX_QUESTIONS = 50;
    public static final int MAX_TEXT = 4000;
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private KbJson() {}

    public static KnowledgeBase parse(String text) throws KbFormatException {
        JsonNode doc;
        try {
            doc = JSON.readTree(text);
        } catch (IOException e) {
            throw new KbFormatException("not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (doc == null) {
            throw new KbFormatException("the file is empty");
        }
        JsonNode entries = doc.isArray() ? doc : doc.path("entries");
        String base = doc.isArray() ? "" : "/entries";
        if (!entries.isArray()) {
            throw new KbFormatException("expected an array of entries, or an object with an \"entries\" array");
        }
        List<KbEntry> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            String at = base + "/" + i;
            JsonNode e = entries.get(i);
            String id = text(e, "id", at);
            if (!id.matches(ID)) {
                throw new KbFormatException(at + "/id: '" + id + "' is not an id (letters, digits, . - _; 1 to 64)");
            }
            if (!ids.add(id)) {
                throw new KbFormatException(at + "/id: the id '" + id + "' is used twice");
            }
            List<String> questions = strings(e.path("questions"), at + "/questions", true);
            if (questions.isEmpty() || questions.size() > MAX_QUESTIONS) {
                throw new KbFormatException(at + "/questions: 1 to " + MAX_QUESTIONS + " phrasings, got "
                        + questions.size());
            }
            Map<String, String> answers = new LinkedHashMap<>();
            JsonNode answer = e.path("answer");
            if (answer.isTextual()) {
                answers.put("zh-CN", limited(answer.asText(), at + "/answer"));
            } else if (answer.isObject() && answer.size() > 0) {
                for (var it = answer.fields(); it.hasNext(); ) {
                    var f = it.next();
                    if (!f.getValue().isTextual()) {
                        throw new KbFormatException(at + "/answer/" + f.getKey() + ": must be a string");
                    }
                    answers.put(f.getKey(), limited(f.getValue().asText(), at + "/answer/" + f.getKey()));
                }
            } else {
                throw new KbFormatException(at + "/answer: a string, or an object of strings by language");
            }
            out.add(new KbEntry(id, questions, answers, strings(e.path("tags"), at + "/tags", false),
                    optional(e, "gesture", at), optional(e, "link", at)));
        }
        List<List<String>> synonyms = new ArrayList<>();
        JsonNode syn = doc.path("synonyms");
        for (int i = 0; i < syn.size(); i++) {
            synonyms.add(strings(syn.get(i), "/synonyms/" + i, true));
        }
        Map<String, String> welcome = new LinkedHashMap<>();
        doc.path("welcome").fields().forEachRemaining(f -> welcome.put(f.getKey(), f.getValue().asText()));
        List<String> hot = strings(doc.path("hotQuestions"), "/hotQuestions", false);
        for (String h : hot) {
            if (!ids.contains(h)) {
                throw new KbFormatException("/hotQuestions: no entry '" + h + "'");
            }
        }
        return new KnowledgeBase(out, synonyms, welcome, hot);
    }

    private static String text(JsonNode o, String key, String at) throws KbFormatException {
        JsonNode n = o.path(key);
        if (!n.isTextual() || n.asText().isBlank()) {
            throw new KbFormatException(at + "/" + key + ": a non-empty string is required");
        }
        return n.asText().strip();
    }

    private static String optional(JsonNode o, String key, String at) throws KbFormatException {
        JsonNode n = o.path(key);
        if (n.isMissingNode() || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new KbFormatException(at + "/" + key + ": must be a string");
        }
        return n.asText();
    }

    private static String limited(String s, String at) throws KbFormatException {
        if (s.isBlank() || s.length() > MAX_TEXT) {
            throw new KbFormatException(at + ": 1 to " + MAX_TEXT + " characters");
        }
        return s.strip();
    }

    private static List<String> strings(JsonNode n, String at, boolean required) throws KbFormatException {
        if (n.isMissingNode() || n.isNull()) {
            if (required) {
                throw new KbFormatException(at + ": an array of strings is required");
            }
            return List.of();
        }
        if (!n.isArray()) {
            throw new KbFormatException(at + ": must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            if (!n.get(i).isTextual() || n.get(i).asText().isBlank()) {
                throw new KbFormatException(at + "/" + i + ": must be a non-empty string");
            }
            out.add(limited(n.get(i).asText(), at + "/" + i));
        }
        return out;
    }
}
