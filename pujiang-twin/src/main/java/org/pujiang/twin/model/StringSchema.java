package org.pujiang.twin.model;

import java.util.Objects;

/**
 * {@code "type": "string"}. Lengths count Unicode code points, as JSON Schema does.
 *
 * @param minLength null when absent
 * @param maxLength null when absent
 * @param pattern   a regular expression the value must contain a match of (not anchored), or null
 * @param format    {@code date-time}, {@code date}, {@code time} and {@code duration} are checked; others are
 *                  kept as annotations
 */
public record StringSchema(Integer minLength, Integer maxLength, String pattern, String format, Facets facets)
        implements DataSchema {
    public StringSchema {
        Objects.requireNonNull(facets, "facets");
    }

    public StringSchema() {
        this(null, null, null, null, Facets.NONE);
    }

    public static StringSchema withFormat(String format) {
        return new StringSchema(null, null, null, format, Facets.NONE);
    }

    @Override
    public DataType type() {
        return DataType.STRING;
    }
}
