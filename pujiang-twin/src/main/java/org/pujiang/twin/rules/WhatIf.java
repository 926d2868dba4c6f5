package org.pujiang.twin.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a simulated scenario through a fresh {@link RuleEngine}: which alerts would open and clear if these values
 * arrived. No live state is read or touched. The engine's clock is advanced in whole ticks (like a partition's
 * periodic {@link RuleEngine#onClock}) up to each step's time, so silence and for-duration behave as they would live.
 * Stateless and thread-safe.
 */
public final class WhatIf {
    /** The most clock ticks one scenario may take, so that a request cannot make the server spin. */
    public static final long MAX_TICKS = 1_000_000;

    private WhatIf() {}

    /** One step of a scenario, in time order. */
    public sealed interface Step {
        long tsMs();

        /** A numeric value arrives (which also counts as data for silence rules on the twin). */
        record Value(String twin, String model, String property, double value, long tsMs) implements Step {}

        /** Only the clock moves, to {@code tsMs}: lets silences and for-durations run out. */
        record Clock(long tsMs) implements Step {}
    }

    /**
     * Where the scenario starts.
     *
     * @param open      alerts already open, as (rule id, twin)
     * @param lastSeen  twins' last report times, which arm silence rules: (twin, model, ts)
     */
    public record Start(List<OpenAlert> open, List<Seen> lastSeen) {
        public static final Start EMPTY = new Start(List.of(), List.of());

        public Start {
            open = List.copyOf(open);
            lastSeen = List.copyOf(lastSeen);
        }
    }

    public record OpenAlert(String ruleId, String twin) {}

    public record Seen(String twin, String model, long tsMs) {}

    /** Runs {@code steps} with a 1 s clock tick. */
    public static List<AlertSignal> run(RuleSet rules, Start start, List<Step> steps) {
        return run(rules, start, steps, 1000);
    }

    /**
     * @param tickMs how often the simulated partition clock runs onClock
     * @throws IllegalArgumentException when steps go back in time or the scenario needs more than {@link #MAX_TICKS}
     */
    public static List<AlertSignal> run(RuleSet rules, Start start, List<Step> steps, long tickMs) {
        if (tickMs <= 0) {
            throw new IllegalArgumentException("tickMs must be positive, got " + tickMs);
        }
        if (steps.isEmpty()) {
            return List.of();
        }
        long first = steps.getFirst().tsMs();
        long last = first;
        for (Step s : steps) {
            if (s.tsMs() < last) {
                throw new IllegalArgumentException("steps must be in time order: " + s.tsMs() + " after " + last);
            }
            last = s.tsMs();
        }
        if ((last - first) / tickMs > MAX_TICKS) {
            throw new IllegalArgumentException("the scenario spans " + (last - first) + " ms, more than "
                    + MAX_TICKS + " ticks of " + tickMs + " ms");
        }
        RuleEngine engine = new RuleEngine(rules);
        for (OpenAlert o : start.open()) {
            engine.markOpen(o.ruleId(), o.twin());
        }
        for (Seen seen : start.lastSeen()) {
            engine.onSeen(seen.twin(), seen.model(), seen.tsMs());
        }
        List<AlertSignal> out = new ArrayList<>();
        long nextTick = first;
        for (Step step : steps) {
            while (nextTick <= step.tsMs()) {
                out.addAll(engine.onClock(nextTick));
                nextTick += tickMs;
            }
            if (step instanceof Step.Value v) {
                out.addAll(engine.onSeen(v.twin(), v.model(), v.tsMs()));
                out.addAll(engine.onValue(v.twin(), v.model(), v.property(), v.value(), v.tsMs()));
            }
        }
        return out;
    }
}
