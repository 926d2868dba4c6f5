package org.pujiang.twin.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * Checks values against one {@link DataSchema}. Compile once ({@link #of}) and reuse: checking does no
 * parsing, no reflection and, when the value is accepted, no allocation. Immutable and thread-safe.
 * To check whole updates against a model, use {@link CompiledModel}.
 */
public final class Validator {
    private final DataSchema schema;
    private final Check check;

    private Validator(DataSchema schema) {
        this.schema = schema;
        this.check = Check.compile(schema);
    }

    /**
     * @throws java.util.regex.PatternSyntaxException if the schema's pattern is not a regular expression; schemas
     *         from {@link ThingModels} and {@link DtdlImport} have been checked already
     */
    public static Validator of(DataSchema schema) {
        return new Validator(Objects.requireNonNull(schema, "schema"));
    }

    public DataSchema schema() {
        return schema;
    }

    /** {@link Validation#OK}, or the first rule the value breaks, with a pointer relative to the value. */
    public Validation validate(JsonNode value) {
        return check.check(value == null ? Json.NODES.nullNode() : value);
    }
}
