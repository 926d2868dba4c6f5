package org.pujiang.twin.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * Property values measured at one instant. {@code tsMs} is the device's timestamp, or {@link #NO_TIME} when
 * the device sent none (the receive time is used).
 */
public record Sample(long tsMs, ObjectNode values, String pointer) {
    public static final long NO_TIME = Long.MIN_VALUE;

    /**
     * @param pointer RFC 6901 pointer to {@code values} inside the payload, so a rejection can say where
     */
    public Sample {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(pointer, "pointer");
    }

    public boolean hasTime() {
        return tsMs != NO_TIME;
    }
}
