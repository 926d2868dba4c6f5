package org.pujiang.twin.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the problems of one model document while a reader walks it, and reads typed members, recording
 * a problem (and returning null) when a member has the wrong JSON type. Readers keep going after a problem
 * so that the author sees every mistake at once. One instance per parse; not thread-safe.
 */
final class Problems {
    private final List<ModelError> errors = new ArrayList<>();

    void add(String pointer, String message) {
        errors.add(new ModelError(pointer, message));
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    int count() {
        return errors.size();
    }

    Parsed.Invalid invalid() {
        return new Parsed.Invalid(errors);
    }

    /** The member as an object node, or null (with a problem if present but not an object). */
    JsonNode object(JsonNode parent, String key, String parentPointer) {
        JsonNode v = parent.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            add(Json.pointer(parentPointer, key), "must be an object, got " + kind(v));
            return null;
        }
        return v;
    }

    JsonNode array(JsonNode parent, String key, String parentPointer) {
        JsonNode v = parent.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            add(Json.pointer(parentPointer, key), "must be an array, got " + kind(v));
            return null;
        }
        return v;
    }

    String text(JsonNode parent, String key, String parentPointer) {
        JsonNode v = parent.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            add(Json.pointer(parentPointer, key), "must be a string, got " + kind(v));
            return null;
        }
        return v.textValue();
    }

    boolean bool(JsonNode parent, String key, String parentPointer) {
        JsonNode v = parent.get(key);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            add(Json.pointer(parentPointer, key), "must be true or false, got " + kind(v));
            return false;
        }
        return v.booleanValue();
    }

    Double number(JsonNode parent, String key, String parentPointer) {
        JsonNode v = parent.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
            add(Json.pointer(parentPointer, key), "must be a finite number, got " + kind(v));
            return null;
        }
        return v.doubleValue();
    }

    /** A non-negative integer that fits an int: lengths and item counts. */
    Integer count(JsonNode parent, String key, String parentPointer) {
        JsonNode v = parent.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 0) {
            add(Json.pointer(parentPointer, key), "must be a non-negative integer, got " + Json.brief(v));
            return null;
        }
        return v.intValue();
    }

    static String kind(JsonNode v) {
        return switch (v.getNodeType()) {
            case OBJECT, POJO -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> v.isIntegralNumber() ? "an integer" : "a number";
            case BOOLEAN -> "a boolean";
            case NULL, MISSING -> "null";
            case BINARY -> "binary";
        };
    }
}
