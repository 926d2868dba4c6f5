package org.pujiang.twin.model;

import java.util.Objects;

/**
 * A nested part described by another model (DTDL Component, TM {@code tm:submodel} link), such as the
 * hydraulic unit of a press. Unlike a {@link Link}, a part lives and dies with its twin.
 *
 * @param name  the instance name, unique within the model
 * @param model id of the part's model
 */
public record Part(String name, String model) {
    public Part {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(model, "model");
    }
}
