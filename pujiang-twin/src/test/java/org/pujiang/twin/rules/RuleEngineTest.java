package org.pujiang.twin.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pujiang.twin.rules.AlertSignal.Cause;
import org.pujiang.twin.rules.AlertSignal.Cleared;
import org.pujiang.twin.rules.AlertSignal.Raised;
import org.pujiang.twin.rules.Condition.Op;

/** The engine driven by hand: values and clock ticks with explicit timestamps, no sleeping. */
class RuleEngineTest {
    private static final Rule.Scope PUMP_MODEL = new Rule.Scope.Model("urn:pump");
    private static final Rule.Scope PUMP_1 = new Rule.Scope.Twin("pump-1");

    private static RuleEngine engine(Rule... rules) {
        return new RuleEngine(RuleSet.of(List.of(rules)));
    }

    private static Rule rule(String id, Rule.Scope scope, String property, Condition c, Duration hold, double h) {
        return new Rule(id, scope, property, c, Severity.CRITICAL, hold, h, null);
    }

    @Test
    void noRuleOnThePropertyAnswersTheSharedEmptyList() {
        RuleEngine e = engine(Rule.of("r", PUMP_MODEL, "temp", new Condition.Threshold(Op.GT, 80)));
        assertThat(e.onValue("pump-1", "urn:pump", "pressure", 1e9, 1)).isSameAs(List.of());
        assertThat(e.onValue("pump-1", "urn:other", "temp", 1e9, 1)).isSameAs(List.of());
        assertThat(e.onSeen("pump-1", "urn:pump", 1)).isSameAs(List.of());
        assertThat(e.onClock(1)).isSameAs(List.of());
    }

    @Test
    void strictThresholdIsNotMetExactlyOnTheLimitAndInclusiveIs() {
        RuleEngine e = engine(Rule.of("gt", PUMP_MODEL, "temp", new Condition.Threshold(Op.GT, 80)),
                Rule.of("ge", PUMP_MODEL, "temp", new Condition.Threshold(Op.GE, 80)));
        List<AlertSignal> at = e.onValue("pump-1", "urn:pump", "temp", 80, 1000);
        assertThat(at).hasSize(1);
        Raised r = (Raised) at.getFirst();
        assertThat(r.ruleId()).isEqualTo("ge");
        assertThat(r.value()).isEqualTo(80);
        assertThat(r.tsMs()).isEqualTo(1000);
        assertThat(r.property()).isEqualTo("temp");
        assertThat(r.message()).isEqualTo("pump-1: temp is 80 (>= 80)");

        assertThat(e.onValue("pump-1", "urn:pump", "temp", 80.5, 2000)).singleElement()
                .satisfies(s -> assertThat(s.ruleId()).isEqualTo("gt"));
        // still above: no repeat
        assertThat(e.onValue("pump-1", "urn:pump", "temp", 90, 3000)).isEmpty();
        // back exactly on the limit: > clears, >= still holds
        assertThat(e.onValue("pump-1", "urn:pump", "temp", 80, 4000)).singleElement()
                .isEqualTo(new Cleared("gt", "pump-1", 80, 4000, Cause.CONDITION));
        assertThat(e.onValue("pump-1", "urn:pump", "temp", 79.9, 5000)).singleElement()
                .isEqualTo(new Cleared("ge", "pump-1", 79.9, 5000, Cause.CONDITION));
    }

    @Test
    void lowerThresholdsMirrorTheUpperOnes() {
        RuleEngine e = engine(Rule.of("lt", PUMP_1, "level", new Condition.Threshold(Op.LT, 10)),
                Rule.of("le", PUMP_1, "level", new Condition.Threshold(Op.LE, 10)));
        assertThat(e.onValue("pump-1", null, "level", 10, 1)).extracting(AlertSignal::ruleId).containsExactly("le");
        assertThat(e.onValue("pump-1", null, "level", 9, 2)).extracting(AlertSignal::ruleId).containsExactly("lt");
        assertThat(e.onValue("pump-1", null, "level", 10, 3)).extracting(AlertSignal::ruleId).containsExactly("lt");
        assertThat(e.onValue("pump-1", null, "level", 10.01, 4)).extracting(AlertSignal::ruleId).containsExactly("le");
    }

