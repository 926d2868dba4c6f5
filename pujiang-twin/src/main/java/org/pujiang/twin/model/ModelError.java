package org.pujiang.twin.model;

import java.util.Objects;

/**
 * One problem in a model document.
 *
 * @param pointer RFC 6901 JSON pointer to the offending member in the submitted document ({@code ""} = the root)
 * @param message what is wrong, with the values involved
 */
public record ModelError(String pointer, String message) {
    public ModelError {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return (pointer.isEmpty() ? "/" : pointer) + ": " + message;
    }
}
