package org.pujiang.server.storage.history;

import java.util.Objects;

/**
 * One telemetry value: a number or a text. Booleans are stored as the numbers 1 and 0, so that
 * downsampling gives their duty cycle as the average. Only numbers are downsampled.
 */
public sealed interface TelemetryValue {
    /** The longest text value stored, in chars (the column is VARCHAR(4096)). */
    int MAX_TEXT_LENGTH = 4096;

    /** A finite number: NaN and infinities have no meaningful min, max or average. */
    record Numeric(double value) implements TelemetryValue {
        public Numeric {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("telemetry value must be finite, got " + value);
            }
        }
    }

    record Text(String value) implements TelemetryValue {
        public Text {
            Objects.requireNonNull(value, "value");
            if (value.length() > MAX_TEXT_LENGTH) {
                throw new IllegalArgumentException("telemetry text longer than " + MAX_TEXT_LENGTH + " chars");
            }
        }
    }

    static TelemetryValue of(double value) {
        return new Numeric(value);
    }

    static TelemetryValue of(boolean value) {
        return new Numeric(value ? 1 : 0);
    }

    static TelemetryValue of(String value) {
        return new Text(value);
    }
}
