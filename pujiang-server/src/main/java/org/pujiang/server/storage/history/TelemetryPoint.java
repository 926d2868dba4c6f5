package org.pujiang.server.storage.history;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One value of one property of one twin at one instant. The instant is truncated to milliseconds,
 * the precision stored. (twin, property, ts) identifies a point: storing a second value for the
 * same key is ignored.
 */
public record TelemetryPoint(String twin, String property, Instant ts, TelemetryValue value) {
    /** The longest twin id and property name, in chars (the columns are VARCHAR(256)). */
    public static final int MAX_KEY_LENGTH = 256;
    /** The latest instant stored: partitions are named by four-digit years. */
    public static final Instant MAX_TS = Instant.parse("9999-12-31T23:59:59.999Z");

    public TelemetryPoint {
        requireKey(twin, "twin");
        requireKey(property, "property");
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(value, "value");
        ts = ts.truncatedTo(ChronoUnit.MILLIS);
        if (ts.isBefore(Instant.EPOCH) || ts.isAfter(MAX_TS)) {
            throw new IllegalArgumentException("telemetry ts out of range 1970..9999: " + ts);
        }
    }

    public static TelemetryPoint numeric(String twin, String property, Instant ts, double value) {
        return new TelemetryPoint(twin, property, ts, new TelemetryValue.Numeric(value));
    }

    public static TelemetryPoint text(String twin, String property, Instant ts, String value) {
        return new TelemetryPoint(twin, property, ts, new TelemetryValue.Text(value));
    }

    private static void requireKey(String s, String what) {
        Objects.requireNonNull(s, what);
        if (s.isEmpty() || s.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException(what + " must be 1.." + MAX_KEY_LENGTH + " chars, got " + s.length());
        }
    }
}
