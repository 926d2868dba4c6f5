package org.pujiang.twin.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pujiang.twin.model.CompiledModel;
import org.pujiang.twin.model.Property;
import org.pujiang.twin.model.Validation;

/**
 * Turns samples from a device into accepted values on a {@link TwinState}, all or nothing: every sample is
 * checked against the model and the clock first, and only a payload that passes whole changes the state.
 *
 * <p>A sample older than a property's current value still goes to history but does not replace the latest
 * value, so a device that flushes a backlog out of order cannot roll the state back. Stateless and thread-safe;
 * the state passed in must be owned by the calling thread.
 */
public final class Ingestor {
    /**
     * How far a device's timestamps may stray from the server clock.
     *
     * @param maxAhead a timestamp later than now plus this is refused (a device clock running fast)
     * @param maxBehind a timestamp earlier than now minus this is refused (a stale backlog beyond retention)
     */
    public record ClockPolicy(Duration maxAhead, Duration maxBehind) {
        public static ClockPolicy defaults() {
            return new ClockPolicy(Duration.ofMinutes(5), Duration.ofDays(30));
        }
    }

    /** Why a payload was refused. */
    public enum Refusal {
        /** A value does not fit the model: unknown property, wrong type, out of range. */
        INVALID,
        /** A timestamp is outside the {@link ClockPolicy}. */
        CLOCK_SKEW
    }

    /**
     * One accepted value.
     *
     * @param history whether it belongs in the time series
     * @param latest whether it became the property's current value
     */
    public record Accepted(String property, long tsMs, JsonNode value, boolean history, boolean latest) {}

    public sealed interface Outcome {
        /** The state changed (or, for a backlog of old samples, only history grows). */
        record Applied(List<Accepted> values, long version) implements Outcome {}

        record Refused(Refusal reason, String message, String pointer) implements Outcome {}
    }

    private final ClockPolicy clock;

    public Ingestor(ClockPolicy clock) {
        this.clock = clock;
    }

    /**
     * Applies a device's samples.
     *
     * @param allHistory keep every value in history (telemetry), not only those of properties whose model asks
     */
    public Outcome report(TwinState state, List<Sample> samples, long nowMs, String source, boolean allHistory) {
        Outcome.Refused refused = check(state, samples, nowMs);
        return refused != null ? refused : apply(state, samples, nowMs, source, allHistory);
    }

    /** Checks samples against the model and the clock without changing anything; null when they pass. */
    public Outcome.Refused check(TwinState state, List<Sample> samples, long nowMs) {
        CompiledModel model = state.model();
        long earliest = nowMs - clock.maxBehind().toMillis();
        long latest = nowMs + clock.maxAhead().toMillis();
        for (Sample s : samples) {
            if (s.hasTime() && (s.tsMs() > latest || s.tsMs() < earliest)) {
                return new Outcome.Refused(Refusal.CLOCK_SKEW, "timestamp " + Instant.ofEpochMilli(s.tsMs())
                        + " is " + (s.tsMs() > latest ? "ahead of" : "behind") + " the server clock ("
                        + Instant.ofEpochMilli(nowMs) + ") by more than "
                        + (s.tsMs() > latest ? clock.maxAhead() : clock.maxBehind()) + "; check the device's clock",
                        s.pointer().endsWith("/values") ? s.pointer().substring(0, s.pointer().length() - 7) + "/ts"
                                : s.pointer().equals("/state/reported") ? "/timestamp" : s.pointer());
            }
            Validation v = model.validateReported(s.values());
            if (v instanceof Validation.Rejected r) {
                return new Outcome.Refused(Refusal.INVALID, r.reason(), s.pointer() + r.pointer());
            }
        }
        return null;
    }

    /** Whether a property's values go to history when they do not arrive as telemetry. */
    public static boolean keepsHistory(TwinState state, String property) {
        Property p = state.model().model().properties().get(property);
        return p != null && p.history();
    }

    /** Applies samples that passed {@link #check} with the same {@code nowMs}. */
    public Outcome.Applied apply(TwinState state, List<Sample> samples, long nowMs, String source, boolean allHistory) {
        Map<String, Property> properties = state.model().model().properties();
        int count = 0;
        for (Sample s : samples) {
            count += s.values().size();
        }
        List<Accepted> accepted = new ArrayList<>(count);
        boolean changed = false;
        for (Sample s : samples) {
            long ts = s.hasTime() ? s.tsMs() : nowMs;
            for (Map.Entry<String, JsonNode> e : s.values().properties()) {
                String name = e.getKey();
                PropertyValue current = state.reported().get(name);
                boolean newest = current == null || ts >= current.tsMs();
                if (newest) {
                    state.putReported(name, new PropertyValue(e.getValue(), ts, source));
                    changed = true;
                }
                boolean history = allHistory || properties.get(name).history();
                accepted.add(new Accepted(name, ts, e.getValue(), history, newest));
            }
        }
        state.seen(nowMs);
        long version = changed ? state.bump() : state.version();
        return new Outcome.Applied(accepted, version);
    }

    /**
     * Sets desired values from a user or application. Read-only properties are refused.
     *
     * @return the state's delta after the change (what the device still has to do), or the refusal
     */
    public DesiredOutcome desire(TwinState state, ObjectNode values, long nowMs, String source) {
        Validation v = state.model().validateDesired(values);
        if (v instanceof Validation.Rejected r) {
            return new DesiredOutcome.Refused(r.reason(), r.pointer());
        }
        values.properties().forEach(e -> state.putDesired(e.getKey(), new PropertyValue(e.getValue(), nowMs, source)));
        return new DesiredOutcome.Set(state.bump(), state.delta());
    }

    public sealed interface DesiredOutcome {
        record Set(long version, ObjectNode delta) implements DesiredOutcome {}

        record Refused(String message, String pointer) implements DesiredOutcome {}
    }
}
