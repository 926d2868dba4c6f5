package org.pujiang.twin.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

final class ObjectCheck extends Check {
    private final Map<String, Check> members = new LinkedHashMap<>();
    private final String[] required;
    private final Check others;

    ObjectCheck(ObjectSchema schema) {
        super(schema.facets());
        schema.properties().forEach((name, s) -> members.put(name, Check.compile(s)));
        this.required = schema.required().toArray(String[]::new);
        this.others = schema.additionalProperties() == null ? null : Check.compile(schema.additionalProperties());
    }

    @Override
    Validation checkShape(JsonNode value) {
        if (!value.isObject()) {
            return wrongType("an object", value);
        }
        for (String name : required) {
            if (!value.has(name)) {
                return new Validation.Rejected(Json.pointer("", name), Violation.MISSING_REQUIRED,
                        "required member " + name + " is missing");
            }
        }
        for (Map.Entry<String, Check> m : members.entrySet()) {
            JsonNode member = value.get(m.getKey());
            if (member != null) {
                Validation r = m.getValue().check(member);
                if (r instanceof Validation.Rejected rejected) {
                    return rejected.under(m.getKey());
                }
            }
        }
        if (others != null) {
            for (Map.Entry<String, JsonNode> member : value.properties()) {
                if (!members.containsKey(member.getKey())) {
                    Validation r = others.check(member.getValue());
                    if (r instanceof Validation.Rejected rejected) {
                        return rejected.under(member.getKey());
                    }
                }
            }
        }
        return Validation.OK;
    }
}
