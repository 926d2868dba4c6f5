package org.pujiang.server.twin.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pujiang.twin.model.CompiledModel;
import org.pujiang.twin.model.Parsed;
import org.pujiang.twin.model.ThingModels;
import org.pujiang.twin.model.TwinModel;
import org.pujiang.twin.model.Validation;

class DemoSignalsTest {
    private static final long T0 = 1_790_000_000_000L;
    private static final Duration DAY = Duration.ofMinutes(10);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static DemoTwinsFile demo;
    private static final Map<String, TwinModel> models = new HashMap<>();

    @BeforeAll
    static void load() {
        demo = DemoTwinsFile.load();
        demo.modelDocuments().values().forEach(json -> {
            TwinModel m = ((Parsed.Ok) ThingModels.parse(json)).model();
            models.put(m.id(), m);
        });
    }

    private static DemoDevice device(DemoSignals signals, String twinId) {
        DemoTwinsFile.Twin twin = demo.twin(twinId).orElseThrow();
        return signals.device(twin.id(), models.get(twin.model())).orElseThrow();
    }

    /** One value a second for {@code seconds}, from T0. */
    private static List<ObjectNode> run(DemoDevice d, int seconds) {
        List<ObjectNode> out = new ArrayList<>();
        for (int s = 0; s < seconds; s++) {
            out.add(d.sample(T0 + s * 1000L));
        }
        return out;
    }

    @Test
    void everyReportOfEveryDemoDeviceFitsItsModelForTwoHours() {
        DemoSignals signals = DemoSignals.create(7, DAY, T0);
        int devices = 0;
        for (DemoTwinsFile.Twin twin : demo.twins()) {
            TwinModel model = models.get(twin.model());
            var device = signals.device(twin.id(), model);
            assertThat(device.isPresent()).as(twin.id()).isEqualTo(!model.properties().isEmpty());
            if (device.isEmpty()) {
                continue;
            }
            devices++;
            assertThat(device.get()).as(twin.id() + " has a device of its own kind")
                    .isNotInstanceOf(DemoDevice.Generic.class);
            CompiledModel compiled = CompiledModel.of(model);
            for (ObjectNode values : run(device.get(), 2 * 3600)) {
                assertThat(compiled.validateReported(values)).as(twin.id() + " " + values).isEqualTo(Validation.OK);
                assertThat(values.size()).as(twin.id() + " reports every property").isEqualTo(model.properties().size());
            }
        }
        assertThat(devices).isGreaterThanOrEqualTo(18);
    }

    @Test
    void theSameSeedGivesTheSameValuesAndAnotherSeedOthers() {
        List<ObjectNode> a = run(device(DemoSignals.create(1, DAY, T0), "factory-press-a"), 600);
        List<ObjectNode> b = run(device(DemoSignals.create(1, DAY, T0), "factory-press-a"), 600);
        List<ObjectNode> c = run(device(DemoSignals.create(2, DAY, T0), "factory-press-a"), 600);
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
        // two devices of one model differ under one seed
        DemoSignals s = DemoSignals.create(1, DAY, T0);
        assertThat(run(device(s, "factory-press-a"), 60)).isNotEqualTo(run(device(s, "factory-press-b"), 60));
    }

    @Test
    void pressesOverheatNowAndThenButMostlyRunBelowTheRule() {
        for (long seed = 1; seed <= 4; seed++) {
            List<ObjectNode> hour = run(device(DemoSignals.create(seed, DAY, T0), "factory-press-a"), 2 * 3600);
            long hot = hour.stream().filter(v -> v.get("temperature").doubleValue() > 90).count();
            assertThat(hot).as("seed %d: seconds above 90 °C in two hours", seed).isBetween(30L, 2 * 3600L / 4);
            double maxStep = 0;
            for (int i = 1; i < hour.size(); i++) {
                maxStep = Math.max(maxStep, Math.abs(hour.get(i).get("temperature").doubleValue()
                        - hour.get(i - 1).get("temperature").doubleValue()));
            }
            assertThat(maxStep).as("seed %d: temperature moves smoothly", seed).isLessThan(3);
        }
    }

    @Test
    void pm25EpisodesPassTheRuleNowAndThen() {
        List<ObjectNode> hour = run(device(DemoSignals.create(3, DAY, T0), "city-air-plaza"), 3600);
        long smog = hour.stream().filter(v -> v.get("pm25").doubleValue() > 75).count();
        assertThat(smog).isBetween(20L, 3600L / 4);
    }

    @Test
    void streetlightsFollowTheCompressedDay() {
        DemoSignals signals = DemoSignals.create(5, DAY, T0);
        DemoDevice light = device(signals, "city-light-nw");
        long hour = DAY.toMillis() / 24;
        assertThat(signals.cityHour(T0)).isEqualTo(DemoSignals.START_HOUR);
        long noon = T0 + (long) ((24 + 12 - DemoSignals.START_HOUR) * hour);
        long midnight = T0 + (long) ((24 - DemoSignals.START_HOUR) * hour);
        long evening = T0 + (long) ((21 - DemoSignals.START_HOUR) * hour);
        assertThat(light.sample(T0).get("on").booleanValue()).isFalse();
        assertThat(light.sample(evening).get("on").booleanValue()).isTrue();
        assertThat(light.sample(evening).get("brightness").doubleValue()).isEqualTo(80);
        assertThat(light.sample(midnight + hour).get("brightness").doubleValue()).isEqualTo(48);
        assertThat(light.sample(noon).get("on").booleanValue()).isFalse();
        assertThat(light.sample(noon).get("power").doubleValue()).isLessThan(5);
    }

