package org.pujiang.twin.model;

import java.util.Objects;

/**
 * A property affordance: a piece of twin state a device reports and, unless read-only, a user may set as
 * desired. Its title, description and unit live in the schema's {@link Facets}, as in the TD, where a
 * PropertyAffordance is itself a DataSchema.
 *
 * @param readOnly   users may not write a desired value (DTDL: a Property without {@code writable}, or Telemetry)
 * @param writeOnly  the value is never reported back (a set-point the device does not echo)
 * @param observable clients may subscribe to changes (TD {@code observable})
 * @param history    Pujiang: keep a time series of reported values (DTDL Telemetry)
 */
public record Property(String name, DataSchema schema, boolean readOnly, boolean writeOnly, boolean observable,
                       boolean history) {
    public Property {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schema, "schema");
        if (readOnly && writeOnly) {
            throw new IllegalArgumentException("property " + name + " cannot be both readOnly and writeOnly");
        }
    }

    /** A writable property that keeps no history. */
    public static Property of(String name, DataSchema schema) {
        return new Property(name, schema, false, false, false, false);
    }
}
