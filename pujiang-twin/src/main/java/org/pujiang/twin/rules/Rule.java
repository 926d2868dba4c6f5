package org.pujiang.twin.rules;

import java.time.Duration;
import java.util.Locale;

/**
 * One rule: a condition on one property of one twin, or of every twin of one model.
 *
 * @param id          unique within a {@link RuleSet}
 * @param scope       the twin, or the model, it applies to
 * @param property    the watched property; required except for silence rules, where null means "any data from the
 *                    twin" (reported through {@link RuleEngine#onSeen})
 * @param condition   what it watches for
 * @param severity    of the alerts it raises
 * @param forDuration how long the condition must hold before the alert opens; zero opens at once. Ignored by
 *                    silence rules, which are a duration themselves
 * @param hysteresis  how far back past the limit a value must come before the alert clears (0 or more; in the
 *                    property's unit, per second for rate rules). Ignored by silence rules
 * @param message     a template with {@code {twin} {property} {value} {limit} {rule} {severity}}, or null for a
 *                    default that says what happened
 */
public record Rule(String id, Scope scope, String property, Condition condition, Severity severity,
                   Duration forDuration, double hysteresis, String message) {

    /** What a rule applies to: one twin, or every twin of one model. */
    public sealed interface Scope {
        String id();

        record Twin(String id) implements Scope {
            public Twin {
                requireText(id, "twin id");
            }
        }

        record Model(String id) implements Scope {
            public Model {
                requireText(id, "model id");
            }
        }
    }

    public Rule {
        requireText(id, "id");
        if (scope == null) {
            throw new IllegalArgumentException("scope is required: a twin or a model");
        }
        if (condition == null) {
            throw new IllegalArgumentException("condition is required");
        }
        if (property == null && !(condition instanceof Condition.Silence)) {
            throw new IllegalArgumentException("property is required for " + condition.kind() + " rules");
        }
        if (property != null) {
            requireText(property, "property");
        }
        if (severity == null) {
            severity = Severity.WARNING;
        }
        if (forDuration == null) {
            forDuration = Duration.ZERO;
        }
        if (forDuration.isNegative()) {
            throw new IllegalArgumentException("forDuration must not be negative, got " + forDuration);
        }
        if (!Double.isFinite(hysteresis) || hysteresis < 0) {
            throw new IllegalArgumentException("hysteresis must be a number, 0 or more, got " + hysteresis);
        }
        if (condition instanceof Condition.Range r && 2 * hysteresis >= r.max() - r.min()) {
            throw new IllegalArgumentException("hysteresis " + hysteresis + " leaves no clear band inside range ["
                    + r.min() + ", " + r.max() + "]: it must be below " + (r.max() - r.min()) / 2);
        }
        if (condition instanceof Condition.Rate r && hysteresis >= r.maxPerSecond()) {
            throw new IllegalArgumentException("hysteresis " + hysteresis + " must be below maxPerSecond "
                    + r.maxPerSecond());
        }
    }

    /** A rule with the defaults: warning, no for-duration, no hysteresis, the default message. */
    public static Rule of(String id, Scope scope, String property, Condition condition) {
        return new Rule(id, scope, property, condition, Severity.WARNING, Duration.ZERO, 0, null);
    }

    /** The message for an alert of this rule on {@code twin} with {@code value}. */
    public String render(String twin, double value) {
        String template = message != null ? message : defaultTemplate();
        String limit = switch (condition) {
            case Condition.Threshold t -> t.op().symbol() + " " + number(t.limit());
            case Condition.Range r -> "[" + number(r.min()) + ", " + number(r.max()) + "]";
            case Condition.Rate r -> number(r.maxPerSecond()) + "/s";
            case Condition.Silence s -> s.after().toString().substring(2).toLowerCase(Locale.ROOT);
        };
        return template.replace("{twin}", twin)
                .replace("{property}", property == null ? "data" : property)
                .replace("{value}", number(value))
                .replace("{limit}", limit)
                .replace("{rule}", id)
                .replace("{severity}", severity.wireName());
    }

    private String defaultTemplate() {
        return switch (condition) {
            case Condition.Threshold t -> "{twin}: {property} is {value} ({limit})";
            case Condition.Range r -> "{twin}: {property} is {value}, outside {limit}";
            case Condition.Rate r -> "{twin}: {property} changes by {value}/s, faster than {limit}";
            case Condition.Silence s -> "{twin}: no {property} for {value} s (limit {limit})";
        };
    }

    /** Whole numbers without ".0"; others with up to 4 decimals. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "?";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.4f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static void requireText(String s, String what) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
    }
}
