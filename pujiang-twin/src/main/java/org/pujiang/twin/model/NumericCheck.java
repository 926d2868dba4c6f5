package org.pujiang.twin.model;

import com.fasterxml.jackson.databind.JsonNode;

/** Integer and number schemas. Absent bounds become infinities, so the hot path has no null checks. */
final class NumericCheck extends Check {
    private final boolean integral;
    private final double minimum;
    private final double maximum;
    private final double exclusiveMinimum;
    private final double exclusiveMaximum;

    NumericCheck(boolean integral, NumericRange range, Facets facets) {
        super(facets);
        this.integral = integral;
        this.minimum = range.minimum() == null ? Double.NEGATIVE_INFINITY : range.minimum();
        this.maximum = range.maximum() == null ? Double.POSITIVE_INFINITY : range.maximum();
        this.exclusiveMinimum = range.exclusiveMinimum() == null ? Double.NEGATIVE_INFINITY : range.exclusiveMinimum();
        this.exclusiveMaximum = range.exclusiveMaximum() == null ? Double.POSITIVE_INFINITY : range.exclusiveMaximum();
    }

    @Override
    Validation checkShape(JsonNode value) {
        if (!value.isNumber()) {
            return wrongType(integral ? "an integer" : "a number", value);
        }
        double d = value.doubleValue();
        if (!Double.isFinite(d)) {
            // Jackson prints NaN as a quoted string; a binary double reads better in a reason.
            String shown = value.isDouble() || value.isFloat() ? Double.toString(d) : Json.brief(value);
            return Validation.Rejected.of(Violation.NOT_FINITE, shown + " is not a finite number");
        }
        if (integral && !isMathematicalInteger(value, d)) {
            return wrongType("an integer", value);
        }
        // Inclusive and exclusive bounds are checked apart: both may be set, and JSON Schema requires all.
        if (d < minimum) {
            return outside(Violation.BELOW_MINIMUM, value, "is below minimum " + number(minimum));
        }
        if (d <= exclusiveMinimum) {
            return outside(Violation.BELOW_MINIMUM, value, "is not above exclusiveMinimum " + number(exclusiveMinimum));
        }
        if (d > maximum) {
            return outside(Violation.ABOVE_MAXIMUM, value, "is above maximum " + number(maximum));
        }
        if (d >= exclusiveMaximum) {
            return outside(Violation.ABOVE_MAXIMUM, value, "is not below exclusiveMaximum " + number(exclusiveMaximum));
        }
        return Validation.OK;
    }

    /** JSON Schema's integer: any number with a zero fractional part, so 3.0 counts and 3.5 does not. */
    private static boolean isMathematicalInteger(JsonNode value, double d) {
        if (value.isIntegralNumber()) {
            return true;
        }
        if (value.isBigDecimal()) {
            return value.decimalValue().stripTrailingZeros().scale() <= 0;
        }
        return d == Math.rint(d);
    }

    private static Validation outside(Violation violation, JsonNode value, String what) {
        return Validation.Rejected.of(violation, Json.brief(value) + " " + what);
    }

    /** 40 rather than 40.0 in messages, since most bounds are whole numbers. */
    static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
