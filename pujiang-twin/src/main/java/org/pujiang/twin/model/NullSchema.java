package org.pujiang.twin.model;

import java.util.Objects;

/** {@code "type": "null"}: only JSON null is valid. */
public record NullSchema(Facets facets) implements DataSchema {
    public NullSchema {
        Objects.requireNonNull(facets, "facets");
    }

    @Override
    public DataType type() {
        return DataType.NULL;
    }
}
