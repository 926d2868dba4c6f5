package org.pujiang.twin.model;

import java.util.Objects;

/**
 * A named relationship from twins of this model to other twins (DTDL Relationship), such as
 * {@code building -> floor}. Twins fill it in; the model only says what may be linked.
 *
 * @param name        the relation, e.g. {@code "feeds"}; unique within the model
 * @param targetModel id of the model the target twin must have, or null when any model is allowed
 */
public record Link(String name, String targetModel) {
    public Link {
        Objects.requireNonNull(name, "name");
    }
}