    @Test
    void twinsAreTrackedApart() {
        RuleEngine e = engine(Rule.of("r", PUMP_MODEL, "temp", new Condition.Threshold(Op.GT, 80)));
        assertThat(e.onValue("pump-1", "urn:pump", "temp", 81, 1)).hasSize(1);
        assertThat(e.onValue("pump-2", "urn:pump", "temp", 81, 1)).hasSize(1);
        assertThat(e.isOpen("r", "pump-1")).isTrue();
        assertThat(e.onValue("pump-2", "urn:pump", "temp", 1, 2)).hasSize(1);
        assertThat(e.isOpen("r", "pump-1")).isTrue();
        assertThat(e.isOpen("r", "pump-2")).isFalse();
    }

    @Test
    void hysteresisHoldsTheAlertOpenUntilTheValueIsClearlyBack() {
        RuleEngine e = engine(rule("r", PUMP_1, "temp", new Condition.Threshold(Op.GT, 80), Duration.ZERO, 2));
        assertThat(e.onValue("pump-1", null, "temp", 81, 1)).hasSize(1);
        assertThat(e.onValue("pump-1", null, "temp", 79, 2)).isEmpty();
        assertThat(e.onValue("pump-1", null, "temp", 78.5, 3)).isEmpty();
        assertThat(e.onValue("pump-1", null, "temp", 78, 4)).singleElement().isInstanceOf(Cleared.class);
        // raising again needs only the limit, not the hysteresis
        assertThat(e.onValue("pump-1", null, "temp", 80.1, 5)).singleElement().isInstanceOf(Raised.class);
    }

    @Test
    void forDurationOpensOnlyWhenTheConditionHeldThatLong() {
        RuleEngine e = engine(rule("r", PUMP_1, "temp", new Condition.Threshold(Op.GT, 80), Duration.ofSeconds(10), 0));
        assertThat(e.onValue("pump-1", null, "temp", 90, 0)).isEmpty();
        assertThat(e.onValue("pump-1", null, "temp", 90, 9_999)).isEmpty();
        assertThat(e.onValue("pump-1", null, "temp", 70, 10_500)).isEmpty(); // dipped: starts over
        assertThat(e.onClock(30_000)).isEmpty();
        assertThat(e.onValue("pump-1", null, "temp", 91, 40_000)).isEmpty();
        assertThat(e.onValue("pump-1", null, "temp", 92, 50_000)).singleElement()
                .satisfies(s -> assertThat(((Raised) s).value()).isEqualTo(92));
    }

    @Test
    void forDurationAlsoRunsOutOnTheClockWhenTheDeviceFallsQuiet() {
        RuleEngine e = engine(rule("r", PUMP_1, "temp", new Condition.Threshold(Op.GT, 80), Duration.ofSeconds(10), 0));
        assertThat(e.onValue("pump-1", null, "temp", 95, 1_000)).isEmpty();
        assertThat(e.onClock(10_999)).isEmpty();
        assertThat(e.onClock(11_000)).singleElement()
                .isEqualTo(new Raised("r", "pump-1", "temp", 95, 11_000, Severity.CRITICAL, "pump-1: temp is 95 (> 80)"));
        assertThat(e.onClock(20_000)).isEmpty();
    }

    @Test
    void rangeAlertsOutsideAndTheBoundsAreInside() {
        RuleEngine e = engine(rule("r", PUMP_1, "ph", new Condition.Range(6.5, 8.5), Duration.ZERO, 0.2));
        assertThat(e.onValue("pump-1", null, "ph", 6.5, 1)).isEmpty();
        assertThat(e.onValue("pump-1", null, "ph", 8.5, 2)).isEmpty();
        List<AlertSignal> low = e.onValue("pump-1", null, "ph", 6.4, 3);
        assertThat(low).singleElement().satisfies(s -> assertThat(((Raised) s).message())
                .isEqualTo("pump-1: ph is 6.4, outside [6.5, 8.5]"));
        assertThat(e.onValue("pump-1", null, "ph", 6.6, 4)).isEmpty(); // inside, but within the hysteresis band
        assertThat(e.onValue("pump-1", null, "ph", 6.7, 5)).singleElement().isInstanceOf(Cleared.class);
        assertThat(e.onValue("pump-1", null, "ph", 9, 6)).singleElement().isInstanceOf(Raised.class);
    }

