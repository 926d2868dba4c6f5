package org.pujiang.twin.model;

/**
 * The schema of a value: a property, an action's input or output, an event's data, or a nested field.
 * One record per {@link DataType}, so code that consumes a schema switches on the record and the compiler
 * checks that every type is handled.
 */
public sealed interface DataSchema
        permits BooleanSchema, IntegerSchema, NumberSchema, StringSchema, ObjectSchema, ArraySchema, NullSchema {

    DataType type();

    Facets facets();

    /** Shorthand for the unit, or null. */
    default String unit() {
        return facets().unit();
    }
}
