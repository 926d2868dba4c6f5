package org.pujiang.twin.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a {@link RuleSet} against the values of the twins of one partition and keeps each rule's condition
 * state per twin: whether it is open, since when it has held (for-duration), the last sample (rate), the newest
 * timestamp seen (silence).
 *
 * <p><b>Threading:</b> owned by one thread, the twin partition's. Every method must be called from it; nothing
 * here is synchronised. Signals are returned to the caller, which hands them on (e.g. to the alert service's
 * queue) without blocking.
 *
 * <p><b>Caller's duties:</b> call {@link #onSeen} once per accepted device message, then {@link #onValue} for
 * each numeric value in it (booleans as 1/0; skip text); call {@link #onClock} periodically (about every second)
 * with the server clock, which opens silence alerts and alerts whose for-duration has passed; call
 * {@link #setRules} when the rules change. After a restart, {@link #markOpen} the alerts still open in storage
 * so that they clear when their condition does, and {@link #onSeen} every twin with its last report time so
 * that silence rules are armed.
 *
 * <p>The path for a property that no rule watches is two hash lookups and returns an empty list: no allocation.
 * Values older than the last one evaluated for the same rule and twin are ignored (for rate rules, values not
 * newer than it).
 */
public final class RuleEngine {
    private static final long NONE = Long.MIN_VALUE;

    /** Condition state of one rule for one twin. */
    private static final class State {
        final Rule rule;
        final String twin;
        boolean open;
        long pendingSince = NONE;
        double lastValue = Double.NaN; // the last sample, for rate rules
        double lastMeasure = Double.NaN; // what the condition last saw: the value, or its rate
        long lastTs = NONE;

        State(Rule rule, String twin) {
            this.rule = rule;
            this.twin = twin;
        }
    }

    private RuleSet rules = RuleSet.EMPTY;
    // rule id -> twin -> state
    private final Map<String, Map<String, State>> states = new HashMap<>();
    // states onClock must look at: silence rules, and conditions waiting out their for-duration
    private final LinkedHashSet<State> clocked = new LinkedHashSet<>();

    public RuleEngine() {}

    public RuleEngine(RuleSet rules) {
        this.rules = rules;
    }

    public RuleSet rules() {
        return rules;
    }

    /**
     * A numeric value of {@code property} reported by {@code twin} (of {@code model}, may be null) at {@code tsMs}.
     *
     * @return the alerts opened or cleared by it; an immutable empty list when none
     */
    public List<AlertSignal> onValue(String twin, String model, String property, double value, long tsMs) {
        Rule[] a = rules.ofTwin(twin, property);
        Rule[] b = rules.ofModel(model, property);
        if (a == null && b == null) {
            return List.of();
        }
        List<AlertSignal> out = null;
        if (a != null) {
            out = evaluate(a, twin, value, tsMs, out);
        }
        if (b != null) {
            out = evaluate(b, twin, value, tsMs, out);
        }
        return out == null ? List.of() : out;
    }

    /**
     * {@code twin} sent something at {@code tsMs}: ends its twin-wide silence. Also call it at start with each
     * twin's last report time, to arm silence rules for twins that never speak again.
     */
    public List<AlertSignal> onSeen(String twin, String model, long tsMs) {
        Rule[] a = rules.silenceOfTwin(twin);
        Rule[] b = rules.silenceOfModel(model);
        if (a == null && b == null) {
            return List.of();
        }
        List<AlertSignal> out = null;
        if (a != null) {
            for (Rule r : a) {
                out = seen(state(r, twin), tsMs, out);
            }
        }
        if (b != null) {
            for (Rule r : b) {
                out = seen(state(r, twin), tsMs, out);
            }
        }
        return out == null ? List.of() : out;
    }

    /** Opens silence alerts whose silence reached their limit, and alerts whose for-duration has passed. */
    public List<AlertSignal> onClock(long nowMs) {
        if (clocked.isEmpty()) {
            return List.of();
        }
        List<AlertSignal> out = null;
        for (Iterator<State> it = clocked.iterator(); it.hasNext(); ) {
            State s = it.next();
            if (s.rule.condition() instanceof Condition.Silence silence) {
                if (!s.open && s.lastTs != NONE && nowMs - s.lastTs >= silence.after().toMillis()) {
                    s.open = true;
                    out = add(out, raised(s, (nowMs - s.lastTs) / 1000.0, nowMs));
                }
            } else if (s.pendingSince != NONE && nowMs - s.pendingSince >= s.rule.forDuration().toMillis()) {
                it.remove();
                s.pendingSince = NONE;
                s.open = true;
                out = add(out, raised(s, s.lastMeasure, nowMs));
            }
        }
        return out == null ? List.of() : out;
    }

    /**
     * Swaps in a new rule set. State of rules that are gone, or whose definition changed, is dropped; their open
     * alerts clear with {@link AlertSignal.Cause#RULE_REMOVED} at {@code nowMs}.
     */
    public List<AlertSignal> setRules(RuleSet next, long nowMs) {
        List<AlertSignal> out = null;
        for (Iterator<Map.Entry<String, Map<String, State>>> it = states.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Map<String, State>> e = it.next();
            Rule now = next.find(e.getKey()).orElse(null);
            Rule before = rules.find(e.getKey()).orElse(null);
            if (now != null && now.equals(before)) {
                continue;
            }
            for (State s : e.getValue().values()) {
                clocked.remove(s);
                if (s.open) {
                    out = add(out, new AlertSignal.Cleared(s.rule.id(), s.twin, Double.NaN, nowMs,
                            AlertSignal.Cause.RULE_REMOVED));
                }
            }
            it.remove();
        }
        rules = next;
        return out == null ? List.of() : out;
    }

    /** Drops all state of {@code twin} (deleted, or moved to another partition); its open alerts clear. */
    public List<AlertSignal> forgetTwin(String twin, long nowMs) {
        List<AlertSignal> out = null;
        for (Map<String, State> byTwin : states.values()) {
            State s = byTwin.remove(twin);
            if (s != null) {
                clocked.remove(s);
                if (s.open) {
                    out = add(out, new AlertSignal.Cleared(s.rule.id(), twin, Double.NaN, nowMs,
                            AlertSignal.Cause.RULE_REMOVED));
                }
            }
        }
        return out == null ? List.of() : out;
    }

    /**
     * Marks the alert of rule {@code ruleId} on {@code twin} as open, as storage has it after a restart, so that
     * it clears when the condition does. Ignored when the rule is not in the current set.
     */
    public void markOpen(String ruleId, String twin) {
        Rule r = rules.find(ruleId).orElse(null);
        if (r != null) {
            State s = state(r, twin);
            s.open = true;
            s.pendingSince = NONE;
            if (!(r.condition() instanceof Condition.Silence)) {
                clocked.remove(s);
            }
        }
    }

    /** Whether the alert of {@code ruleId} on {@code twin} is open. */
    public boolean isOpen(String ruleId, String twin) {
        Map<String, State> m = states.get(ruleId);
        State s = m == null ? null : m.get(twin);
        return s != null && s.open;
    }

    private List<AlertSignal> evaluate(Rule[] rs, String twin, double value, long ts, List<AlertSignal> out) {
        for (Rule r : rs) {
            State s = state(r, twin);
            Condition c = r.condition();
            if (c instanceof Condition.Silence) {
                out = seen(s, ts, out);
                continue;
            }
            if (Double.isNaN(value)) {
                continue;
            }
            double measure;
            if (c instanceof Condition.Rate) {
                if (s.lastTs != NONE && ts <= s.lastTs) {
                    continue;
                }
                long lastTs = s.lastTs;
                double lastValue = s.lastValue;
                s.lastTs = ts;
                s.lastValue = value;
                if (lastTs == NONE) {
                    continue; // first sample: no rate yet
                }
                measure = Math.abs(value - lastValue) / ((ts - lastTs) / 1000.0);
            } else {
                if (s.lastTs != NONE && ts < s.lastTs) {
                    continue;
                }
                s.lastTs = ts;
                measure = value;
            }
            out = step(s, measure, ts, out);
        }
        return out;
    }

    private List<AlertSignal> step(State s, double measure, long ts, List<AlertSignal> out) {
        Rule r = s.rule;
        if (s.open) {
            s.lastMeasure = measure;
            if (clears(r, measure)) {
                s.open = false;
                out = add(out, new AlertSignal.Cleared(r.id(), s.twin, measure, ts, AlertSignal.Cause.CONDITION));
            }
            return out;
        }
        if (!raises(r.condition(), measure)) {
            if (s.pendingSince != NONE) {
                s.pendingSince = NONE;
                clocked.remove(s);
            }
            s.lastMeasure = measure;
            return out;
        }
        s.lastMeasure = measure;
        long hold = r.forDuration().toMillis();
        if (hold > 0) {
            if (s.pendingSince == NONE) {
                s.pendingSince = ts;
                clocked.add(s);
                return out;
            }
            if (ts - s.pendingSince < hold) {
                return out;
            }
            s.pendingSince = NONE;
            clocked.remove(s);
        }
        s.open = true;
        return add(out, raised(s, measure, ts));
    }

    private static boolean raises(Condition c, double v) {
        return switch (c) {
            case Condition.Threshold t -> t.raises(v);
            case Condition.Range g -> g.raises(v);
            case Condition.Rate t -> t.raises(v);
            case Condition.Silence s -> false;
        };
    }

    private static boolean clears(Rule r, double v) {
        double h = r.hysteresis();
        return switch (r.condition()) {
            case Condition.Threshold t -> t.clears(v, h);
            case Condition.Range g -> g.clears(v, h);
            case Condition.Rate t -> t.clears(v, h);
            case Condition.Silence s -> true;
        };
    }

    private List<AlertSignal> seen(State s, long ts, List<AlertSignal> out) {
        if (s.lastTs == NONE) {
            clocked.add(s);
        }
        if (s.lastTs == NONE || ts > s.lastTs) {
            s.lastTs = ts;
        }
        if (s.open) {
            s.open = false;
            out = add(out, new AlertSignal.Cleared(s.rule.id(), s.twin, Double.NaN, ts, AlertSignal.Cause.CONDITION));
        }
        return out;
    }

    private static AlertSignal.Raised raised(State s, double value, long ts) {
        Rule r = s.rule;
        return new AlertSignal.Raised(r.id(), s.twin, r.property(), value, ts, r.severity(), r.render(s.twin, value));
    }

    private State state(Rule r, String twin) {
        Map<String, State> byTwin = states.get(r.id());
        if (byTwin == null) {
            byTwin = new HashMap<>();
            states.put(r.id(), byTwin);
        }
        State s = byTwin.get(twin);
        if (s == null) {
            s = new State(r, twin);
            byTwin.put(twin, s);
        }
        return s;
    }

    private static List<AlertSignal> add(List<AlertSignal> out, AlertSignal signal) {
        if (out == null) {
            out = new ArrayList<>(2);
        }
        out.add(signal);
        return out;
    }
}
