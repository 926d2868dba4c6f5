package org.pujiang.twin.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One property's latest value with its metadata: when it was measured (device time when the device sent one,
 * else receive time) and where it came from ({@code mqtt}, {@code http}, {@code bridge:NAME}, or
 * {@code user:ID} for desired values).
 */
public record PropertyValue(JsonNode value, long tsMs, String source) {
    public PropertyValue {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
    }
}
