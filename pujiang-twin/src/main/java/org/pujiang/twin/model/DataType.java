package org.pujiang.twin.model;

import java.util.Optional;

/** The JSON types a {@link DataSchema} may declare (WoT TD 1.1 §5.3.2.1, DataSchema {@code type}). */
public enum DataType {
    BOOLEAN("boolean"),
    INTEGER("integer"),
    NUMBER("number"),
    STRING("string"),
    OBJECT("object"),
    ARRAY("array"),
    NULL("null");

    private final String wireName;

    DataType(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in Thing Model JSON, e.g. {@code "integer"}. */
    public String wireName() {
        return wireName;
    }

    /** The type with this exact wire name; case matters, as in the TD. */
    public static Optional<DataType> fromWire(String name) {
        for (DataType t : values()) {
            if (t.wireName.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
