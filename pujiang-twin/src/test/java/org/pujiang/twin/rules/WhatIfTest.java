package org.pujiang.twin.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pujiang.twin.rules.AlertSignal.Cleared;
import org.pujiang.twin.rules.AlertSignal.Raised;
import org.pujiang.twin.rules.WhatIf.Step;

class WhatIfTest {
    private static final RuleSet RULES = RuleSet.of(List.of(
            new Rule("hot", new Rule.Scope.Model("urn:boiler"), "temp", new Condition.Threshold(Condition.Op.GT, 90),
                    Severity.CRITICAL, Duration.ofSeconds(5), 0, null),
            Rule.of("quiet", new Rule.Scope.Model("urn:boiler"), null, new Condition.Silence(Duration.ofSeconds(20)))));

    @Test
    void aScenarioOpensAndClearsAlertsWithTheirTimes() {
        List<AlertSignal> out = WhatIf.run(RULES, WhatIf.Start.EMPTY, List.of(
                new Step.Value("b1", "urn:boiler", "temp", 95, 0),
                new Step.Value("b1", "urn:boiler", "temp", 96, 2_000),
                new Step.Clock(10_000), // hot opens on the 5 s tick
                new Step.Value("b1", "urn:boiler", "temp", 60, 12_000),
                new Step.Clock(40_000))); // quiet opens on the 32 s tick
        assertThat(out).hasSize(3);
        assertThat(out.get(0)).isInstanceOfSatisfying(Raised.class, r -> {
            assertThat(r.ruleId()).isEqualTo("hot");
            assertThat(r.tsMs()).isEqualTo(5_000);
            assertThat(r.value()).isEqualTo(96);
        });
        assertThat(out.get(1)).isEqualTo(new Cleared("hot", "b1", 60, 12_000, AlertSignal.Cause.CONDITION));
        assertThat(out.get(2)).isInstanceOfSatisfying(Raised.class, r -> {
            assertThat(r.ruleId()).isEqualTo("quiet");
            assertThat(r.tsMs()).isEqualTo(32_000);
        });
    }

    @Test
    void startStateIsHonouredAndNothingLiveIsShared() {
        RuleEngine live = new RuleEngine(RULES);
        List<AlertSignal> out = WhatIf.run(RULES, new WhatIf.Start(List.of(new WhatIf.OpenAlert("hot", "b1")),
                List.of(new WhatIf.Seen("b2", "urn:boiler", -25_000))), List.of(
                new Step.Value("b1", "urn:boiler", "temp", 10, 0)));
        assertThat(out).extracting(AlertSignal::ruleId, AlertSignal::twin)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("quiet", "b2"),
                        org.assertj.core.groups.Tuple.tuple("hot", "b1"));
        assertThat(live.isOpen("hot", "b1")).isFalse();
    }

    @Test
    void stepsOutOfOrderOrTooLongAreRefused() {
        assertThatThrownBy(() -> WhatIf.run(RULES, WhatIf.Start.EMPTY, List.of(new Step.Clock(5), new Step.Clock(4))))
                .hasMessageContaining("time order");
        assertThatThrownBy(() -> WhatIf.run(RULES, WhatIf.Start.EMPTY, List.of(new Step.Clock(0),
                new Step.Clock(Long.MAX_VALUE / 2)))).hasMessageContaining("ticks");
    }
}
