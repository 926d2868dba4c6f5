package org.pujiang.twin.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maps DTDL v3 schemas (§"Schemas": primitive, Enum, Object, Array, Map, geospatial) to {@link DataSchema}.
 * Integer widths become ranges, so a {@code byte} property rejects 300 as the device would. One instance per
 * interface: it knows the interface's reusable {@code schemas} by {@code @id}.
 */
final class DtdlSchemas {
    private static final int MAX_NAME_LENGTH = 512;
    private static final Pattern NAME = Pattern.compile("[A-Za-z](?:[A-Za-z0-9_]*[A-Za-z0-9])?");

    private final Problems problems;
    private final Map<String, JsonNode> named = new HashMap<>();
    private final Map<String, String> namedPointers = new HashMap<>();
    private final Set<String> resolving = new HashSet<>();

    DtdlSchemas(Problems problems) {
        this.problems = problems;
    }

    /** Registers the interface's {@code schemas} so that contents may refer to them by DTMI. */
    void define(JsonNode schemas, String ptr) {
        for (int i = 0; i < schemas.size(); i++) {
            JsonNode s = schemas.get(i);
            String at = Json.pointer(ptr, i);
            String id = s.isObject() ? problems.text(s, "@id", at) : null;
            if (id == null || !ModelIds.isDtmi(id)) {
                problems.add(at, "a reusable schema needs an @id that is a DTMI");
            } else if (named.putIfAbsent(id, s) != null) {
                problems.add(Json.pointer(at, "@id"), "schema " + id + " is defined twice");
            } else {
                namedPointers.put(id, at);
            }
        }
    }

    /** The schema at {@code ptr}, or null when it has problems (which are recorded). */
    DataSchema map(JsonNode node, String ptr) {
        return map(node, ptr, 0);
    }

    private DataSchema map(JsonNode node, String ptr, int depth) {
        if (depth > TmSchemaReader.MAX_DEPTH) {
            problems.add(ptr, "schemas nest deeper than " + TmSchemaReader.MAX_DEPTH + " levels");
            return null;
        }
        if (node.isTextual()) {
            return named(node.textValue(), ptr, depth);
        }
        if (!node.isObject()) {
            problems.add(ptr, "a schema is a name or an object, got " + Problems.kind(node));
            return null;
        }
        String type = problems.text(node, "@type", ptr);
        if (type == null) {
            problems.add(ptr, "a complex schema needs @type Enum, Object, Array or Map");
            return null;
        }
        DataSchema schema = switch (type) {
            case "Enum" -> enumeration(node, ptr);
            case "Object" -> object(node, ptr, depth);
            case "Array" -> array(node, ptr, depth);
            case "Map" -> mapSchema(node, ptr, depth);
            default -> {
                problems.add(Json.pointer(ptr, "@type"), "unsupported schema type " + type
                        + "; expected Enum, Object, Array or Map");
                yield null;
            }
        };
        return schema == null ? null : SchemaFacets.replace(schema, schema.facets().withTitle(
                DtdlText.localized(node, "displayName", ptr, problems),
                DtdlText.localized(node, "description", ptr, problems)));
    }

    private DataSchema named(String name, String ptr, int depth) {
        DataSchema primitive = primitive(name);
        if (primitive != null) {
            return primitive;
        }
        JsonNode definition = named.get(name);
        if (definition == null) {
            problems.add(ptr, "unknown schema " + name
                    + "; expected a DTDL primitive or the @id of one of this interface's schemas");
            return null;
        }
        if (!resolving.add(name)) {
            problems.add(ptr, "schema " + name + " refers to itself");
            return null;
        }
        try {
            return map(definition, namedPointers.get(name), depth + 1);
        } finally {
            resolving.remove(name);
        }
    }

    /** DTDL v3 primitive schemas; null for a name that is not one. */
    static DataSchema primitive(String name) {
        return switch (name) {
            case "boolean" -> new BooleanSchema();
            case "byte" -> integer(-128, 127);
            case "short" -> integer(-32_768, 32_767);
            case "integer" -> integer(Integer.MIN_VALUE, Integer.MAX_VALUE);
            case "long" -> new IntegerSchema();
            case "unsignedByte" -> integer(0, 255);
            case "unsignedShort" -> integer(0, 65_535);
            case "unsignedInteger" -> integer(0, 4_294_967_295L);
            case "unsignedLong" -> new IntegerSchema(new NumericRange(0.0, null, null, null), Facets.NONE);
            case "float", "double", "decimal" -> new NumberSchema();
            case "string" -> new StringSchema();
            case "uuid" -> StringSchema.withFormat("uuid");
            case "bytes" -> StringSchema.withFormat("byte");
            case "date" -> StringSchema.withFormat("date");
            case "dateTime" -> StringSchema.withFormat("date-time");
            case "time" -> StringSchema.withFormat("time");
            case "duration" -> StringSchema.withFormat("duration");
            case "point" -> geoJson("Point", 0);
            case "multiPoint" -> geoJson("MultiPoint", 1);
            case "lineString" -> geoJson("LineString", 1);
            case "multiLineString" -> geoJson("MultiLineString", 2);
            case "polygon" -> geoJson("Polygon", 2);
            case "multiPolygon" -> geoJson("MultiPolygon", 3);
            default -> null;
        };
    }

    private static IntegerSchema integer(long min, long max) {
        return new IntegerSchema(NumericRange.closed(min, max), Facets.NONE);
    }

