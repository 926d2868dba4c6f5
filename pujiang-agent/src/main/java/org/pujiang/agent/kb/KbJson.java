package org.pujiang.agent.kb;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a knowledge base from JSON: either a bare array of entries, or an object with {@code entries},
 * {@code synonyms}, {@code welcome}, {@code hotQuestions} and a guide's {@code tour}. An entry is {@code {id, questions: [..], answer,
 * tags?, gesture?, link?}} where {@code answer} is a string or an object by language. Everything wrong is reported
 * with its JSON pointer; nothing is half-imported. {@link #write} gives the canonical form, which parses back to an
 * equal knowledge base. Pure; any thread.
 */
public final class KbJson {
    /** Entry ids: letters, digits, dot, dash and underscore, 1 to 64. */
    static final String ID = "[A-Za-z0-9._-]{1,64}";
    public static final int MAX_QUESTIONS = 50;
    public static final int MAX_TEXT = 4000;
    public static final int MAX_TOUR_STOPS = 50;
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
        if (!syn.isMissingNode() && !syn.isNull() && !syn.isArray()) {
            throw new KbFormatException("/synonyms: must be an array of arrays of words");
        }
        for (int i = 0; i < syn.size(); i++) {
            List<String> group = strings(syn.get(i), "/synonyms/" + i, true);
            if (group.isEmpty()) {
                throw new KbFormatException("/synonyms/" + i + ": a group needs at least one word");
            }
            synonyms.add(group);
        }
        Map<String, String> welcome = new LinkedHashMap<>();
        JsonNode w = doc.path("welcome");
        if (!w.isMissingNode() && !w.isNull() && !w.isObject()) {
            throw new KbFormatException("/welcome: must be an object of strings by language");
        }
        for (var it = w.fields(); it.hasNext(); ) {
            var f = it.next();
            if (!f.getValue().isTextual()) {
                throw new KbFormatException("/welcome/" + f.getKey() + ": must be a string");
            }
            welcome.put(f.getKey(), limited(f.getValue().asText(), "/welcome/" + f.getKey()));
        }
        List<String> hot = strings(doc.path("hotQuestions"), "/hotQuestions", false);
        for (String h : hot) {
            if (!ids.contains(h)) {
                throw new KbFormatException("/hotQuestions: no entry '" + h + "'");
            }
        }
        return new KnowledgeBase(out, synonyms, welcome, hot, tour(doc.path("tour")));
    }

    /** A guide's tour: stops in order, each with a position on the floor and a narration by language. */
    private static List<KbTourStop> tour(JsonNode tour) throws KbFormatException {
        if (tour.isMissingNode() || tour.isNull()) {
            return List.of();
        }
        if (!tour.isArray() || tour.size() > MAX_TOUR_STOPS) {
            throw new KbFormatException("/tour: an array of at most " + MAX_TOUR_STOPS + " stops");
        }
        List<KbTourStop> stops = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < tour.size(); i++) {
            String at = "/tour/" + i;
            JsonNode s = tour.get(i);
            String id = text(s, "id", at);
            if (!ids.add(id)) {
                throw new KbFormatException(at + "/id: the stop '" + id + "' is used twice");
            }
            JsonNode p = s.path("position");
            if (!p.path("x").isNumber() || !p.path("z").isNumber()) {
                throw new KbFormatException(at + "/position: {x, z, yaw?} in metres and radians is required");
            }
            Map<String, String> narration = byLanguage(s.path("narration"), at + "/narration", true);
            stops.add(new KbTourStop(id, byLanguage(s.path("name"), at + "/name", false), narration,
                    (float) p.path("x").asDouble(), (float) p.path("z").asDouble(), (float) p.path("yaw").asDouble(0),
                    s.path("waitForGroup").asBoolean(true), optional(s, "gesture", at)));
        }
        return stops;
    }

    private static Map<String, String> byLanguage(JsonNode n, String at, boolean required) throws KbFormatException {
        Map<String, String> out = new LinkedHashMap<>();
        if (n.isTextual()) {
            out.put("zh-CN", limited(n.asText(), at));
        } else if (n.isObject()) {
            for (var it = n.fields(); it.hasNext(); ) {
                var f = it.next();
                if (!f.getValue().isTextual()) {
                    throw new KbFormatException(at + "/" + f.getKey() + ": must be a string");
                }
                out.put(f.getKey(), limited(f.getValue().asText(), at + "/" + f.getKey()));
            }
        }
        if (required && out.isEmpty()) {
            throw new KbFormatException(at + ": a string, or an object of strings by language");
        }
        return out;
    }

    /**
     * The canonical JSON of a knowledge base: the object form, compact, every entry with its answers as an object
     * by language (keys sorted) and its tags, gesture and link only when set. Equal knowledge bases give equal
     * text, and {@link #parse} of it gives an equal knowledge base.
     */
    public static String write(KnowledgeBase kb) {
        ObjectNode doc = JSON.createObjectNode();
        ArrayNode entries = doc.putArray("entries");
        for (KbEntry e : kb.entries()) {
            ObjectNode o = entries.addObject();
            o.put("id", e.id());
            ArrayNode questions = o.putArray("questions");
            e.questions().forEach(questions::add);
            ObjectNode answer = o.putObject("answer");
            new TreeMap<>(e.answers()).forEach(answer::put);
            ArrayNode tags = o.putArray("tags");
            e.tags().forEach(tags::add);
            if (e.gesture() != null) {
                o.put("gesture", e.gesture());
            }
            if (e.link() != null) {
                o.put("link", e.link());
            }
        }
        ArrayNode synonyms = doc.putArray("synonyms");
        for (List<String> group : kb.synonyms()) {
            ArrayNode g = synonyms.addArray();
            group.forEach(g::add);
        }
        ObjectNode welcome = doc.putObject("welcome");
        new TreeMap<>(kb.welcome()).forEach(welcome::put);
        ArrayNode hot = doc.putArray("hotQuestions");
        kb.hotQuestions().forEach(hot::add);
        if (!kb.tour().isEmpty()) {
            ArrayNode tour = doc.putArray("tour");
            for (KbTourStop t : kb.tour()) {
                ObjectNode o = tour.addObject();
                o.put("id", t.id());
                new TreeMap<>(t.name()).forEach(o.putObject("name")::put);
                new TreeMap<>(t.narration()).forEach(o.putObject("narration")::put);
                o.putObject("position").put("x", t.x()).put("z", t.z()).put("yaw", t.yaw());
                o.put("waitForGroup", t.waitForGroup());
                if (t.gesture() != null) {
                    o.put("gesture", t.gesture());
                }
            }
        }
        try {
            return JSON.writeValueAsString(doc);
        } catch (IOException e) {
            throw new IllegalStateException("a tree of strings always serialises", e);
        }
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
