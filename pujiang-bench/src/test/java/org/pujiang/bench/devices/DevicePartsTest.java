package org.pujiang.bench.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DevicePartsTest {
    @Test
    void payloadHoldsTheValuesAndSentAtWithinTheModel() {
        for (int seq = 0; seq < 500; seq++) {
            JsonObject p = new JsonObject(DeviceParts.payload(5, 17, seq, 1_795_510_800_123L));
            assertEquals(6, p.size());
            assertEquals(1_795_510_800_123L, p.getLong("sentAt"));
            for (int j = 0; j < 5; j++) {
                double v = p.getDouble("v" + j);
                assertTrue(v >= 0 && v < 200, "v" + j + " = " + v);
            }
        }
        assertNotEquals(DeviceParts.payload(3, 1, 1, 5), DeviceParts.payload(3, 1, 2, 5), "consecutive messages differ");
        assertEquals("{\"v0\":1.3,\"sentAt\":42}", DeviceParts.payload(1, 1, 0, 42));
        assertEquals(6, DeviceParts.valuesPerMessage(5));
    }

    @Test
    void modelDeclaresEveryPayloadMember() {
        JsonObject m = DeviceParts.model(3);
        assertEquals("urn:pujiang:model:bench:device-3", m.getString("id"));
        assertEquals("tm:ThingModel", m.getString("@type"));
        assertTrue(m.getJsonArray("@context").contains("https://www.w3.org/2022/wot/td/v1.1"));
        JsonObject props = m.getJsonObject("properties");
        assertEquals(Set.of("v0", "v1", "v2", "sentAt"), props.fieldNames());
        assertEquals("number", props.getJsonObject("v2").getString("type"));
        assertEquals(-1e9, props.getJsonObject("v0").getDouble("minimum"));
        assertEquals(1e9, props.getJsonObject("v0").getDouble("maximum"));
        assertEquals("integer", props.getJsonObject("sentAt").getString("type"));
        assertEquals(props.fieldNames(), new JsonObject(DeviceParts.payload(3, 0, 0, 1)).fieldNames());
    }

    @Test
    void optionsAreChecked() {
        assertEquals(List.of(), DeviceParts.problems(50, 10, 5, 10, 2, 10, 16, false, "http://127.0.0.1:8080"));
        assertEquals(List.of(), DeviceParts.problems(1, 0.5, 1, 0.1, 0, 0, 1, true, "not a url"));
        List<String> p = DeviceParts.problems(0, 0, 0, 0, -1, -1, 0, false, "ws://x:1/ws");
        assertEquals(8, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("--devices"));
        assertTrue(DeviceParts.problems(1, 1001, 5, 1, 1, 1, 16, false, "http://h:1").get(0).startsWith("--rate"));
        assertTrue(DeviceParts.problems(1, Double.NaN, 5, 1, 1, 1, 16, false, "http://h:1").get(0).startsWith("--rate"));

        assertEquals("tcp://127.0.0.1:1884", DeviceParts.mqttAddress("tcp://127.0.0.1:1884").toString());
        assertEquals("tcp://broker:1883", DeviceParts.mqttAddress("mqtt://broker").toString());
        assertThrows(IllegalArgumentException.class, () -> DeviceParts.mqttAddress("http://h:1883"));
        assertThrows(IllegalArgumentException.class, () -> DeviceParts.mqttAddress("127.0.0.1:1883"));
    }

    @Test
    void commandLineRefusesBadOptions() {
        CommandLine cl = new CommandLine(new DeviceLoad());
        cl.setErr(new java.io.PrintWriter(new java.io.StringWriter()));
        assertEquals(CommandLine.ExitCode.USAGE, cl.execute("--mqtt", "tcp://127.0.0.1:1", "--devices", "0"));
        assertEquals(CommandLine.ExitCode.USAGE, cl.execute("--mqtt", "udp://127.0.0.1:1"));
        assertEquals(CommandLine.ExitCode.USAGE, cl.execute("--devices", "3")); // --mqtt is required
    }

    @Test
    void sendsAreSpreadEvenlyOverOnePeriod() {
        assertEquals(0, DeviceParts.phaseNanos(0, 4, 10));
        assertEquals(25_000_000, DeviceParts.phaseNanos(1, 4, 10));
        assertEquals(75_000_000, DeviceParts.phaseNanos(3, 4, 10));
        Set<Long> phases = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            long ph = DeviceParts.phaseNanos(i, 1000, 2);
            assertTrue(ph >= 0 && ph < 500_000_000);
            phases.add(ph);
        }
        assertEquals(1000, phases.size());
        assertEquals(7, DeviceParts.referenceIndex("bench/7/telemetry"));
        assertEquals(-1, DeviceParts.referenceIndex("bench/x/telemetry"));
        assertEquals(-1, DeviceParts.referenceIndex("other/7/telemetry"));
    }

    @Test
    void reportMath() {
        DeviceReport r = new DeviceReport();
        r.devices = 50;
        r.rateHz = 10;
        r.values = 5;
        r.measuredS = 10;
        r.acked = 5000;
        r.rejected = new java.util.TreeMap<>(Map.of("twin:payload.invalid", 100L));
        r.delivered = 950;
        r.latency.recordValue(2_000);
        r.latency.recordValue(4_000);
        r.serverValuesAccepted = 29_400;
        r.serverHistoryWritten = 30_000;
        assertEquals(500, r.offeredMsgsPerSec());
        assertEquals(3000, r.offeredValuesPerSec());
        assertEquals(490, r.acceptedMsgsPerSec());
        assertEquals(2940, r.acceptedValuesPerSec());
        assertEquals(95, r.deliveredPerSec());
        JsonObject j = r.toJson();
        assertEquals(2940.0, j.getDouble("acceptedValuesPerSec"));
        assertEquals(100L, j.getLong("rejected"));
        assertEquals(2.0, j.getDouble("latencyP50Ms"));
        assertEquals(4.0, j.getDouble("latencyMaxMs"), 0.01);
        assertEquals(2940.0, j.getDouble("serverValuesAcceptedPerSec"));
        assertEquals(3000.0, j.getDouble("serverHistoryWrittenPerSec"));
        assertNull(j.getValue("serverHistoryRefused"), "not scraped: null, not NaN");
        assertTrue(r.toText().contains("2940.0 values/s"), r.toText());
        r.runHistoryAccepted = 1000;
        r.runHistoryWritten = 700;
        r.runHistoryDropped = 50;
        r.historyQueueAtEnd = 10;
        assertEquals(240, r.historyNotWritten());
        assertEquals(240.0, r.toJson().getDouble("runHistoryNotWritten"));

        DeviceReport empty = new DeviceReport();
        empty.mode = "reference";
        assertEquals(0, empty.acceptedValuesPerSec());
        assertNull(empty.toJson().getValue("latencyP50Ms"));
        assertTrue(!empty.toJson().containsKey("serverHistoryWrittenPerSec"));
        new JsonObject(empty.toJson().encode()); // NaN never reaches the JSON
    }

    @Test
    void prometheusTextIsRead() {
        String text = """
                # HELP pujiang_history_queue telemetry values waiting to be written
                # TYPE pujiang_history_queue gauge
                pujiang_history_queue 12.0
                pujiang_twin_values_accepted_total 3.0E4
                pujiang_mqtt_messages_total{reason="none",result="accepted"} 500.0
                pujiang_mqtt_messages_total{reason="rate_limited",result="rejected"} 7.0
                pujiang_mqtt_messages_total{reason="invalid",result="rejected"} 2.0
                pujiang_space_tick_last_seconds{space="a,b=\\"c\\""} 0.5
                """;
        DeviceParts.Prom p = DeviceParts.Prom.parse(text);
        assertEquals(12.0, p.sum("pujiang_history_queue"));
        assertEquals(30_000.0, p.sum("pujiang_twin_values_accepted_total"));
        assertEquals(509.0, p.sum("pujiang_mqtt_messages_total"));
        assertEquals(9.0, p.sum("pujiang_mqtt_messages_total", "result", "rejected"));
        assertEquals(0.5, p.sum("pujiang_space_tick_last_seconds", "space", "a,b=\"c\""));
        assertTrue(Double.isNaN(p.sum("pujiang_nothing")));
        assertTrue(Double.isNaN(p.sum("pujiang_history_queue", "space", "x")));
        Map<String, Double> before = p.by("pujiang_mqtt_messages_total", "reason", "result", "rejected");
        assertEquals(Map.of("rate_limited", 7.0, "invalid", 2.0), before);
        Map<String, Double> after = Map.of("rate_limited", 10.0, "invalid", 2.0, "overloaded", 1.0);
        assertEquals(Map.of("rate_limited", 3L, "overloaded", 1L), DeviceParts.deltas(before, after));
        assertEquals(5.0, DeviceParts.delta(1, 6));
        assertTrue(Double.isNaN(DeviceParts.delta(Double.NaN, 6)));
    }
}
