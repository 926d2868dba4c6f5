package org.pujiang.twin.model;

import java.util.Objects;

/**
 * {@code "type": "array"}.
 *
 * @param items    schema every element must match, or null to leave elements unchecked
 * @param minItems null when absent
 * @param maxItems null when absent
 */
public record ArraySchema(DataSchema items, Integer minItems, Integer maxItems, Facets facets) implements DataSchema {
    public ArraySchema {
        Objects.requireNonNull(facets, "facets");
    }

    public ArraySchema(DataSchema items) {
        this(items, null, null, Facets.NONE);
    }

    @Override
    public DataType type() {
        return DataType.ARRAY;
    }
}
