package org.pujiang.twin.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a TD DataSchema (WoT TD 1.1 §5.3.2.1) into a {@link DataSchema}, recording every problem in
 * {@link Problems}. Terms Pujiang cannot enforce are refused rather than ignored, so a model never claims a
 * check that does not happen.
 */
final class TmSchemaReader {
    /** Deep enough for any real device payload, shallow enough that hostile nesting cannot exhaust the stack. */
    static final int MAX_DEPTH = 32;

    private static final Map<String, String> UNSUPPORTED = Map.of(
            "oneOf", "oneOf is not supported; give one concrete type",
            "anyOf", "anyOf is not supported; give one concrete type",
            "allOf", "allOf is not supported; give one concrete type",
            "not", "not is not supported",
            "$ref", "$ref is not supported; write the schema inline",
            "tm:ref", "tm:ref is not supported; write the definition inline",
            "multipleOf", "multipleOf is not supported",
            "contentEncoding", "contentEncoding is not supported");
    private static final List<String> NUMERIC_TERMS = List.of("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum");
    private static final List<String> STRING_TERMS = List.of("minLength", "maxLength", "pattern", "format");
    private static final List<String> OBJECT_TERMS = List.of("properties", "required", "additionalProperties");
    private static final List<String> ARRAY_TERMS = List.of("items", "minItems", "maxItems");

    private final Problems problems;

    TmSchemaReader(Problems problems) {
        this.problems = problems;
    }

    /** The schema at {@code ptr}, or null when it has problems (which are recorded). */
    DataSchema read(JsonNode node, String ptr) {
        return read(node, ptr, 0);
    }

    private DataSchema read(JsonNode node, String ptr, int depth) {
        if (!node.isObject()) {
            problems.add(ptr, "a data schema must be an object, got " + Problems.kind(node));
            return null;
        }
        if (depth > MAX_DEPTH) {
            problems.add(ptr, "schemas nest deeper than " + MAX_DEPTH + " levels");
            return null;
        }
        int before = problems.count();
        UNSUPPORTED.forEach((term, message) -> {
            if (node.has(term)) {
                problems.add(Json.pointer(ptr, term), message);
            }
        });
        DataType type = type(node, ptr);
        if (type == null) {
            return null;
        }
        refuseTermsOfOtherTypes(node, ptr, type);
        Facets facets = new Facets(problems.text(node, "title", ptr), problems.text(node, "description", ptr),
                problems.text(node, "unit", ptr), List.of(), null);
        DataSchema base = switch (type) {
            case BOOLEAN -> new BooleanSchema(facets);
            case NULL -> new NullSchema(facets);
            case INTEGER -> new IntegerSchema(range(node, ptr), facets);
            case NUMBER -> new NumberSchema(range(node, ptr), facets);
            case STRING -> string(node, ptr, facets);
            case OBJECT -> object(node, ptr, facets, depth);
            case ARRAY -> array(node, ptr, facets, depth);
        };
        if (problems.count() > before) {
            return null;
        }
        return withAllowedValues(base, node, ptr);
    }

    private DataType type(JsonNode node, String ptr) {
        JsonNode t = node.get("type");
        if (t == null) {
            problems.add(ptr, "type is required (one of boolean, integer, number, string, object, array, null)");
            return null;
        }
        if (!t.isTextual()) {
            problems.add(Json.pointer(ptr, "type"), "must be one type name as a string, got " + Problems.kind(t));
            return null;
        }
        return DataType.fromWire(t.textValue()).orElseGet(() -> {
            problems.add(Json.pointer(ptr, "type"), "unknown type " + Json.brief(t)
                    + "; expected boolean, integer, number, string, object, array or null");
            return null;
        });
    }

    private void refuseTermsOfOtherTypes(JsonNode node, String ptr, DataType type) {
        boolean numeric = type == DataType.INTEGER || type == DataType.NUMBER;
        refuse(node, ptr, type, NUMERIC_TERMS, numeric, "integer and number");
        refuse(node, ptr, type, STRING_TERMS, type == DataType.STRING, "string");
        refuse(node, ptr, type, OBJECT_TERMS, type == DataType.OBJECT, "object");
        refuse(node, ptr, type, ARRAY_TERMS, type == DataType.ARRAY, "array");
    }

    private void refuse(JsonNode node, String ptr, DataType type, List<String> terms, boolean applies, String owners) {
        if (applies) {
            return;
        }
        for (String term : terms) {
            if (node.has(term)) {
                problems.add(Json.pointer(ptr, term),
                        term + " applies to " + owners + " schemas, not to " + type.wireName());
            }
        }
    }

    private NumericRange range(JsonNode node, String ptr) {
        NumericRange r = new NumericRange(problems.number(node, "minimum", ptr), problems.number(node, "maximum", ptr),
                problems.number(node, "exclusiveMinimum", ptr), problems.number(node, "exclusiveMaximum", ptr));
        double low = Math.max(orElse(r.minimum(), Double.NEGATIVE_INFINITY), orElse(r.exclusiveMinimum(), Double.NEGATIVE_INFINITY));
        double high = Math.min(orElse(r.maximum(), Double.POSITIVE_INFINITY), orElse(r.exclusiveMaximum(), Double.POSITIVE_INFINITY));
        boolean exclusiveEdge = (r.exclusiveMinimum() != null && r.exclusiveMinimum() == low)
                || (r.exclusiveMaximum() != null && r.exclusiveMaximum() == high);
        if (low > high || (low == high && exclusiveEdge)) {
            problems.add(ptr, "empty range: no value is at least " + describeLow(r) + " and at most " + describeHigh(r));
        }
        return r;
    }

