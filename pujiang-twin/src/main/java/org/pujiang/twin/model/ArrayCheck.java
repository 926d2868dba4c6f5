package org.pujiang.twin.model;

import com.fasterxml.jackson.databind.JsonNode;

final class ArrayCheck extends Check {
    private final Check items;
    private final int minItems;
    private final int maxItems;

    ArrayCheck(ArraySchema schema) {
        super(schema.facets());
        this.items = schema.items() == null ? null : Check.compile(schema.items());
        this.minItems = schema.minItems() == null ? 0 : schema.minItems();
        this.maxItems = schema.maxItems() == null ? Integer.MAX_VALUE : schema.maxItems();
    }

    @Override
    Validation checkShape(JsonNode value) {
        if (!value.isArray()) {
            return wrongType("an array", value);
        }
        int size = value.size();
        if (size > maxItems) {
            return Validation.Rejected.of(Violation.TOO_MANY_ITEMS,
                    "array of " + size + " items is longer than maxItems " + maxItems);
        }
        if (size < minItems) {
            return Validation.Rejected.of(Violation.TOO_FEW_ITEMS,
                    "array of " + size + " items is shorter than minItems " + minItems);
        }
        if (items != null) {
            for (int i = 0; i < size; i++) {
                Validation r = items.check(value.get(i));
                if (r instanceof Validation.Rejected rejected) {
                    return rejected.under(i);
                }
            }
        }
        return Validation.OK;
    }
}