    @Test
    void rateNeedsTwoSamplesAndIgnoresOutOfOrderOnes() {
        RuleEngine e = engine(Rule.of("r", PUMP_1, "pressure", new Condition.Rate(5)));
        assertThat(e.onValue("pump-1", null, "pressure", 100, 10_000)).isEmpty(); // first: no rate
        assertThat(e.onValue("pump-1", null, "pressure", 110, 12_000)).isEmpty(); // 5/s exactly: not above
        assertThat(e.onValue("pump-1", null, "pressure", 0, 11_000)).isEmpty(); // older: ignored
        assertThat(e.onValue("pump-1", null, "pressure", 0, 12_000)).isEmpty(); // same instant: ignored
        List<AlertSignal> fall = e.onValue("pump-1", null, "pressure", 98, 14_000); // -6/s
        assertThat(fall).singleElement().satisfies(s -> {
            Raised r = (Raised) s;
            assertThat(r.value()).isEqualTo(6);
            assertThat(r.message()).isEqualTo("pump-1: pressure changes by 6/s, faster than 5/s");
        });
        assertThat(e.onValue("pump-1", null, "pressure", 99, 15_000)).singleElement()
                .isEqualTo(new Cleared("r", "pump-1", 1, 15_000, Cause.CONDITION));
    }

    @Test
    void olderValuesDoNotFlipAThreshold() {
        RuleEngine e = engine(Rule.of("r", PUMP_1, "temp", new Condition.Threshold(Op.GT, 80)));
        assertThat(e.onValue("pump-1", null, "temp", 90, 5_000)).hasSize(1);
        assertThat(e.onValue("pump-1", null, "temp", 20, 4_000)).isEmpty();
        assertThat(e.isOpen("r", "pump-1")).isTrue();
    }

    @Test
    void silenceOpensAfterTheLimitAndClearsWhenDataReturns() {
        RuleEngine e = engine(Rule.of("quiet", PUMP_MODEL, null, new Condition.Silence(Duration.ofSeconds(30))));
        assertThat(e.onClock(1_000_000)).isEmpty(); // never seen: not armed
        assertThat(e.onSeen("pump-1", "urn:pump", 1_000)).isEmpty();
        assertThat(e.onClock(30_999)).isEmpty();
        List<AlertSignal> raised = e.onClock(31_000); // exactly 30 s of silence
        assertThat(raised).singleElement().isEqualTo(new Raised("quiet", "pump-1", null, 30, 31_000,
                Severity.WARNING, "pump-1: no data for 30 s (limit 30s)"));
        assertThat(e.onClock(60_000)).isEmpty();
        assertThat(e.onSeen("pump-1", "urn:pump", 61_000)).singleElement()
                .isEqualTo(new Cleared("quiet", "pump-1", Double.NaN, 61_000, Cause.CONDITION));
        assertThat(e.onClock(90_999)).isEmpty();
        assertThat(e.onClock(91_000)).hasSize(1);
    }

    @Test
    void silenceOfOnePropertyIsEndedOnlyByThatProperty() {
        RuleEngine e = engine(Rule.of("q", PUMP_1, "temp", new Condition.Silence(Duration.ofSeconds(10))));
        e.onValue("pump-1", null, "temp", 1, 0);
        assertThat(e.onSeen("pump-1", null, 5_000)).isEmpty();
        e.onValue("pump-1", null, "level", 1, 6_000);
        assertThat(e.onClock(10_000)).hasSize(1);
        assertThat(e.onValue("pump-1", null, "temp", 1, 11_000)).singleElement().isInstanceOf(Cleared.class);
    }

    @Test
    void removingOrChangingARuleClearsItsOpenAlertsAndDropsItsState() {
        Rule hot = Rule.of("hot", PUMP_1, "temp", new Condition.Threshold(Op.GT, 80));
        Rule quiet = Rule.of("quiet", PUMP_1, null, new Condition.Silence(Duration.ofSeconds(5)));
        RuleEngine e = engine(hot, quiet);
        e.onValue("pump-1", null, "temp", 90, 0);
        e.onSeen("pump-1", null, 0);
        RuleSet withoutHot = e.rules().without("hot");
        assertThat(e.setRules(withoutHot, 1_000)).containsExactly(
                new Cleared("hot", "pump-1", Double.NaN, 1_000, Cause.RULE_REMOVED));
        assertThat(e.onValue("pump-1", null, "temp", 95, 2_000)).isEmpty();
        // unchanged rules keep their state
        assertThat(e.onClock(5_000)).hasSize(1);
        // a changed definition under the same id starts afresh
        Rule quieter = Rule.of("quiet", PUMP_1, null, new Condition.Silence(Duration.ofSeconds(60)));
        assertThat(e.setRules(withoutHot.with(quieter), 6_000)).singleElement()
                .satisfies(s -> assertThat(((Cleared) s).cause()).isEqualTo(Cause.RULE_REMOVED));
        assertThat(e.onClock(100_000)).isEmpty(); // not armed again until the twin is seen
        // adding a rule back: fresh state
        e.setRules(e.rules().with(hot), 7_000);
        assertThat(e.onValue("pump-1", null, "temp", 95, 8_000)).hasSize(1);
    }

