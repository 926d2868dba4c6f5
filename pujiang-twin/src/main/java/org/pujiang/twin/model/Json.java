package org.pujiang.twin.model;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** The one JSON mapper of the model package, and RFC 6901 pointer building. */
final class Json {
    /**
     * Strict on purpose: a model with a duplicated member or trailing garbage is more likely a mistake than
     * an intent, and NaN literals are not JSON.
     */
    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    /** The document's tree, or null after adding a "malformed JSON" problem at the root. */
    static JsonNode read(String text, Problems problems) {
        if (text == null || text.isBlank()) {
            problems.add("", "empty document");
            return null;
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            problems.add("", "malformed JSON" + where + ": " + e.getOriginalMessage());
            return null;
        }
    }

    /** {@code parent} extended by one reference token, escaped per RFC 6901 §3. */
    static String pointer(String parent, String token) {
        if (token.indexOf('~') < 0 && token.indexOf('/') < 0) {
            return parent + "/" + token;
        }
        return parent + "/" + token.replace("~", "~0").replace("/", "~1");
    }

    static String pointer(String parent, int index) {
        return parent + "/" + index;
    }

    /** A short rendering of a value for messages, so a huge payload does not end up in a log line. */
    static String brief(JsonNode value) {
        String s = value.toString();
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
