package org.pujiang.twin.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The values an {@code enum} or {@code const} allows, keyed so that membership follows JSON equality rather
 * than Jackson node classes: {@code 2}, {@code 2.0} and a BigInteger 2 are the same number.
 */
final class ValueSet {
    private final Set<Object> keys = new HashSet<>();
    private final Violation violation;
    private final String description;

    private ValueSet(List<JsonNode> values, Violation violation, String description) {
        for (JsonNode v : values) {
            keys.add(key(v));
        }
        this.violation = violation;
        this.description = description;
    }

    /** Null when the facets allow any value, so the caller's hot path can skip the check. */
    static ValueSet of(Facets facets) {
        if (facets.constValue() != null) {
            return new ValueSet(List.of(facets.constValue()), Violation.NOT_CONST,
                    "must be " + Json.brief(facets.constValue()));
        }
        if (!facets.enumValues().isEmpty()) {
            return new ValueSet(facets.enumValues(), Violation.NOT_IN_ENUM,
                    "must be one of " + Json.brief(Json.MAPPER.valueToTree(facets.enumValues())));
        }
        return null;
    }

    Validation check(JsonNode value) {
        if (keys.contains(key(value))) {
            return Validation.OK;
        }
        return Validation.Rejected.of(violation, Json.brief(value) + " " + description);
    }

    private static Object key(JsonNode v) {
        if (v.isNumber()) {
            double d = v.doubleValue();
            return d == 0.0 ? 0.0 : d; // -0.0 equals 0.0 in JSON
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        return v; // null, objects and arrays: Jackson's deep equality
    }
}