    private static String describeLow(NumericRange r) {
        List<String> parts = new ArrayList<>();
        if (r.minimum() != null) {
            parts.add("minimum " + NumericCheck.number(r.minimum()));
        }
        if (r.exclusiveMinimum() != null) {
            parts.add("exclusiveMinimum " + NumericCheck.number(r.exclusiveMinimum()));
        }
        return String.join(" and ", parts);
    }

    private static String describeHigh(NumericRange r) {
        List<String> parts = new ArrayList<>();
        if (r.maximum() != null) {
            parts.add("maximum " + NumericCheck.number(r.maximum()));
        }
        if (r.exclusiveMaximum() != null) {
            parts.add("exclusiveMaximum " + NumericCheck.number(r.exclusiveMaximum()));
        }
        return String.join(" and ", parts);
    }

    private static double orElse(Double d, double fallback) {
        return d == null ? fallback : d;
    }

    private StringSchema string(JsonNode node, String ptr, Facets facets) {
        Integer minLength = problems.count(node, "minLength", ptr);
        Integer maxLength = problems.count(node, "maxLength", ptr);
        if (minLength != null && maxLength != null && minLength > maxLength) {
            problems.add(ptr, "minLength " + minLength + " is greater than maxLength " + maxLength);
        }
        String pattern = problems.text(node, "pattern", ptr);
        if (pattern != null) {
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                problems.add(Json.pointer(ptr, "pattern"), "not a regular expression: " + e.getDescription());
            }
        }
        return new StringSchema(minLength, maxLength, pattern, problems.text(node, "format", ptr), facets);
    }

    private ObjectSchema object(JsonNode node, String ptr, Facets facets, int depth) {
        Map<String, DataSchema> members = new LinkedHashMap<>();
        JsonNode props = problems.object(node, "properties", ptr);
        if (props != null) {
            String propsPtr = Json.pointer(ptr, "properties");
            for (Map.Entry<String, JsonNode> m : props.properties()) {
                DataSchema s = read(m.getValue(), Json.pointer(propsPtr, m.getKey()), depth + 1);
                if (s != null) {
                    members.put(m.getKey(), s);
                }
            }
        }
        List<String> required = new ArrayList<>();
        JsonNode req = problems.array(node, "required", ptr);
        if (req != null) {
            String reqPtr = Json.pointer(ptr, "required");
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < req.size(); i++) {
                JsonNode name = req.get(i);
                if (!name.isTextual()) {
                    problems.add(Json.pointer(reqPtr, i), "must be a member name, got " + Problems.kind(name));
                } else if (props == null || !props.has(name.textValue())) {
                    problems.add(Json.pointer(reqPtr, i), "required member " + name.textValue() + " is not in properties");
                } else if (!seen.add(name.textValue())) {
                    problems.add(Json.pointer(reqPtr, i), "member " + name.textValue() + " is listed twice");
                } else {
                    required.add(name.textValue());
                }
            }
        }
        DataSchema others = null;
        JsonNode additional = node.get("additionalProperties");
        String additionalPtr = Json.pointer(ptr, "additionalProperties");
        if (additional != null && additional.isObject()) {
            others = read(additional, additionalPtr, depth + 1);
        } else if (additional != null && !(additional.isBoolean() && additional.booleanValue())) {
            // false would need a closed-object check that TD tooling rarely expects; refuse rather than ignore
            problems.add(additionalPtr, "must be a schema object (or true); false is not supported");
        }
        return new ObjectSchema(members, required, others, facets);
    }

    private ArraySchema array(JsonNode node, String ptr, Facets facets, int depth) {
        DataSchema items = null;
        JsonNode itemsNode = node.get("items");
        if (itemsNode != null && itemsNode.isArray()) {
            problems.add(Json.pointer(ptr, "items"), "tuple items (an array of schemas) are not supported; give one schema");
        } else if (itemsNode != null) {
            items = read(itemsNode, Json.pointer(ptr, "items"), depth + 1);
        }
        Integer minItems = problems.count(node, "minItems", ptr);
        Integer maxItems = problems.count(node, "maxItems", ptr);
        if (minItems != null && maxItems != null && minItems > maxItems) {
            problems.add(ptr, "minItems " + minItems + " is greater than maxItems " + maxItems);
        }
        return new ArraySchema(items, minItems, maxItems, facets);
    }

    /** enum and const, each value checked against the rest of the schema so a model cannot forbid itself. */
    private DataSchema withAllowedValues(DataSchema base, JsonNode node, String ptr) {
        JsonNode enumNode = problems.array(node, "enum", ptr);
        JsonNode constNode = node.get("const");
        if (enumNode == null && constNode == null) {
            return base;
        }
        Validator shape = Validator.of(base);
        List<JsonNode> values = new ArrayList<>();
        if (enumNode != null) {
            String enumPtr = Json.pointer(ptr, "enum");
            if (enumNode.isEmpty()) {
                problems.add(enumPtr, "enum must list at least one value");
            }
            for (int i = 0; i < enumNode.size(); i++) {
                if (conforms(shape, enumNode.get(i), Json.pointer(enumPtr, i))) {
                    values.add(enumNode.get(i));
                }
            }
        }
        if (constNode != null) {
            conforms(shape, constNode, Json.pointer(ptr, "const"));
        }
        Facets f = base.facets();
        Facets facets = new Facets(f.title(), f.description(), f.unit(), values, constNode);
        return SchemaFacets.replace(base, facets);
    }

    private boolean conforms(Validator shape, JsonNode value, String ptr) {
        if (shape.validate(value) instanceof Validation.Rejected r) {
            problems.add(ptr + r.pointer(), "value " + Json.brief(value) + " does not fit the schema: " + r.reason());
            return false;
        }
        return true;
    }
}
