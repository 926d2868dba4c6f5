package org.pujiang.twin.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one DTDL v3 Interface into a {@link TwinModel}. Content kinds map as issue 5 asks: Property to a
 * property, Telemetry to a property with history, Command to an action, Relationship to a link, Component
 * to a part. One instance per document.
 */
final class DtdlReader {
    static final String CONTEXT_V3 = "dtmi:dtdl:context;3";
    private static final List<String> CONTENT_KINDS = List.of("Property", "Telemetry", "Command", "Relationship", "Component");

    private final Problems problems = new Problems();
    private final DtdlSchemas schemas = new DtdlSchemas(problems);
    private final Set<String> names = new HashSet<>();
    private final Map<String, Property> properties = new LinkedHashMap<>();
    private final Map<String, Action> actions = new LinkedHashMap<>();
    private final List<Link> links = new ArrayList<>();
    private final List<Part> parts = new ArrayList<>();

    Parsed read(String text) {
        JsonNode root = Json.read(text, problems);
        if (root == null) {
            return problems.invalid();
        }
        if (root.isArray()) {
            return Parsed.Invalid.of("", "expected one Interface, got an array of " + root.size()
                    + "; import each interface on its own");
        }
        if (!root.isObject()) {
            return Parsed.Invalid.of("", "a DTDL interface must be a JSON object, got " + Problems.kind(root));
        }
        checkContext(root);
        if (!typeIncludes(root.get("@type"), "Interface")) {
            problems.add(root.has("@type") ? "/@type" : "", "@type must be Interface");
        }
        String id = problems.text(root, "@id", "");
        if (id == null || !ModelIds.isDtmi(id)) {
            problems.add(root.has("@id") ? "/@id" : "", "@id must be a DTMI such as dtmi:com:example:Thermostat;1");
        }
        if (root.has("extends")) {
            problems.add("/extends", "extends is not supported; import a flattened interface");
        }
        JsonNode reusable = problems.array(root, "schemas", "");
        if (reusable != null) {
            schemas.define(reusable, "/schemas");
        }
        JsonNode contents = problems.array(root, "contents", "");
        if (contents != null) {
            for (int i = 0; i < contents.size(); i++) {
                content(contents.get(i), Json.pointer("/contents", i));
            }
        }
        String title = DtdlText.localized(root, "displayName", "", problems);
        String description = DtdlText.localized(root, "description", "", problems);
        if (!problems.isEmpty()) {
            return problems.invalid();
        }
        return new Parsed.Ok(new TwinModel(id, ModelIds.dtmiVersion(id), title, description, properties, actions,
                Map.of(), links, parts));
    }

    private void checkContext(JsonNode root) {
        JsonNode context = root.get("@context");
        JsonNode first = context != null && context.isArray() && !context.isEmpty() ? context.get(0) : context;
        if (first == null || !first.isTextual() || !CONTEXT_V3.equals(first.textValue())) {
            problems.add(context == null ? "" : "/@context", "@context must be " + CONTEXT_V3
                    + " (DTDL v3), got " + (first == null ? "nothing" : Json.brief(first)));
        }
    }

    private void content(JsonNode element, String ptr) {
        if (!element.isObject()) {
            problems.add(ptr, "a content must be an object, got " + Problems.kind(element));
            return;
        }
        String kind = kind(element.get("@type"), ptr);
        String name = schemas.name(element, ptr);
        if (kind == null) {
            return;
        }
        if (name == null) {
            if (!element.has("name")) {
                problems.add(ptr, "a " + kind + " needs a name");
            }
            return;
        }
        if (!names.add(name)) {
            problems.add(Json.pointer(ptr, "name"), "name " + name + " is used by another content");
            return;
        }
        switch (kind) {
            case "Property" -> property(element, ptr, name, !problems.bool(element, "writable", ptr), false);
            case "Telemetry" -> property(element, ptr, name, true, true);
            case "Command" -> command(element, ptr, name);
            case "Relationship" -> relationship(element, ptr, name);
            case "Component" -> component(element, ptr, name);
            default -> throw new IllegalStateException("unhandled content kind " + kind);
        }
    }

    /** The one content kind among the @type entries; the others are semantic types such as Temperature. */
    private String kind(JsonNode type, String ptr) {
        List<String> found = new ArrayList<>();
        if (type != null && type.isTextual() && CONTENT_KINDS.contains(type.textValue())) {
            found.add(type.textValue());
        } else if (type != null && type.isArray()) {
            for (JsonNode t : type) {
                if (t.isTextual() && CONTENT_KINDS.contains(t.textValue())) {
                    found.add(t.textValue());
                }
            }
        }
        if (found.size() != 1) {
            problems.add(type == null ? ptr : Json.pointer(ptr, "@type"), "@type must name exactly one of "
                    + String.join(", ", CONTENT_KINDS) + ", got " + (type == null ? "nothing" : Json.brief(type)));
            return null;
        }
        return found.get(0);
    }

    private void property(JsonNode element, String ptr, String name, boolean readOnly, boolean history) {
        DataSchema schema = requiredSchema(element, ptr);
        if (schema != null) {
            // Telemetry is pushed by the device as it happens, so clients observe it.
            properties.put(name, new Property(name, schemas.withElementText(schema, element, ptr), readOnly, false,
                    history, history));
        }
    }

    private void command(JsonNode element, String ptr, String name) {
        DataSchema input = payload(element, "request", ptr);
        DataSchema output = payload(element, "response", ptr);
        actions.put(name, new Action(name, DtdlText.localized(element, "displayName", ptr, problems),
                DtdlText.localized(element, "description", ptr, problems), input, output, false, false));
    }

    /** A CommandRequest or CommandResponse: a named schema. */
    private DataSchema payload(JsonNode element, String key, String ptr) {
        JsonNode payload = problems.object(element, key, ptr);
        if (payload == null) {
            return null;
        }
        String at = Json.pointer(ptr, key);
        schemas.name(payload, at);
        DataSchema schema = requiredSchema(payload, at);
        return schema == null ? null : schemas.withElementText(schema, payload, at);
    }

    private void relationship(JsonNode element, String ptr, String name) {
        JsonNode extra = element.get("properties");
        if (extra != null && !extra.isEmpty()) {
            problems.add(Json.pointer(ptr, "properties"), "properties on a Relationship are not supported");
            return;
        }
        String target = problems.text(element, "target", ptr);
        if (target != null && !ModelIds.isDtmi(target)) {
            problems.add(Json.pointer(ptr, "target"), "target must be an interface DTMI, got " + target);
            return;
        }
        links.add(new Link(name, target));
    }

    private void component(JsonNode element, String ptr, String name) {
        JsonNode schema = element.get("schema");
        if (schema == null || !schema.isTextual() || !ModelIds.isDtmi(schema.textValue())) {
            problems.add(schema == null ? ptr : Json.pointer(ptr, "schema"),
                    "a Component's schema must be the DTMI of an interface; inline interfaces are not supported");
            return;
        }
        parts.add(new Part(name, schema.textValue()));
    }

    private DataSchema requiredSchema(JsonNode element, String ptr) {
        JsonNode schema = element.get("schema");
        if (schema == null || schema.isNull()) {
            problems.add(ptr, "schema is required");
            return null;
        }
        return schemas.map(schema, Json.pointer(ptr, "schema"));
    }

    private static boolean typeIncludes(JsonNode type, String wanted) {
        if (type == null) {
            return false;
        }
        if (type.isTextual()) {
            return wanted.equals(type.textValue());
        }
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (t.isTextual() && wanted.equals(t.textValue())) {
                    return true;
                }
            }
        }
        return false;
    }
}
