package org.pujiang.twin.model;

import com.fasterxml.jackson.databind.JsonNode;

final class BooleanCheck extends Check {
    BooleanCheck(BooleanSchema schema) {
        super(schema.facets());
    }

    @Override
    Validation checkShape(JsonNode value) {
        return value.isBoolean() ? Validation.OK : wrongType("a boolean", value);
    }
}
