package org.pujiang.twin.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a W3C WoT Thing Model (TD 1.1 §10) into a {@link TwinModel}. Protocol terms (forms, security,
 * base) are ignored: they belong to Thing Descriptions of concrete devices, not to models. One instance per
 * document.
 */
final class ThingModelReader {
    static final String TD_CONTEXT = "https://www.w3.org/2022/wot/td/v1.1";
    static final String THING_MODEL_TYPE = "tm:ThingModel";
    static final String SUBMODEL = "tm:submodel";
    /** Pujiang's term for "keep a time series"; plain {@code history} is accepted too. */
    static final String HISTORY = "pujiang:history";

    private final Problems problems = new Problems();
    private final TmSchemaReader schemas = new TmSchemaReader(problems);

    Parsed read(String text) {
        JsonNode root = Json.read(text, problems);
        if (root == null) {
            return problems.invalid();
        }
        if (!root.isObject()) {
            return Parsed.Invalid.of("", "a Thing Model must be a JSON object, got " + Problems.kind(root));
        }
        checkContext(root);
        checkType(root);
        String id = id(root);
        String version = version(root);
        String title = problems.text(root, "title", "");
        String description = problems.text(root, "description", "");
        if (root.has("tm:required")) {
            // accepted and ignored: every affordance of a Pujiang model is part of every twin
            problems.array(root, "tm:required", "");
        }
        Map<String, Property> properties = affordances(root, "properties", this::property);
        Map<String, Action> actions = affordances(root, "actions", this::action);
        Map<String, Event> events = affordances(root, "events", this::event);
        List<Link> links = new ArrayList<>();
        List<Part> parts = new ArrayList<>();
        links(root, links, parts);
        if (!problems.isEmpty()) {
            return problems.invalid();
        }
        return new Parsed.Ok(new TwinModel(id, version, title, description, properties, actions, events, links, parts));
    }

    private void checkContext(JsonNode root) {
        JsonNode context = root.get("@context");
        boolean found = false;
        if (context != null && context.isTextual()) {
            found = TD_CONTEXT.equals(context.textValue());
        } else if (context != null && context.isArray()) {
            for (JsonNode entry : context) {
                found |= entry.isTextual() && TD_CONTEXT.equals(entry.textValue());
            }
        }
        if (!found) {
            problems.add(context == null ? "" : "/@context", "@context must include " + TD_CONTEXT);
        }
    }

    private void checkType(JsonNode root) {
        JsonNode type = root.get("@type");
        boolean found = false;
        if (type != null && type.isTextual()) {
            found = THING_MODEL_TYPE.equals(type.textValue());
        } else if (type != null && type.isArray()) {
            for (JsonNode entry : type) {
                found |= entry.isTextual() && THING_MODEL_TYPE.equals(entry.textValue());
            }
        }
        if (!found) {
            problems.add(type == null ? "" : "/@type", "@type must include " + THING_MODEL_TYPE);
        }
    }

    /** TD uses {@code id}; JSON-LD authors often write {@code @id}. Either, not both. */
    private String id(JsonNode root) {
        if (root.has("id") && root.has("@id")) {
            problems.add("/@id", "give the id once, as id or @id");
            return null;
        }
        String key = root.has("@id") ? "@id" : "id";
        String id = problems.text(root, key, "");
        if (id == null) {
            if (!root.has(key) || root.get(key).isNull()) {
                problems.add("", "id is required: Pujiang names every model (e.g. \"id\": \"urn:pujiang:model:press\")");
            }
            return null;
        }
        String problem = ModelIds.problemWithUri(id);
        if (problem != null) {
            problems.add("/" + key, problem);
        }
        return id;
    }

    private String version(JsonNode root) {
        JsonNode version = problems.object(root, "version", "");
        return version == null ? null : problems.text(version, "model", "/version");
    }

    private interface AffordanceReader<T> {
        T read(String name, JsonNode node, String ptr);
    }

