package org.pujiang.twin.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable snapshot of rules, indexed for the ingestion path: the rules on a (twin, property) and on a
 * (model, property) are each one map lookup, and twin-wide silence rules are indexed by twin and by model.
 * Safe to share between threads; swap a whole new set to change rules.
 */
public final class RuleSet {
    public static final RuleSet EMPTY = new RuleSet(List.of());

    private static final Rule[] NONE = new Rule[0];

    private final Map<String, Rule> byId;
    // twin or model id -> property -> rules (property-scoped silence rules included)
    private final Map<String, Map<String, Rule[]>> twinRules;
    private final Map<String, Map<String, Rule[]>> modelRules;
    // twin or model id -> silence rules with no property
    private final Map<String, Rule[]> twinSilence;
    private final Map<String, Rule[]> modelSilence;

    private RuleSet(Collection<Rule> rules) {
        Map<String, Rule> ids = new LinkedHashMap<>();
        Map<String, Map<String, List<Rule>>> tr = new HashMap<>();
        Map<String, Map<String, List<Rule>>> mr = new HashMap<>();
        Map<String, List<Rule>> ts = new HashMap<>();
        Map<String, List<Rule>> ms = new HashMap<>();
        for (Rule r : rules) {
            if (ids.putIfAbsent(r.id(), r) != null) {
                throw new IllegalArgumentException("two rules with id " + r.id());
            }
            boolean twin = r.scope() instanceof Rule.Scope.Twin;
            if (r.property() == null) {
                (twin ? ts : ms).computeIfAbsent(r.scope().id(), k -> new ArrayList<>()).add(r);
            } else {
                (twin ? tr : mr).computeIfAbsent(r.scope().id(), k -> new HashMap<>())
                        .computeIfAbsent(r.property(), k -> new ArrayList<>()).add(r);
            }
        }
        this.byId = Map.copyOf(ids);
        this.twinRules = freezeNested(tr);
        this.modelRules = freezeNested(mr);
        this.twinSilence = freeze(ts);
        this.modelSilence = freeze(ms);
    }

    public static RuleSet of(Collection<Rule> rules) {
        return rules.isEmpty() ? EMPTY : new RuleSet(rules);
    }

    public Optional<Rule> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Collection<Rule> rules() {
        return byId.values();
    }

    public int size() {
        return byId.size();
    }

    /** A new set with {@code rule} added, or replacing the rule with its id. */
    public RuleSet with(Rule rule) {
        Map<String, Rule> copy = new LinkedHashMap<>(byId);
        copy.put(rule.id(), rule);
        return new RuleSet(copy.values());
    }

    /** A new set without the rule {@code id}; this set when there is none. */
    public RuleSet without(String id) {
        if (!byId.containsKey(id)) {
            return this;
        }
        Map<String, Rule> copy = new LinkedHashMap<>(byId);
        copy.remove(id);
        return of(copy.values());
    }

    /** Rules on this twin's property; null when none. Not to be modified. */
    Rule[] ofTwin(String twin, String property) {
        Map<String, Rule[]> m = twinRules.get(twin);
        return m == null ? null : m.get(property);
    }

    /** Rules on this model's property; null when none. Not to be modified. */
    Rule[] ofModel(String model, String property) {
        if (model == null) {
            return null;
        }
        Map<String, Rule[]> m = modelRules.get(model);
        return m == null ? null : m.get(property);
    }

    /** Twin-wide silence rules on this twin; null when none. */
    Rule[] silenceOfTwin(String twin) {
        return twinSilence.get(twin);
    }

    /** Twin-wide silence rules on this model; null when none. */
    Rule[] silenceOfModel(String model) {
        return model == null ? null : modelSilence.get(model);
    }

    private static Map<String, Rule[]> freeze(Map<String, List<Rule>> m) {
        Map<String, Rule[]> out = new HashMap<>();
        m.forEach((k, v) -> out.put(k, v.toArray(NONE)));
        return out;
    }

    private static Map<String, Map<String, Rule[]>> freezeNested(Map<String, Map<String, List<Rule>>> m) {
        Map<String, Map<String, Rule[]>> out = new HashMap<>();
        m.forEach((k, v) -> out.put(k, freeze(v)));
        return out;
    }

    @Override
    public String toString() {
        return "RuleSet" + byId.keySet();
    }
}
