package org.pujiang.server.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pujiang.server.mqtt.BrokerBridge.Mapping;
import org.pujiang.server.twin.ingress.IngestKind;

class BridgeMappingTest {
    @Test
    void topicFiltersMatchAndCaptureTheirWildcards() {
        TopicFilter f = TopicFilter.of("plant/+/line/+/telemetry");
        assertThat(f.wildcards()).isEqualTo(2);
        assertThat(f.match("plant/p7/line/3/telemetry")).containsExactly("p7", "3");
        assertThat(f.match("plant/p7/line/3/telemetry/x")).isNull();
        assertThat(f.match("plant/p7/line/telemetry")).isNull();
        assertThat(TopicFilter.of("plant/#").match("plant/a/b")).containsExactly("a/b");
        assertThat(TopicFilter.of("plant/#").match("plant")).containsExactly(""); // §4.7.1.2
        assertThat(TopicFilter.of("+/x").match("/x")).containsExactly("");
        assertThat(TopicFilter.of("#").matches("$SYS/broker/uptime")).isFalse(); // §4.7.2
        assertThat(TopicFilter.of("v1/devices/me/errors").match("v1/devices/me/errors")).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> TopicFilter.of("a/#/b"));
        assertThatIllegalArgumentException().isThrownBy(() -> TopicFilter.of("a/b+"));
        assertThatIllegalArgumentException().isThrownBy(() -> TopicFilter.of(""));
    }

    @Test
    void templatesBuildTwinIdsFromWildcards() {
        Mapping m = Mapping.of("plant/+/line/+/telemetry", "{1}-line{2}", IngestKind.TELEMETRY);
        assertThat(m.twinFor("plant/p7/line/3/telemetry")).isEqualTo("p7-line3");
        assertThat(m.twinFor("other/p7/line/3/telemetry")).isNull();
        assertThat(Mapping.of("meters/#", "{1}", IngestKind.TELEMETRY).twinFor("meters")).isNull(); // empty id
        assertThat(Mapping.of("fixed/topic", "boiler", IngestKind.ATTRIBUTES).twinFor("fixed/topic"))
                .isEqualTo("boiler");
        assertThatIllegalArgumentException().isThrownBy(() -> Mapping.of("a/+", "{2}", IngestKind.TELEMETRY))
                .withMessageContaining("has 1 wildcard");
        assertThatIllegalArgumentException().isThrownBy(() -> Mapping.of("a/+", "{x}", IngestKind.TELEMETRY));
    }

    @Test
    void parsesTheTextForm() {
        List<Mapping> ms = Mapping.parseAll("plant/+/telemetry -> {1}; plant/+/state -> {1} shadow\n"
                + "  meters/+/attrs->meter-{1} ATTRIBUTES ;;\n");
        assertThat(ms).containsExactly(Mapping.of("plant/+/telemetry", "{1}", IngestKind.TELEMETRY),
                Mapping.of("plant/+/state", "{1}", IngestKind.SHADOW),
                Mapping.of("meters/+/attrs", "meter-{1}", IngestKind.ATTRIBUTES));
        assertThatIllegalArgumentException().isThrownBy(() -> Mapping.parseAll("plant/+/telemetry {1}"))
                .withMessageContaining("FILTER -> TEMPLATE");
        assertThatIllegalArgumentException().isThrownBy(() -> Mapping.parseAll("a/+ -> {1} history"))
                .withMessageContaining("history");
    }

    @Test
    void parsesTheJsonForm() {
        List<Mapping> ms = Mapping.parseAll("[{\"topic\":\"plant/+/telemetry\",\"twin\":\"{1}\"},"
                + "{\"topic\":\"plant/+/state\",\"twin\":\"{1}\",\"kind\":\"shadow\"}]");
        assertThat(ms).containsExactly(Mapping.of("plant/+/telemetry", "{1}", IngestKind.TELEMETRY),
                Mapping.of("plant/+/state", "{1}", IngestKind.SHADOW));
        assertThatIllegalArgumentException().isThrownBy(() -> Mapping.parseAll("[{\"topic\":\"a\"}]"))
                .withMessageContaining("\"twin\"");
        assertThatIllegalArgumentException().isThrownBy(() -> Mapping.parseAll("[{"));
    }

    @Test
    void tokenBucketsRefillAtTheirRate() {
        TokenBucket b = new TokenBucket(10, 2, 0);
        assertThat(b.tryTake(0)).isTrue();
        assertThat(b.tryTake(0)).isTrue();
        assertThat(b.tryTake(0)).isFalse();
        assertThat(b.tryTake(50_000_000)).isFalse(); // half a token
        assertThat(b.tryTake(100_000_000)).isTrue();
        assertThat(b.tryTake(10_000_000_000L)).isTrue(); // refilled to the burst, not beyond
        assertThat(b.tryTake(10_000_000_000L)).isTrue();
        assertThat(b.tryTake(10_000_000_000L)).isFalse();
    }
}