    private <T> Map<String, T> affordances(JsonNode root, String key, AffordanceReader<T> reader) {
        Map<String, T> out = new LinkedHashMap<>();
        JsonNode map = problems.object(root, key, "");
        if (map == null) {
            return out;
        }
        for (Map.Entry<String, JsonNode> e : map.properties()) {
            String ptr = Json.pointer("/" + key, e.getKey());
            if (e.getKey().isBlank()) {
                problems.add(ptr, "a name must not be blank");
            } else if (!e.getValue().isObject()) {
                problems.add(ptr, "must be an object, got " + Problems.kind(e.getValue()));
            } else {
                T affordance = reader.read(e.getKey(), e.getValue(), ptr);
                if (affordance != null) {
                    out.put(e.getKey(), affordance);
                }
            }
        }
        return out;
    }

    private Property property(String name, JsonNode node, String ptr) {
        DataSchema schema = schemas.read(node, ptr);
        boolean readOnly = problems.bool(node, "readOnly", ptr);
        boolean writeOnly = problems.bool(node, "writeOnly", ptr);
        boolean observable = problems.bool(node, "observable", ptr);
        boolean history = problems.bool(node, HISTORY, ptr) | problems.bool(node, "history", ptr);
        if (readOnly && writeOnly) {
            problems.add(ptr, "a property cannot be both readOnly and writeOnly");
            return null;
        }
        return schema == null ? null : new Property(name, schema, readOnly, writeOnly, observable, history);
    }

    private Action action(String name, JsonNode node, String ptr) {
        int before = problems.count();
        DataSchema input = optionalSchema(node, "input", ptr);
        DataSchema output = optionalSchema(node, "output", ptr);
        Action action = new Action(name, problems.text(node, "title", ptr), problems.text(node, "description", ptr),
                input, output, problems.bool(node, "safe", ptr), problems.bool(node, "idempotent", ptr));
        return problems.count() > before ? null : action;
    }

    private Event event(String name, JsonNode node, String ptr) {
        int before = problems.count();
        Event event = new Event(name, problems.text(node, "title", ptr), problems.text(node, "description", ptr),
                optionalSchema(node, "data", ptr));
        return problems.count() > before ? null : event;
    }

    private DataSchema optionalSchema(JsonNode node, String key, String ptr) {
        JsonNode schema = node.get(key);
        return schema == null || schema.isNull() ? null : schemas.read(schema, Json.pointer(ptr, key));
    }

    /** {@code tm:submodel} links are parts; every other rel names a link to another twin. */
    private void links(JsonNode root, List<Link> links, List<Part> parts) {
        JsonNode array = problems.array(root, "links", "");
        if (array == null) {
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            String ptr = Json.pointer("/links", i);
            JsonNode link = array.get(i);
            if (!link.isObject()) {
                problems.add(ptr, "a link must be an object, got " + Problems.kind(link));
                continue;
            }
            String rel = problems.text(link, "rel", ptr);
            String href = problems.text(link, "href", ptr);
            if (rel == null) {
                problems.add(ptr, "rel is required: tm:submodel for a part, or the relation's name");
                continue;
            }
            if (rel.equals("tm:extends")) {
                problems.add(Json.pointer(ptr, "rel"), "tm:extends is not supported; write the inherited affordances out");
                continue;
            }
            boolean part = rel.equals(SUBMODEL);
            String name = part ? problems.text(link, "instanceName", ptr) : rel;
            if (part && name == null) {
                problems.add(ptr, "a tm:submodel link needs an instanceName");
                continue;
            }
            if (part && href == null) {
                problems.add(ptr, "a tm:submodel link needs an href naming the part's model");
                continue;
            }
            if (!names.add(name)) {
                problems.add(ptr, "link or part name " + name + " is used twice");
                continue;
            }
            if (part) {
                parts.add(new Part(name, href));
            } else {
                links.add(new Link(name, href));
            }
        }
    }
}
