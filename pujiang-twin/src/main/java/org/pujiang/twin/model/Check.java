package org.pujiang.twin.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A compiled {@link DataSchema}: bounds unboxed, patterns compiled, enums hashed, so checking a value does no
 * parsing and no reflection. Immutable and safe to share between threads.
 */
abstract sealed class Check permits BooleanCheck, NumericCheck, StringCheck, ObjectCheck, ArrayCheck, NullCheck {
    private final ValueSet allowed;

    Check(Facets facets) {
        this.allowed = ValueSet.of(facets);
    }

    static Check compile(DataSchema schema) {
        return switch (schema) {
            case BooleanSchema s -> new BooleanCheck(s);
            case IntegerSchema s -> new NumericCheck(true, s.range(), s.facets());
            case NumberSchema s -> new NumericCheck(false, s.range(), s.facets());
            case StringSchema s -> new StringCheck(s);
            case ObjectSchema s -> new ObjectCheck(s);
            case ArraySchema s -> new ArrayCheck(s);
            case NullSchema s -> new NullCheck(s);
        };
    }

    /** Type and type-specific rules first, so a wrong type is reported as such and not as an enum miss. */
    final Validation check(JsonNode value) {
        Validation shape = checkShape(value);
        if (shape != Validation.OK || allowed == null) {
            return shape;
        }
        return allowed.check(value);
    }

    abstract Validation checkShape(JsonNode value);

    static Validation wrongType(String expected, JsonNode value) {
        return Validation.Rejected.of(Violation.WRONG_TYPE,
                "expected " + expected + ", got " + Problems.kind(value) + " " + Json.brief(value));
    }
}
