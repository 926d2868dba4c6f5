package org.pujiang.twin.model;

/**
 * Bounds of an integer or number schema. Each bound is null when absent. Inclusive and exclusive bounds
 * may both be given; a value must satisfy all of them (JSON Schema semantics, which the TD follows).
 */
public record NumericRange(Double minimum, Double maximum, Double exclusiveMinimum, Double exclusiveMaximum) {
    public static final NumericRange NONE = new NumericRange(null, null, null, null);

    public static NumericRange closed(double minimum, double maximum) {
        return new NumericRange(minimum, maximum, null, null);
    }

    public boolean isUnbounded() {
        return minimum == null && maximum == null && exclusiveMinimum == null && exclusiveMaximum == null;
    }
}
