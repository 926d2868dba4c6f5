package org.pujiang.server.twin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A twin query's condition on one reported property: {@code exists}, {@code eq}, {@code ne}, {@code gt}, ... */
final class PropertyFilter {
    static final List<String> OPS = List.of("exists", "eq", "ne", "gt", "gte", "lt", "lte");

    private PropertyFilter() {
    }

    static boolean matches(JsonNode actual, String op, JsonNode expected) {
        if (actual == null || actual.isNull()) {
            return false;
        }
        if (op.equals("exists")) {
            return true;
        }
        if (expected == null) {
            return false;
        }
        if (actual.isNumber() && expected.isNumber()) {
            int c = Double.compare(actual.doubleValue(), expected.doubleValue());
            return switch (op) {
                case "eq" -> c == 0;
                case "ne" -> c != 0;
                case "gt" -> c > 0;
                case "gte" -> c >= 0;
                case "lt" -> c < 0;
                case "lte" -> c <= 0;
                default -> false;
            };
        }
        boolean equal = actual.equals(expected) || (actual.isTextual() && actual.asText().equals(expected.asText()))
                || (actual.isBoolean() && expected.isTextual() && actual.asText().equals(expected.asText()));
        return switch (op) {
            case "eq" -> equal;
            case "ne" -> !equal;
            default -> false;
        };
    }
}
