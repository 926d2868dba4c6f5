package org.pujiang.twin.rules;

/** What a {@link RuleEngine} emits when a rule's condition opens or clears for one twin. Timestamps are epoch ms. */
public sealed interface AlertSignal {
    String ruleId();

    String twin();

    long tsMs();

    /**
     * The condition holds (for the rule's for-duration, when it has one).
     *
     * @param value   the value that broke the rule: the property's value, its rate per second for rate rules, or the
     *                seconds of silence for silence rules
     * @param message the rule's message template, filled in
     */
    record Raised(String ruleId, String twin, String property, double value, long tsMs, Severity severity,
                  String message) implements AlertSignal {}

    /**
     * The condition no longer holds, or the rule is gone.
     *
     * @param value the value that cleared it; NaN when there is none (silence ended, rule removed)
     */
    record Cleared(String ruleId, String twin, double value, long tsMs, Cause cause) implements AlertSignal {}

    /** Why an alert cleared. */
    enum Cause {
        /** The value came back (past the hysteresis), or data arrived after silence. */
        CONDITION,
        /** The rule was removed or changed, or the twin forgotten. */
        RULE_REMOVED
    }
}
