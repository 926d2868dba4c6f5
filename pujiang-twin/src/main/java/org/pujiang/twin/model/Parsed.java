package org.pujiang.twin.model;

import java.util.List;
import java.util.Objects;

/** The outcome of reading a model document: a model, or every problem found in it. Never an exception. */
public sealed interface Parsed permits Parsed.Ok, Parsed.Invalid {

    record Ok(TwinModel model) implements Parsed {
        public Ok {
            Objects.requireNonNull(model, "model");
        }
    }

    record Invalid(List<ModelError> errors) implements Parsed {
        public Invalid {
            errors = List.copyOf(errors);
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("Invalid needs at least one error");
            }
        }

        static Invalid of(String pointer, String message) {
            return new Invalid(List.of(new ModelError(pointer, message)));
        }
    }
}
