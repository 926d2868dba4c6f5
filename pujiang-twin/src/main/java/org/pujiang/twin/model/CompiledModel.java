package org.pujiang.twin.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link TwinModel} with every schema compiled, ready to check each incoming device value and each desired
 * write. Build one per model when the model is stored, not per message. Immutable and thread-safe.
 *
 * <p>Checks stop at the first problem: a device gets one clear reason, and a bad batch costs no more than the
 * good part before it. Callers apply an update only if the whole update is {@link Validation.Ok}.
 */
public final class CompiledModel {
    private record CompiledProperty(Property property, Check check) {
    }

    private record CompiledAction(Action action, Check input) {
    }

    private final TwinModel model;
    private final Map<String, CompiledProperty> properties = new HashMap<>();
    private final Map<String, CompiledAction> actions = new HashMap<>();

    private CompiledModel(TwinModel model) {
        this.model = model;
        model.properties().forEach((name, p) -> properties.put(name, new CompiledProperty(p, Check.compile(p.schema()))));
        model.actions().forEach((name, a) ->
                actions.put(name, new CompiledAction(a, a.input() == null ? null : Check.compile(a.input()))));
    }

    public static CompiledModel of(TwinModel model) {
        return new CompiledModel(Objects.requireNonNull(model, "model"));
    }

    public TwinModel model() {
        return model;
    }

    /** One reported value; the pointer of a rejection starts with the property name. */
    public Validation validateProperty(String name, JsonNode value) {
        CompiledProperty p = properties.get(name);
        if (p == null) {
            return unknown("property", name);
        }
        return underProperty(name, p.check().check(value == null ? Json.NODES.nullNode() : value));
    }

    /** A device's report: a JSON object of property name to value (telemetry or reported state). */
    public Validation validateReported(JsonNode update) {
        return validateUpdate(update, false);
    }

    /**
     * A user's or application's desired state: as {@link #validateReported}, and read-only properties are
     * refused, since no device would act on them.
     */
    public Validation validateDesired(JsonNode update) {
        return validateUpdate(update, true);
    }

    /** The input of an action invocation; {@code input} may be null or JSON null when the action takes none. */
    public Validation validateActionInput(String actionName, JsonNode input) {
        CompiledAction a = actions.get(actionName);
        if (a == null) {
            return unknown("action", actionName);
        }
        boolean absent = input == null || input.isNull() || input.isMissingNode();
        if (a.input() == null) {
            return absent ? Validation.OK : Validation.Rejected.of(Violation.WRONG_TYPE,
                    "action " + actionName + " takes no input, got " + Json.brief(input));
        }
        return a.input().check(absent ? Json.NODES.nullNode() : input);
    }

    private Validation validateUpdate(JsonNode update, boolean desired) {
        if (update == null || !update.isObject()) {
            return Validation.Rejected.of(Violation.NOT_AN_UPDATE,
                    "an update is a JSON object of property names to values, got "
                            + (update == null ? "nothing" : Problems.kind(update)));
        }
        for (Map.Entry<String, JsonNode> entry : update.properties()) {
            String name = entry.getKey();
            CompiledProperty p = properties.get(name);
            if (p == null) {
                return unknown("property", name);
            }
            if (desired && p.property().readOnly()) {
                return new Validation.Rejected(Json.pointer("", name), Violation.READ_ONLY,
                        "property " + name + " is read-only and cannot be set as desired");
            }
            Validation r = underProperty(name, p.check().check(entry.getValue()));
            if (r != Validation.OK) {
                return r;
            }
        }
        return Validation.OK;
    }

    private Validation unknown(String what, String name) {
        return new Validation.Rejected(Json.pointer("", name), Violation.UNKNOWN_PROPERTY,
                "model " + model.id() + " has no " + what + " " + name);
    }

    private static Validation underProperty(String name, Validation r) {
        return r instanceof Validation.Rejected rejected ? rejected.under(name) : r;
    }
}
