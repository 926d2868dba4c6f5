package org.pujiang.server.alert;

import java.time.Duration;

/**
 * A rule as submitted ({@code POST /api/rules}), before validation. Exactly one of {@code twin}, {@code model};
 * which condition fields are needed depends on {@code kind}: threshold (op, value), range (min, max),
 * rate (maxPerSecond), silence (after). Null means absent.
 */
public record RuleSpec(String twin, String model, String property, String kind, String op, Double value, Double min,
                       Double max, Double maxPerSecond, Duration after, Duration forDuration, Double hysteresis,
                       String severity, String message) {}