    /** DTDL's geospatial schemas are GeoJSON (RFC 7946 §3.1): a type tag and coordinates nested to a depth. */
    private static ObjectSchema geoJson(String type, int nesting) {
        DataSchema coordinates = new ArraySchema(new NumberSchema(), 2, 3, Facets.NONE);
        for (int i = 0; i < nesting; i++) {
            coordinates = new ArraySchema(coordinates);
        }
        Map<String, DataSchema> members = new LinkedHashMap<>();
        members.put("type", new StringSchema(null, null, null, null,
                new Facets(null, null, null, List.of(), Json.NODES.textNode(type))));
        members.put("coordinates", coordinates);
        return new ObjectSchema(members, List.of("type", "coordinates"));
    }

    private DataSchema enumeration(JsonNode node, String ptr) {
        String valueSchema = problems.text(node, "valueSchema", ptr);
        boolean integral = "integer".equals(valueSchema);
        if (!integral && !"string".equals(valueSchema)) {
            problems.add(Json.pointer(ptr, "valueSchema"), "an Enum's valueSchema must be integer or string, got "
                    + (valueSchema == null ? "nothing" : valueSchema));
            return null;
        }
        JsonNode values = problems.array(node, "enumValues", ptr);
        if (values == null || values.isEmpty()) {
            problems.add(ptr, "an Enum needs at least one entry in enumValues");
            return null;
        }
        List<JsonNode> allowed = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String at = Json.pointer(Json.pointer(ptr, "enumValues"), i);
            JsonNode entry = values.get(i);
            JsonNode value = entry.isObject() ? entry.get("enumValue") : null;
            String name = entry.isObject() ? problems.text(entry, "name", at) : null;
            if (name != null && !names.add(name)) {
                problems.add(Json.pointer(at, "name"), "enum value name " + name + " is used twice");
            }
            if (value == null || (integral ? !value.canConvertToInt() || !value.isIntegralNumber() : !value.isTextual())) {
                problems.add(at, "needs an enumValue that is " + (integral ? "an integer" : "a string"));
            } else if (allowed.contains(value)) {
                problems.add(Json.pointer(at, "enumValue"), "enum value " + Json.brief(value) + " is used twice");
            } else {
                allowed.add(value);
            }
        }
        Facets facets = Facets.NONE.withEnum(allowed);
        return integral ? new IntegerSchema(NumericRange.closed(Integer.MIN_VALUE, Integer.MAX_VALUE), facets)
                : new StringSchema(null, null, null, null, facets);
    }

    private DataSchema object(JsonNode node, String ptr, int depth) {
        JsonNode fields = problems.array(node, "fields", ptr);
        if (fields == null) {
            problems.add(ptr, "an Object needs fields");
            return null;
        }
        Map<String, DataSchema> members = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            String at = Json.pointer(Json.pointer(ptr, "fields"), i);
            JsonNode field = fields.get(i);
            String name = field.isObject() ? name(field, at) : null;
            JsonNode schema = field.isObject() ? field.get("schema") : null;
            if (name == null || schema == null) {
                problems.add(at, "a field needs a name and a schema");
                continue;
            }
            if (members.containsKey(name)) {
                problems.add(Json.pointer(at, "name"), "field " + name + " is declared twice");
                continue;
            }
            DataSchema mapped = map(schema, Json.pointer(at, "schema"), depth + 1);
            if (mapped != null) {
                members.put(name, withElementText(mapped, field, at));
            }
        }
        // DTDL fields are all optional: a device may send any subset.
        return new ObjectSchema(members, List.of());
    }

    private DataSchema array(JsonNode node, String ptr, int depth) {
        JsonNode element = node.get("elementSchema");
        if (element == null) {
            problems.add(ptr, "an Array needs an elementSchema");
            return null;
        }
        DataSchema items = map(element, Json.pointer(ptr, "elementSchema"), depth + 1);
        return items == null ? null : new ArraySchema(items);
    }

    private DataSchema mapSchema(JsonNode node, String ptr, int depth) {
        JsonNode key = problems.object(node, "mapKey", ptr);
        JsonNode value = problems.object(node, "mapValue", ptr);
        if (key == null || value == null) {
            problems.add(ptr, "a Map needs a mapKey and a mapValue");
            return null;
        }
        String keyPtr = Json.pointer(ptr, "mapKey");
        JsonNode keySchema = key.get("schema");
        if (keySchema == null || !"string".equals(keySchema.asText())) {
            problems.add(keyPtr, "a Map's mapKey schema must be string");
        }
        JsonNode valueSchema = value.get("schema");
        if (valueSchema == null) {
            problems.add(Json.pointer(ptr, "mapValue"), "a mapValue needs a schema");
            return null;
        }
        DataSchema values = map(valueSchema, Json.pointer(Json.pointer(ptr, "mapValue"), "schema"), depth + 1);
        return values == null ? null : new ObjectSchema(Map.of(), List.of(), values, Facets.NONE);
    }

    /** A content's or field's name, checked against DTDL's name grammar. */
    String name(JsonNode element, String ptr) {
        String name = problems.text(element, "name", ptr);
        if (name != null && (name.length() > MAX_NAME_LENGTH || !NAME.matcher(name).matches())) {
            problems.add(Json.pointer(ptr, "name"), "name " + name
                    + " must start with a letter and hold only letters, digits and inner underscores");
            return null;
        }
        return name;
    }

    /** displayName, description and unit of the element that declares a schema, put on the schema. */
    DataSchema withElementText(DataSchema schema, JsonNode element, String ptr) {
        Facets f = schema.facets();
        String title = DtdlText.localized(element, "displayName", ptr, problems);
        String description = DtdlText.localized(element, "description", ptr, problems);
        String unit = problems.text(element, "unit", ptr);
        return SchemaFacets.replace(schema, new Facets(title != null ? title : f.title(),
                description != null ? description : f.description(),
                unit != null ? DtdlUnits.code(unit) : f.unit(), f.enumValues(), f.constValue()));
    }
}
