package org.pujiang.twin.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Writes a {@link DataSchema} as a TD DataSchema, the inverse of {@link TmSchemaReader}. */
final class TmSchemaWriter {
    private TmSchemaWriter() {
    }

    static ObjectNode write(DataSchema schema) {
        ObjectNode out = Json.NODES.objectNode();
        writeInto(schema, out);
        return out;
    }

    /** Into an existing node, because a property affordance is its schema plus a few terms. */
    static void writeInto(DataSchema schema, ObjectNode out) {
        Facets f = schema.facets();
        putIfSet(out, "title", f.title());
        putIfSet(out, "description", f.description());
        out.put("type", schema.type().wireName());
        putIfSet(out, "unit", f.unit());
        switch (schema) {
            case IntegerSchema s -> range(s.range(), out);
            case NumberSchema s -> range(s.range(), out);
            case StringSchema s -> {
                putIfSet(out, "minLength", s.minLength());
                putIfSet(out, "maxLength", s.maxLength());
                putIfSet(out, "pattern", s.pattern());
                putIfSet(out, "format", s.format());
            }
            case ObjectSchema s -> {
                if (!s.properties().isEmpty()) {
                    ObjectNode members = out.putObject("properties");
                    s.properties().forEach((name, member) -> members.set(name, write(member)));
                }
                if (!s.required().isEmpty()) {
                    ArrayNode required = out.putArray("required");
                    s.required().forEach(required::add);
                }
                if (s.additionalProperties() != null) {
                    out.set("additionalProperties", write(s.additionalProperties()));
                }
            }
            case ArraySchema s -> {
                if (s.items() != null) {
                    out.set("items", write(s.items()));
                }
                putIfSet(out, "minItems", s.minItems());
                putIfSet(out, "maxItems", s.maxItems());
            }
            case BooleanSchema s -> { }
            case NullSchema s -> { }
        }
        if (!f.enumValues().isEmpty()) {
            ArrayNode values = out.putArray("enum");
            f.enumValues().forEach(v -> values.add(v.deepCopy()));
        }
        if (f.constValue() != null) {
            out.set("const", f.constValue().deepCopy());
        }
    }

    private static void range(NumericRange r, ObjectNode out) {
        putNumber(out, "minimum", r.minimum());
        putNumber(out, "maximum", r.maximum());
        putNumber(out, "exclusiveMinimum", r.exclusiveMinimum());
        putNumber(out, "exclusiveMaximum", r.exclusiveMaximum());
    }

    /** Whole bounds as JSON integers, so a written model reads as its author would write it. */
    private static void putNumber(ObjectNode out, String key, Double d) {
        if (d == null) {
            return;
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            out.put(key, d.longValue());
        } else {
            out.put(key, d);
        }
    }

    static void putIfSet(ObjectNode out, String key, String value) {
        if (value != null) {
            out.put(key, value);
        }
    }

    private static void putIfSet(ObjectNode out, String key, Integer value) {
        if (value != null) {
            out.put(key, value);
        }
    }
}
