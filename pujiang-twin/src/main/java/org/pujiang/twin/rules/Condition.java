package org.pujiang.twin.rules;

import java.time.Duration;
import java.util.Optional;

/**
 * What a rule watches for. Each kind has a raise test and a clear test; with hysteresis {@code h} the clear
 * test is shifted by {@code h} towards the safe side, so that a value hovering at the limit does not flap.
 */
public sealed interface Condition {
    /** The kind's wire name: threshold, range, rate, silence. */
    String kind();

    /** Alert while {@code value op limit}, e.g. {@code temperature > 80}. A value exactly on the limit meets >= and <=, not > and <. */
    record Threshold(Op op, double limit) implements Condition {
        public Threshold {
            if (op == null) {
                throw new IllegalArgumentException("op is required");
            }
            if (!Double.isFinite(limit)) {
                throw new IllegalArgumentException("limit must be a finite number, got " + limit);
            }
        }

        @Override
        public String kind() {
            return "threshold";
        }

        boolean raises(double v) {
            return switch (op) {
                case GT -> v > limit;
                case GE -> v >= limit;
                case LT -> v < limit;
                case LE -> v <= limit;
            };
        }

        /** Clears once the value is back past the limit by at least {@code h}. */
        boolean clears(double v, double h) {
            return switch (op) {
                case GT -> v <= limit - h;
                case GE -> v < limit - h;
                case LT -> v >= limit + h;
                case LE -> v > limit + h;
            };
        }
    }

    /** Comparison of a threshold. */
    enum Op {
        GT(">"), GE(">="), LT("<"), LE("<=");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public static Optional<Op> fromSymbol(String s) {
            for (Op op : values()) {
                if (op.symbol.equals(s)) {
                    return Optional.of(op);
                }
            }
            return Optional.empty();
        }
    }

    /** Alert while the value is outside [min, max]; min and max themselves are inside. Clears inside [min + h, max - h]. */
    record Range(double min, double max) implements Condition {
        public Range {
            if (!Double.isFinite(min) || !Double.isFinite(max)) {
                throw new IllegalArgumentException("min and max must be finite numbers, got " + min + " and " + max);
            }
            if (min >= max) {
                throw new IllegalArgumentException("min must be below max, got min " + min + ", max " + max);
            }
        }

        @Override
        public String kind() {
            return "range";
        }

        boolean raises(double v) {
            return v < min || v > max;
        }

        boolean clears(double v, double h) {
            return v >= min + h && v <= max - h;
        }
    }

    /**
     * Alert while the value changes faster than {@code maxPerSecond}, in either direction: |Δvalue / Δt| with Δt in
     * seconds between two successive samples by their own timestamps. The first sample gives no rate; a sample not
     * newer than the last one is ignored.
     */
    record Rate(double maxPerSecond) implements Condition {
        public Rate {
            if (!Double.isFinite(maxPerSecond) || maxPerSecond <= 0) {
                throw new IllegalArgumentException("maxPerSecond must be a positive number, got " + maxPerSecond);
            }
        }

        @Override
        public String kind() {
            return "rate";
        }

        boolean raises(double rate) {
            return rate > maxPerSecond;
        }

        boolean clears(double rate, double h) {
            return rate <= maxPerSecond - h;
        }
    }

    /**
     * Alert when the twin has sent nothing (or, when the rule names a property, nothing for that property) for
     * {@code after}, measured by the engine's clock ({@link RuleEngine#onClock}) against the newest timestamp seen.
     * Exactly {@code after} of silence raises. Clears when data arrives.
     */
    record Silence(Duration after) implements Condition {
        public Silence {
            if (after == null || after.isNegative() || after.isZero()) {
                throw new IllegalArgumentException("after must be a positive duration, got " + after);
            }
        }

        @Override
        public String kind() {
            return "silence";
        }
    }
}
