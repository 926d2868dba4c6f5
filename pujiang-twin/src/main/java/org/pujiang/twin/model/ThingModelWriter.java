package org.pujiang.twin.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Writes a {@link TwinModel} as a Thing Model that {@link ThingModelReader} reads back to an equal model. */
final class ThingModelWriter {
    static final String PUJIANG_NAMESPACE = "https://pujiang.org/ns/twin#";

    private ThingModelWriter() {
    }

    static ObjectNode tree(TwinModel model) {
        ObjectNode root = Json.NODES.objectNode();
        ArrayNode context = root.putArray("@context");
        context.add(ThingModelReader.TD_CONTEXT);
        context.addObject().put("pujiang", PUJIANG_NAMESPACE);
        root.put("@type", ThingModelReader.THING_MODEL_TYPE);
        root.put("id", model.id());
        TmSchemaWriter.putIfSet(root, "title", model.title());
        TmSchemaWriter.putIfSet(root, "description", model.description());
        if (model.version() != null) {
            root.putObject("version").put("model", model.version());
        }
        if (!model.properties().isEmpty()) {
            ObjectNode properties = root.putObject("properties");
            model.properties().forEach((name, p) -> properties.set(name, property(p)));
        }
        if (!model.actions().isEmpty()) {
            ObjectNode actions = root.putObject("actions");
            model.actions().forEach((name, a) -> actions.set(name, action(a)));
        }
        if (!model.events().isEmpty()) {
            ObjectNode events = root.putObject("events");
            model.events().forEach((name, e) -> events.set(name, event(e)));
        }
        if (!model.links().isEmpty() || !model.parts().isEmpty()) {
            ArrayNode links = root.putArray("links");
            for (Link link : model.links()) {
                ObjectNode out = links.addObject().put("rel", link.name());
                TmSchemaWriter.putIfSet(out, "href", link.targetModel());
            }
            for (Part part : model.parts()) {
                links.addObject().put("rel", ThingModelReader.SUBMODEL).put("href", part.model())
                        .put("type", "application/tm+json").put("instanceName", part.name());
            }
        }
        return root;
    }

    static String write(TwinModel model) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree(model));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain nodes always serialises", e);
        }
    }

    private static ObjectNode property(Property p) {
        ObjectNode out = Json.NODES.objectNode();
        TmSchemaWriter.writeInto(p.schema(), out);
        putIfTrue(out, "readOnly", p.readOnly());
        putIfTrue(out, "writeOnly", p.writeOnly());
        putIfTrue(out, "observable", p.observable());
        putIfTrue(out, ThingModelReader.HISTORY, p.history());
        return out;
    }

    private static ObjectNode action(Action a) {
        ObjectNode out = Json.NODES.objectNode();
        TmSchemaWriter.putIfSet(out, "title", a.title());
        TmSchemaWriter.putIfSet(out, "description", a.description());
        if (a.input() != null) {
            out.set("input", TmSchemaWriter.write(a.input()));
        }
        if (a.output() != null) {
            out.set("output", TmSchemaWriter.write(a.output()));
        }
        putIfTrue(out, "safe", a.safe());
        putIfTrue(out, "idempotent", a.idempotent());
        return out;
    }

    private static ObjectNode event(Event e) {
        ObjectNode out = Json.NODES.objectNode();
        TmSchemaWriter.putIfSet(out, "title", e.title());
        TmSchemaWriter.putIfSet(out, "description", e.description());
        if (e.data() != null) {
            out.set("data", TmSchemaWriter.write(e.data()));
        }
        return out;
    }

    private static void putIfTrue(ObjectNode out, String key, boolean value) {
        if (value) {
            out.put(key, true);
        }
    }
}
