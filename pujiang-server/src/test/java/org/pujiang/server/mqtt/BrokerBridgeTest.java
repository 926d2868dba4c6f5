package org.pujiang.server.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pujiang.server.testing.Mosquitto;
import org.pujiang.server.twin.ingress.IngestKind;
import org.pujiang.server.twin.ingress.IngestRequest;
import org.pujiang.server.twin.ingress.IngestResult;
import org.pujiang.server.twin.ingress.IngestResult.RejectReason;

/** The broker bridge against a real mosquitto: mapping, outcomes, and reconnecting after a broker restart. */
class BrokerBridgeTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Vertx vertx = Vertx.vertx();
    private final FakeIngress ingress = new FakeIngress();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private Mosquitto mosquitto;
    private BrokerBridge bridge;

    @AfterEach
    void stop() throws Exception {
        if (bridge != null) {
            bridge.close().await(5, TimeUnit.SECONDS);
        }
        if (mosquitto != null) {
            mosquitto.close();
        }
        vertx.close().await(5, TimeUnit.SECONDS);
    }

    private BrokerBridge start(Path dir) throws Exception {
        mosquitto = Mosquitto.start(dir);
        BrokerBridge.Options options = BrokerBridge.Options.of("plant", mosquitto.uri(), BrokerBridge.Mapping.parseAll(
                "plant/+/telemetry -> {1}; plant/+/state -> {1} shadow; meters/# -> {1}"))
                .withReconnect(Duration.ofMillis(100), Duration.ofMillis(500));
        bridge = BrokerBridge.start(vertx, options, ingress, registry);
        eventually(bridge::isConnected);
        return bridge;
    }

    private void publish(String topic, String payload) throws Exception {
        MqttClient publisher = MqttClient.create(vertx, new MqttClientOptions().setClientId("pub-" + System.nanoTime()));
        publisher.connect(mosquitto.port(), "127.0.0.1").await(5, TimeUnit.SECONDS);
        publisher.publish(topic, Buffer.buffer(payload), MqttQoS.AT_LEAST_ONCE, false, false).await(5, TimeUnit.SECONDS);
        publisher.disconnect().await(5, TimeUnit.SECONDS);
    }

    private double count(String result, String reason) {
        var c = registry.find("pujiang.mqtt.bridge.messages").tags("bridge", "plant", "result", result, "reason", reason)
                .counter();
        return c == null ? 0 : c.count();
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within " + WAIT);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void messagesFromTheBrokerReachTheMappedTwin(@TempDir Path dir) throws Exception {
        start(dir);
        publish("plant/pump-7/telemetry", "{\"rpm\":1200}");
        IngestRequest r = ingress.requests.poll(10, TimeUnit.SECONDS);
        assertThat(r).isNotNull();
        assertThat(r.twinId()).isEqualTo("pump-7");
        assertThat(r.kind()).isEqualTo(IngestKind.TELEMETRY);
        assertThat(r.source()).isEqualTo("bridge:plant");
        assertThat(new String(r.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"rpm\":1200}");

        publish("plant/pump-7/state", "{\"state\":{\"reported\":{\"on\":true}}}");
        assertThat(ingress.requests.poll(10, TimeUnit.SECONDS).kind()).isEqualTo(IngestKind.SHADOW);
        eventually(() -> count("accepted", "none") == 2);

        ingress.responder = FakeIngress.reject(RejectReason.INVALID, "rpm must be a number", "/rpm");
        publish("plant/pump-7/telemetry", "{\"rpm\":\"fast\"}");
        eventually(() -> count("rejected", "invalid") == 1);

        publish("meters", "{}"); // matches meters/# but makes an empty twin id
        eventually(() -> count("unmapped", "none") == 1);
    }

    @Test
    void transientRefusalsAreTriedAgain(@TempDir Path dir) throws Exception {
        start(dir);
        AtomicInteger calls = new AtomicInteger();
        ingress.responder = r -> calls.incrementAndGet() == 1
                ? CompletableFuture.completedFuture(new IngestResult.Rejected(RejectReason.OVERLOADED, "full", ""))
                : FakeIngress.accept(r);
        publish("plant/pump-1/telemetry", "{\"a\":1}");
        eventually(() -> count("accepted", "none") == 1);
        assertThat(calls.get()).isEqualTo(2);
    }

    @Test
    void reconnectsAfterTheBrokerRestarts(@TempDir Path dir) throws Exception {
        start(dir);
        publish("plant/pump-1/telemetry", "{\"n\":1}");
        assertThat(ingress.requests.poll(10, TimeUnit.SECONDS).twinId()).isEqualTo("pump-1");

        mosquitto.stop();
        eventually(() -> !bridge.isConnected());
        Thread.sleep(300); // a few failed attempts while the broker is down
        mosquitto.restart();
        eventually(bridge::isConnected);

        publish("plant/pump-2/telemetry", "{\"n\":2}");
        IngestRequest again = ingress.requests.poll(10, TimeUnit.SECONDS);
        assertThat(again).isNotNull();
        assertThat(again.twinId()).isEqualTo("pump-2");
        var connects = registry.find("pujiang.mqtt.bridge.connects").tags("result", "ok").counter();
        assertThat(connects.count()).isEqualTo(2);
    }
}
