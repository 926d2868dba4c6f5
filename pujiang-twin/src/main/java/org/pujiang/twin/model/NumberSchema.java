package org.pujiang.twin.model;

import java.util.Objects;

/** {@code "type": "number"}: any finite JSON number, integers included. */
public record NumberSchema(NumericRange range, Facets facets) implements DataSchema {
    public NumberSchema {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(facets, "facets");
    }

    public NumberSchema() {
        this(NumericRange.NONE, Facets.NONE);
    }

    @Override
    public DataType type() {
        return DataType.NUMBER;
    }
}