    @Test
    void markOpenLetsAnAlertFromBeforeARestartClear() {
        RuleEngine e = engine(Rule.of("hot", PUMP_1, "temp", new Condition.Threshold(Op.GT, 80)));
        e.markOpen("hot", "pump-1");
        e.markOpen("gone", "pump-1");
        assertThat(e.onValue("pump-1", null, "temp", 85, 1)).isEmpty();
        assertThat(e.onValue("pump-1", null, "temp", 20, 2)).singleElement().isInstanceOf(Cleared.class);
    }

    @Test
    void forgettingATwinClearsItsAlerts() {
        RuleEngine e = engine(Rule.of("hot", PUMP_MODEL, "temp", new Condition.Threshold(Op.GT, 80)));
        e.onValue("pump-1", "urn:pump", "temp", 85, 1);
        assertThat(e.forgetTwin("pump-1", 2)).singleElement()
                .isEqualTo(new Cleared("hot", "pump-1", Double.NaN, 2, Cause.RULE_REMOVED));
        assertThat(e.forgetTwin("pump-1", 3)).isEmpty();
    }

    @Test
    void customMessagesFillThePlaceholders() {
        Rule r = new Rule("r1", PUMP_1, "temp", new Condition.Threshold(Op.GE, 80.25), Severity.INFO, null, 0,
                "{severity} {rule}: {twin}.{property}={value} limit {limit}");
        RuleEngine e = engine(r);
        assertThat(((Raised) e.onValue("pump-1", null, "temp", 81.125, 1).getFirst()).message())
                .isEqualTo("info r1: pump-1.temp=81.125 limit >= 80.25");
    }

    @Test
    void invalidRulesAreRefusedWithTheNumbers() {
        assertThatThrownBy(() -> new Condition.Range(5, 5)).hasMessageContaining("min must be below max");
        assertThatThrownBy(() -> new Condition.Rate(0)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new Condition.Silence(Duration.ZERO)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new Condition.Threshold(Op.GT, Double.NaN)).hasMessageContaining("finite");
        assertThatThrownBy(() -> Rule.of("r", PUMP_1, null, new Condition.Rate(1))).hasMessageContaining("property");
        assertThatThrownBy(() -> new Rule("r", PUMP_1, "p", new Condition.Range(0, 1), null, null, 0.5, null))
                .hasMessageContaining("no clear band");
        assertThatThrownBy(() -> new Rule("r", PUMP_1, "p", new Condition.Rate(1), null, null, 1, null))
                .hasMessageContaining("below maxPerSecond");
        assertThatThrownBy(() -> RuleSet.of(List.of(Rule.of("r", PUMP_1, "a", new Condition.Rate(1)),
                Rule.of("r", PUMP_1, "b", new Condition.Rate(1))))).hasMessageContaining("two rules with id r");
    }

    @Test
    void theIngestionPathDoesNotAllocateWhenNothingChanges() {
        RuleEngine e = engine(Rule.of("hot", PUMP_MODEL, "temp", new Condition.Threshold(Op.GT, 80)),
                Rule.of("fast", PUMP_MODEL, "temp", new Condition.Rate(1e9)));
        String twin = "pump-1";
        String model = "urn:pump";
        String watched = "temp";
        String unwatched = "pressure";
        e.onValue(twin, model, watched, 20, 0); // creates the states
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean)
                java.lang.management.ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        for (int warm = 0; warm < 3; warm++) {
            long before = mx.getThreadAllocatedBytes(tid);
            for (int i = 1; i <= 100_000; i++) {
                e.onValue(twin, model, unwatched, i, i);
                e.onValue(twin, model, watched, 20, (long) warm * 1_000_000 + i);
            }
            long allocated = mx.getThreadAllocatedBytes(tid) - before;
            if (warm == 2) {
                // 200 000 calls: far less than one byte each (the JIT may not have removed every boxing yet on
                // the first rounds, so only the last is held to it)
                assertThat(allocated).isLessThan(200_000);
            }
        }
    }
}
