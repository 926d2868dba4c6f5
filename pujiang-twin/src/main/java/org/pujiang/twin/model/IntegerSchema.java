package org.pujiang.twin.model;

import java.util.Objects;

/** {@code "type": "integer"}: a number with no fractional part (so {@code 3.0} is an integer, {@code 3.5} is not). */
public record IntegerSchema(NumericRange range, Facets facets) implements DataSchema {
    public IntegerSchema {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(facets, "facets");
    }

    public IntegerSchema() {
        this(NumericRange.NONE, Facets.NONE);
    }

    @Override
    public DataType type() {
        return DataType.INTEGER;
    }
}
