package org.pujiang.twin.model;

import com.fasterxml.jackson.databind.JsonNode;

final class NullCheck extends Check {
    NullCheck(NullSchema schema) {
        super(schema.facets());
    }

    @Override
    Validation checkShape(JsonNode value) {
        return value.isNull() ? Validation.OK : wrongType("null", value);
    }
}
