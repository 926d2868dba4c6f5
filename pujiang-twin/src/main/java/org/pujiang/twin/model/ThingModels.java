package org.pujiang.twin.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * Twin models in the W3C WoT Thing Model form (TD 1.1 §10), the format Pujiang stores and serves.
 * The accepted subset is written up in docs/twins-models.md. Stateless and thread-safe.
 */
public final class ThingModels {
    private ThingModels() {
    }

    /** The model in {@code json}, or every problem found in it; never throws on bad input. */
    public static Parsed parse(String json) {
        return new ThingModelReader().read(json);
    }

    /** The model as Thing Model JSON; {@link #parse} of the result gives an equal model. */
    public static String write(TwinModel model) {
        return ThingModelWriter.write(Objects.requireNonNull(model, "model"));
    }

    /** As {@link #write}, as a tree, for callers that embed the model in a larger document. */
    public static ObjectNode toTree(TwinModel model) {
        return ThingModelWriter.tree(Objects.requireNonNull(model, "model"));
    }
}
