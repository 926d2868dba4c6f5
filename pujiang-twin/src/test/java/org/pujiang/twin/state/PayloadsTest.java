package org.pujiang.twin.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PayloadsTest {
    static Payloads.Read telemetry(String s) {
        return Payloads.telemetry(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheThreeThingsBoardTelemetryForms() {
        assertThat(((Payloads.Read.Ok) telemetry("{\"t\": 1}")).samples()).singleElement()
                .matches(s -> !s.hasTime() && s.values().get("t").intValue() == 1 && s.pointer().isEmpty());
        assertThat(((Payloads.Read.Ok) telemetry("{\"ts\": 1451649600512, \"values\": {\"t\": 2}}")).samples())
                .singleElement().matches(s -> s.tsMs() == 1451649600512L && s.pointer().equals("/values"));
        assertThat(((Payloads.Read.Ok) telemetry("[{\"t\": 1}, {\"ts\": 5, \"values\": {\"t\": 2}}]")).samples())
                .hasSize(2).element(1).matches(s -> s.pointer().equals("/1/values"));
    }

    @Test
    void refusesWhatIsNotTelemetry() {
        for (String bad : new String[] {"", "   ", "{", "[]", "{}", "42", "\"x\"", "{\"a\": 1} trailing",
                "{\"a\": 1, \"a\": 2}", "{\"a\": NaN}", "{\"ts\": -5, \"values\": {\"a\": 1}}",
                "{\"ts\": 5, \"values\": {}}", "[1, 2]"}) {
            assertThat(telemetry(bad)).as(bad).isInstanceOf(Payloads.Read.Malformed.class);
        }
        StringBuilder deep = new StringBuilder();
        deep.append("{\"a\": ".repeat(100)).append("1").append("}".repeat(100));
        assertThat(telemetry(deep.toString())).as("nesting").isInstanceOf(Payloads.Read.Malformed.class);
    }

    @Test
    void readsShadowUpdatesAndTheirToken() {
        Payloads.Read r = Payloads.shadow("{\"state\": {\"reported\": {\"t\": 1}}, \"clientToken\": \"c-1\"}"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(r).isInstanceOfSatisfying(Payloads.Read.Ok.class, ok -> {
            assertThat(ok.clientToken()).isEqualTo("c-1");
            assertThat(ok.samples().getFirst().pointer()).isEqualTo("/state/reported");
        });
        assertThat(Payloads.shadow("{\"state\": {\"desired\": {\"t\": 1}}}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(Payloads.Read.Malformed.class,
                        m -> assertThat(m.pointer()).isEqualTo("/state/reported"));
        assertThat(Payloads.shadow("{\"state\": {\"reported\": {\"t\": 1}, \"desired\": {}}}"
                .getBytes(StandardCharsets.UTF_8))).isInstanceOf(Payloads.Read.Malformed.class);
    }
}
