package org.pujiang.twin.model;

import java.util.Objects;

/**
 * An action affordance (DTDL Command): something a user can ask the device to do.
 *
 * @param input      schema of the request, or null when the action takes none
 * @param output     schema of the response, or null when it returns none
 * @param safe       invoking it changes no state (TD {@code safe})
 * @param idempotent invoking it twice is the same as once (TD {@code idempotent}); retries rely on this
 */
public record Action(String name, String title, String description, DataSchema input, DataSchema output,
                     boolean safe, boolean idempotent) {
    public Action {
        Objects.requireNonNull(name, "name");
    }

    public static Action of(String name, DataSchema input, DataSchema output) {
        return new Action(name, null, null, input, output, false, false);
    }
}
