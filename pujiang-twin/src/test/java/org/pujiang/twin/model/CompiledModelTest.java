package org.pujiang.twin.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pujiang.twin.model.Vectors.json;
import static org.pujiang.twin.model.Vectors.ok;
import static org.pujiang.twin.model.Vectors.rejected;
import static org.pujiang.twin.model.Vectors.text;

import org.junit.jupiter.api.Test;

class CompiledModelTest {
    private static final CompiledModel PRESS = CompiledModel.of(ok(ThingModels.parse(text("tm/press.tm.json"))));

    @Test
    void acceptsAReportWithinTheModel() {
        assertThat(PRESS.validateReported(json("""
                {"pressure": 25000, "strokeCount": 0, "mode": "auto", "guardClosed": true, "spare": null,
                 "lastService": "2026-11-01T08:00:00+08:00", "recentStrokeTimes": [1.2, 1.1],
                 "die": {"id": "D-7", "heightMm": 50}, "lineVersion": 3}"""))).isEqualTo(Validation.OK);
        assertThat(PRESS.validateReported(json("{}"))).isEqualTo(Validation.OK);
    }

    @Test
    void rejectsUnknownPropertiesByName() {
        assertThat(rejected(PRESS.validateReported(json("{\"pressure\": 1, \"temperature\": 20}"))))
                .isEqualTo(new Validation.Rejected("/temperature", Violation.UNKNOWN_PROPERTY,
                        "model urn:pujiang:model:factory:press has no property temperature"));
        assertThat(rejected(PRESS.validateProperty("rpm", json("1"))).violation()).isEqualTo(Violation.UNKNOWN_PROPERTY);
    }

    @Test
    void prefixesRejectionsWithThePropertyName() {
        assertThat(rejected(PRESS.validateReported(json("{\"pressure\": 25000.01}"))))
                .isEqualTo(new Validation.Rejected("/pressure", Violation.ABOVE_MAXIMUM, "25000.01 is above maximum 25000"));
        assertThat(rejected(PRESS.validateReported(json("{\"pressure\": -0.5}"))).violation()).isEqualTo(Violation.BELOW_MINIMUM);
        assertThat(rejected(PRESS.validateReported(json("{\"strokeCount\": 3.5}"))).violation()).isEqualTo(Violation.WRONG_TYPE);
        assertThat(rejected(PRESS.validateReported(json("{\"mode\": \"turbo\"}"))).violation()).isEqualTo(Violation.NOT_IN_ENUM);
        assertThat(rejected(PRESS.validateReported(json("{\"operator\": \"A123456789\"}"))).violation()).isEqualTo(Violation.TOO_LONG);
        assertThat(rejected(PRESS.validateReported(json("{\"recentStrokeTimes\": [1, 1, 1, 1, 1, 1]}"))).violation())
                .isEqualTo(Violation.TOO_MANY_ITEMS);
        assertThat(rejected(PRESS.validateReported(json("{\"die\": {\"heightMm\": 100}}"))).pointer()).isEqualTo("/die/id");
        assertThat(rejected(PRESS.validateReported(json("{\"recentStrokeTimes\": [1, -1]}"))).pointer())
                .isEqualTo("/recentStrokeTimes/1");
        assertThat(rejected(PRESS.validateReported(json("{\"targetForce\": 0}"))).violation()).isEqualTo(Violation.BELOW_MINIMUM);
        assertThat(rejected(PRESS.validateReported(json("{\"lineVersion\": 4}"))).violation()).isEqualTo(Violation.NOT_CONST);
        assertThat(rejected(PRESS.validateProperty("guardClosed", null)).violation()).isEqualTo(Violation.WRONG_TYPE);
    }

    @Test
    void desiredWritesMayNotTouchReadOnlyProperties() {
        assertThat(PRESS.validateDesired(json("{\"mode\": \"manual\", \"targetForce\": 2500, \"unlockCode\": 1234}")))
                .isEqualTo(Validation.OK);
        assertThat(rejected(PRESS.validateDesired(json("{\"mode\": \"manual\", \"pressure\": 10}"))))
                .isEqualTo(new Validation.Rejected("/pressure", Violation.READ_ONLY,
                        "property pressure is read-only and cannot be set as desired"));
        // The same value is fine when the device reports it.
        assertThat(PRESS.validateReported(json("{\"pressure\": 10}"))).isEqualTo(Validation.OK);
    }

    @Test
    void anUpdateMustBeAnObject() {
        assertThat(rejected(PRESS.validateReported(json("[1, 2]"))))
                .isEqualTo(new Validation.Rejected("", Violation.NOT_AN_UPDATE,
                        "an update is a JSON object of property names to values, got an array"));
        assertThat(rejected(PRESS.validateDesired(null)).violation()).isEqualTo(Violation.NOT_AN_UPDATE);
        assertThat(rejected(PRESS.validateReported(json("42"))).violation()).isEqualTo(Violation.NOT_AN_UPDATE);
    }

    @Test
    void actionInputsAreChecked() {
        assertThat(PRESS.validateActionInput("runCycles", json("10"))).isEqualTo(Validation.OK);
        assertThat(rejected(PRESS.validateActionInput("runCycles", json("0"))).violation()).isEqualTo(Violation.BELOW_MINIMUM);
        assertThat(rejected(PRESS.validateActionInput("runCycles", null)).violation()).isEqualTo(Violation.WRONG_TYPE);
        assertThat(PRESS.validateActionInput("emergencyStop", null)).isEqualTo(Validation.OK);
        assertThat(rejected(PRESS.validateActionInput("emergencyStop", json("{\"now\": true}"))).violation())
                .isEqualTo(Violation.WRONG_TYPE);
        assertThat(rejected(PRESS.validateActionInput("explode", null)).violation()).isEqualTo(Violation.UNKNOWN_PROPERTY);
    }

    @Test
    void theAcceptingPathReturnsTheSharedOkInstance() {
        assertThat(PRESS.validateProperty("pressure", json("100"))).isSameAs(Validation.OK);
    }
}
