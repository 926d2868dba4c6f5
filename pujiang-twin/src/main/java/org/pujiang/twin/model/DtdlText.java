package org.pujiang.twin.model;

import com.fasterxml.jackson.databind.JsonNode;

/** DTDL's human text: a string, or a language map such as {@code {"en": "Press", "zh": "压力机"}}. */
final class DtdlText {
    private DtdlText() {
    }

    /** The string, or the English entry of a language map, else its first entry; null when absent. */
    static String localized(JsonNode element, String key, String ptr, Problems problems) {
        JsonNode v = element.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isObject() && !v.isEmpty()) {
            JsonNode english = v.get("en");
            JsonNode chosen = english != null ? english : v.elements().next();
            if (chosen.isTextual()) {
                return chosen.textValue();
            }
        }
        problems.add(Json.pointer(ptr, key), "must be a string or a language map of strings");
        return null;
    }
}
