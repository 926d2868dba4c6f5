package org.pujiang.twin.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pujiang.twin.model.CompiledModel;
import org.pujiang.twin.model.Parsed;
import org.pujiang.twin.model.ThingModels;

class IngestorTest {
    static final String MODEL = """
            {"@context": "https://www.w3.org/2022/wot/td/v1.1", "@type": "tm:ThingModel", "id": "urn:t:press",
             "title": "Press",
             "properties": {
               "temperature": {"type": "number", "minimum": -40, "maximum": 400, "readOnly": true},
               "state": {"type": "string", "enum": ["idle", "running"], "readOnly": true},
               "target": {"type": "number", "minimum": 0, "maximum": 250}
             }}
            """;
    static final long NOW = 1_800_000_000_000L;

    final CompiledModel model = CompiledModel.of(((Parsed.Ok) ThingModels.parse(MODEL)).model());
    final Ingestor ingestor = new Ingestor(new Ingestor.ClockPolicy(Duration.ofMinutes(5), Duration.ofDays(30)));

    static List<Sample> telemetry(String json) {
        return ((Payloads.Read.Ok) Payloads.telemetry(json.getBytes(StandardCharsets.UTF_8))).samples();
    }

    @Test
    void appliesValuesWithMetadataAndBumpsTheVersion() {
        TwinState s = new TwinState("p1", model);
        Ingestor.Outcome o = ingestor.report(s, telemetry("{\"temperature\": 72.5, \"state\": \"running\"}"), NOW, "mqtt", true);
        assertThat(o).isInstanceOf(Ingestor.Outcome.Applied.class);
        Ingestor.Outcome.Applied a = (Ingestor.Outcome.Applied) o;
        assertThat(a.values()).hasSize(2).allMatch(v -> v.history() && v.latest() && v.tsMs() == NOW);
        assertThat(a.version()).isEqualTo(1);
        assertThat(s.reported().get("temperature").value().doubleValue()).isEqualTo(72.5);
        assertThat(s.reported().get("temperature").source()).isEqualTo("mqtt");
        assertThat(s.lastSeenMs()).isEqualTo(NOW);
    }

    @Test
    void aBadValueRefusesTheWholePayloadAndChangesNothing() {
        TwinState s = new TwinState("p1", model);
        ingestor.report(s, telemetry("{\"temperature\": 20}"), NOW, "mqtt", true);
        Ingestor.Outcome o = ingestor.report(s, telemetry("[{\"temperature\": 21}, {\"temperature\": 999}]"), NOW, "mqtt", true);
        assertThat(o).isInstanceOf(Ingestor.Outcome.Refused.class);
        Ingestor.Outcome.Refused r = (Ingestor.Outcome.Refused) o;
        assertThat(r.reason()).isEqualTo(Ingestor.Refusal.INVALID);
        assertThat(r.pointer()).isEqualTo("/1/temperature");
        assertThat(s.reported().get("temperature").value().intValue()).isEqualTo(20);
        assertThat(s.version()).isEqualTo(1);
    }

    @Test
    void timestampsOutsideTheClockPolicyAreRefused() {
        TwinState s = new TwinState("p1", model);
        long ahead = NOW + Duration.ofMinutes(6).toMillis();
        Ingestor.Outcome o = ingestor.report(s, telemetry("{\"ts\": " + ahead + ", \"values\": {\"temperature\": 1}}"),
                NOW, "mqtt", true);
        assertThat(o).isInstanceOfSatisfying(Ingestor.Outcome.Refused.class, r -> {
            assertThat(r.reason()).isEqualTo(Ingestor.Refusal.CLOCK_SKEW);
            assertThat(r.pointer()).isEqualTo("/ts");
            assertThat(r.message()).contains("ahead");
        });
        long old = NOW - Duration.ofDays(31).toMillis();
        assertThat(ingestor.report(s, telemetry("{\"ts\": " + old + ", \"values\": {\"temperature\": 1}}"), NOW, "m", true))
                .isInstanceOf(Ingestor.Outcome.Refused.class);
        long slightlyAhead = NOW + Duration.ofMinutes(4).toMillis();
        assertThat(ingestor.report(s, telemetry("{\"ts\": " + slightlyAhead + ", \"values\": {\"temperature\": 1}}"),
                NOW, "m", true)).isInstanceOf(Ingestor.Outcome.Applied.class);
        assertThat(s.reported().get("temperature").tsMs()).isEqualTo(slightlyAhead);
    }

    @Test
    void olderSamplesGoToHistoryButDoNotRollTheStateBack() {
        TwinState s = new TwinState("p1", model);
        ingestor.report(s, telemetry("{\"ts\": " + NOW + ", \"values\": {\"temperature\": 50}}"), NOW, "m", true);
        Ingestor.Outcome.Applied a = (Ingestor.Outcome.Applied) ingestor.report(s,
                telemetry("{\"ts\": " + (NOW - 1000) + ", \"values\": {\"temperature\": 10}}"), NOW, "m", true);
        assertThat(a.values().getFirst().latest()).isFalse();
        assertThat(a.values().getFirst().history()).isTrue();
        assertThat(a.version()).as("nothing current changed").isEqualTo(1);
        assertThat(s.reported().get("temperature").value().intValue()).isEqualTo(50);
    }

    @Test
    void attributesKeepHistoryOnlyWhereTheModelAsks() {
        TwinState s = new TwinState("p1", model);
        Ingestor.Outcome.Applied a = (Ingestor.Outcome.Applied) ingestor.report(s,
                ((Payloads.Read.Ok) Payloads.attributes("{\"state\": \"idle\"}".getBytes(StandardCharsets.UTF_8))).samples(),
                NOW, "mqtt", false);
        assertThat(a.values().getFirst().history()).isFalse();
    }

    @Test
    void desiredValuesAreValidatedAndTheDeltaFollowsTheReportedOnes() {
        TwinState s = new TwinState("p1", model);
        ObjectNode want = Payloads.mapper().createObjectNode().put("target", 120);
        Ingestor.DesiredOutcome d = ingestor.desire(s, want, NOW, "user:u1");
        assertThat(d).isInstanceOfSatisfying(Ingestor.DesiredOutcome.Set.class,
                set -> assertThat(set.delta().get("target").intValue()).isEqualTo(120));
        assertThat(ingestor.desire(s, Payloads.mapper().createObjectNode().put("temperature", 3), NOW, "u"))
                .as("read-only").isInstanceOf(Ingestor.DesiredOutcome.Refused.class);
        assertThat(ingestor.desire(s, Payloads.mapper().createObjectNode().put("target", 900), NOW, "u"))
                .as("out of range").isInstanceOf(Ingestor.DesiredOutcome.Refused.class);
        ingestor.report(s, telemetry("{\"target\": 120.0}"), NOW, "mqtt", true);
        assertThat(s.delta()).as("20 meets 20.0").isEmpty();
    }

    @Test
    void stateSurvivesARoundTripThroughJson() {
        TwinState s = new TwinState("p1", model);
        ingestor.report(s, telemetry("{\"temperature\": 72.5, \"state\": \"running\"}"), NOW, "mqtt", true);
        ingestor.desire(s, Payloads.mapper().createObjectNode().put("target", 80), NOW, "user:u1");
        TwinState back = TwinState.restore("p1", model, s.toJson());
        assertThat(back.toJson()).isEqualTo(s.toJson());
        assertThat(back.version()).isEqualTo(2);
    }
}
