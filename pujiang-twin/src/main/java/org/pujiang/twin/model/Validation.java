package org.pujiang.twin.model;

import java.util.Objects;

/** The outcome of checking a value against a schema or an update against a model. Never an exception. */
public sealed interface Validation permits Validation.Ok, Validation.Rejected {

    /** The one accepted outcome; validators return this instance so the accepting path allocates nothing. */
    Ok OK = new Ok();

    default boolean isOk() {
        return this instanceof Ok;
    }

    record Ok() implements Validation {
    }

    /**
     * @param pointer   RFC 6901 pointer to the offending value inside the checked document ({@code ""} = the value
     *                  itself); for an update, it starts with the property name
     * @param violation the rule broken
     * @param reason    a message for people, with the values involved
     */
    record Rejected(String pointer, Violation violation, String reason) implements Validation {
        public Rejected {
            Objects.requireNonNull(pointer, "pointer");
            Objects.requireNonNull(violation, "violation");
            Objects.requireNonNull(reason, "reason");
        }

        static Rejected of(Violation violation, String reason) {
            return new Rejected("", violation, reason);
        }

        /** This rejection seen from the parent: the pointer gains {@code token} in front. */
        Rejected under(String token) {
            return new Rejected(Json.pointer("", token) + pointer, violation, reason);
        }

        Rejected under(int index) {
            return new Rejected("/" + index + pointer, violation, reason);
        }
    }
}
