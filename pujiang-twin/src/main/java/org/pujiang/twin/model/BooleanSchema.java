package org.pujiang.twin.model;

import java.util.Objects;

/** {@code "type": "boolean"}. */
public record BooleanSchema(Facets facets) implements DataSchema {
    public BooleanSchema {
        Objects.requireNonNull(facets, "facets");
    }

    public BooleanSchema() {
        this(Facets.NONE);
    }

    @Override
    public DataType type() {
        return DataType.BOOLEAN;
    }
}
