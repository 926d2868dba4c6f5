package org.pujiang.twin.model;

/** Rebuilds a schema with other {@link Facets}; shared by the readers, which learn facets last. */
final class SchemaFacets {
    private SchemaFacets() {
    }

    static DataSchema replace(DataSchema schema, Facets facets) {
        return switch (schema) {
            case BooleanSchema s -> new BooleanSchema(facets);
            case NullSchema s -> new NullSchema(facets);
            case IntegerSchema s -> new IntegerSchema(s.range(), facets);
            case NumberSchema s -> new NumberSchema(s.range(), facets);
            case StringSchema s -> new StringSchema(s.minLength(), s.maxLength(), s.pattern(), s.format(), facets);
            case ObjectSchema s -> new ObjectSchema(s.properties(), s.required(), s.additionalProperties(), facets);
            case ArraySchema s -> new ArraySchema(s.items(), s.minItems(), s.maxItems(), facets);
        };
    }
}
