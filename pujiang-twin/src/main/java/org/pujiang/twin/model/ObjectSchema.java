package org.pujiang.twin.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code "type": "object"}. Members not named in {@code properties} are allowed (JSON Schema default) and,
 * when {@code additionalProperties} is set, must match it: that is how a DTDL Map is carried.
 *
 * @param properties           the named members, in declaration order
 * @param required             names that must be present; each is a key of {@code properties}
 * @param additionalProperties schema of every other member, or null to leave them unchecked
 */
public record ObjectSchema(Map<String, DataSchema> properties, List<String> required,
                           DataSchema additionalProperties, Facets facets) implements DataSchema {
    public ObjectSchema {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(properties, "properties")));
        required = List.copyOf(required);
        Objects.requireNonNull(facets, "facets");
    }

    public ObjectSchema(Map<String, DataSchema> properties, List<String> required) {
        this(properties, required, null, Facets.NONE);
    }

    @Override
    public DataType type() {
        return DataType.OBJECT;
    }
}