    @Test
    void aDesiredSwitchHoldsUntilTheNextDuskOrDawn() {
        DemoSignals signals = DemoSignals.create(5, DAY, T0);
        DemoDevice light = device(signals, "city-light-ne");
        long hour = DAY.toMillis() / 24;
        DemoDevice.Desired d = light.desire(NODES.objectNode().put("on", true).put("brightness", 50).put("version", 3), T0);
        assertThat(d.refused()).isEmpty();
        assertThat(d.applied()).isEqualTo(NODES.objectNode().put("on", true).put("brightness", 50.0));
        assertThat(light.sample(T0 + hour).get("on").booleanValue()).isTrue();
        // after dusk the light is on by itself; after dawn it goes off again: the override is gone
        assertThat(light.sample(T0 + 3 * hour).get("on").booleanValue()).isTrue();
        assertThat(light.sample(T0 + 16 * hour).get("on").booleanValue()).isFalse();
    }

    @Test
    void desiredValuesOutsideTheModelAreRefusedAndChangeNothing() {
        DemoDevice press = device(DemoSignals.create(1, DAY, T0), "factory-press-a");
        DemoDevice.Desired d = press.desire(NODES.objectNode().put("targetPressure", 999).put("temperature", 20), T0);
        assertThat(d.applied()).isEmpty();
        assertThat(d.refused()).hasSize(2);
        assertThat(d.refused().get(0)).contains("999");
        assertThat(d.refused().get(1)).contains("read-only");
        assertThat(press.sample(T0 + 1000).get("targetPressure").doubleValue()).isEqualTo(220);
    }

    @Test
    void aNewTargetPressureShapesTheNextStrokes() {
        DemoDevice press = device(DemoSignals.create(1, DAY, T0), "factory-press-a");
        assertThat(press.desire(NODES.objectNode().put("targetPressure", 300), T0).applied().get("targetPressure")
                .doubleValue()).isEqualTo(300);
        double peak = 0;
        for (int ms = 0; ms < 12_000; ms += 250) {
            peak = Math.max(peak, press.sample(T0 + ms).get("pressure").doubleValue());
        }
        assertThat(peak).isBetween(290.0, 310.0);
    }

    @Test
    void stopStartAndResetDriveThePress() {
        DemoDevice press = device(DemoSignals.create(1, DAY, T0), "factory-press-a");
        long before = press.sample(T0).get("cycleCount").longValue();
        assertThat(press.call("stop", null, T0 + 1000).ok()).isTrue();
        ObjectNode stopped = press.sample(T0 + 60_000);
        assertThat(stopped.get("state").textValue()).isEqualTo("idle");
        assertThat(stopped.get("pressure").doubleValue()).isLessThan(3);
        assertThat(stopped.get("cycleCount").longValue()).isLessThanOrEqualTo(before + 1);
        assertThat(press.call("start", NODES.nullNode(), T0 + 61_000).ok()).isTrue();
        assertThat(press.sample(T0 + 80_000).get("cycleCount").longValue()).isGreaterThan(before + 1);
        assertThat(press.call("reset", null, T0 + 81_000).ok()).as("reset outside a fault does nothing").isTrue();
        assertThat(press.sample(T0 + 82_000).get("state").textValue()).isEqualTo("running");
    }

    @Test
    void unknownMethodsAndBadInputAreRefusedWithAReason() {
        DemoDevice conveyor = device(DemoSignals.create(1, DAY, T0), "factory-conveyor-a");
        DemoDevice.Answer a = conveyor.call("launch", null, T0);
        assertThat(a.ok()).isFalse();
        assertThat(a.body().get("error").textValue()).contains("launch").contains("start");
        assertThat(conveyor.call("start", NODES.numberNode(3), T0).ok()).as("start takes no input").isFalse();
        DemoDevice.Answer set = conveyor.call("set", NODES.objectNode().put("speed", 2.0), T0);
        assertThat(set.ok()).isTrue();
        assertThat(set.body().get("ok").booleanValue()).isTrue();
        assertThat(conveyor.sample(T0 + 5_000).get("speed").doubleValue()).isBetween(1.95, 2.05);
        assertThat(conveyor.call("stop", null, T0 + 5_000).ok()).isTrue();
        ObjectNode stopped = conveyor.sample(T0 + 15_000);
        assertThat(stopped.get("speed").doubleValue()).isZero();
        assertThat(stopped.get("running").booleanValue()).isFalse();
    }

    @Test
    void aModelWithoutASimulationGetsValuesInsideItsRanges() {
        String tm = """
                {"@context": "https://www.w3.org/2022/wot/td/v1.1", "@type": "tm:ThingModel", "id": "urn:x:pump",
                 "properties": {"flow": {"type": "number", "minimum": 10, "maximum": 20},
                                "rpm": {"type": "integer", "minimum": 0, "maximum": 3000},
                                "open": {"type": "boolean"},
                                "mode": {"type": "string", "enum": ["auto", "manual"]},
                                "note": {"type": "string"}}}""";
        TwinModel model = ((Parsed.Ok) ThingModels.parse(tm)).model();
        DemoDevice d = DemoSignals.create(1, DAY, T0).device("pump-1", model).orElseThrow();
        CompiledModel compiled = CompiledModel.of(model);
        for (int s = 0; s < 600; s++) {
            JsonNode v = d.sample(T0 + s * 1000L);
            assertThat(compiled.validateReported(v)).isEqualTo(Validation.OK);
            assertThat(v.has("note")).isFalse();
        }
        assertThat(d.desire(NODES.objectNode().put("mode", "manual"), T0 + 600_000).applied().get("mode").textValue())
                .isEqualTo("manual");
    }
}
