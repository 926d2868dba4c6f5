package org.pujiang.twin.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The DataSchema terms every type shares: human text, the unit, and the enum/const restrictions.
 *
 * @param title        short human name, or null
 * @param description  longer human text, or null
 * @param unit         unit of the value (e.g. {@code "Cel"}, {@code "kPa"}, {@code "rpm"}), or null
 * @param enumValues   the allowed values; empty means unrestricted
 * @param constValue   the only allowed value, or null when there is none
 */
public record Facets(String title, String description, String unit, List<JsonNode> enumValues, JsonNode constValue) {
    public static final Facets NONE = new Facets(null, null, null, List.of(), null);

    public Facets {
        // Deep copies: JsonNode containers are mutable, and a model must not change under a validator.
        enumValues = enumValues == null ? List.of() : enumValues.stream().<JsonNode>map(JsonNode::deepCopy).toList();
        constValue = constValue == null ? null : constValue.deepCopy();
    }

    public static Facets unit(String unit) {
        return new Facets(null, null, unit, List.of(), null);
    }

    public Facets withTitle(String newTitle, String newDescription) {
        return new Facets(newTitle, newDescription, unit, enumValues, constValue);
    }

    public Facets withEnum(List<JsonNode> values) {
        return new Facets(title, description, unit, values, constValue);
    }
}
