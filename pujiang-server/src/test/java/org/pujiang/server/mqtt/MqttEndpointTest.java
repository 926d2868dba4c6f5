package org.pujiang.server.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.MqttSubAckMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pujiang.server.twin.ingress.IngestKind;
import org.pujiang.server.twin.ingress.IngestRequest;
import org.pujiang.server.twin.ingress.IngestResult;
import org.pujiang.server.twin.ingress.IngestResult.RejectReason;

/** The device endpoint over real sockets: a real MQTT client (vertx-mqtt) and, for broken packets, a raw one. */
class MqttEndpointTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final Vertx vertx = Vertx.vertx();
    private final FakeIngress ingress = new FakeIngress();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<MqttClient> clients = new ArrayList<>();
    private MqttEndpoint endpoint;

    private MqttEndpoint start(MqttEndpoint.Options options) throws Exception {
        endpoint = MqttEndpoint.start(vertx, options, ingress, registry).await(5, TimeUnit.SECONDS);
        return endpoint;
    }

    private MqttEndpoint start() throws Exception {
        return start(MqttEndpoint.Options.defaults().withHost("127.0.0.1").withPort(MqttEndpoint.Options.ANY_PORT));
    }

    @AfterEach
    void stop() throws Exception {
        for (MqttClient c : clients) {
            if (c.isConnected()) {
                c.disconnect();
            }
        }
        if (endpoint != null) {
            endpoint.close().await(5, TimeUnit.SECONDS);
        }
        vertx.close().await(5, TimeUnit.SECONDS);
    }

    /** A device on a real MQTT 3.1.1 client; what it receives and which of its packets were acked are queued. */
    private final class Device {
        final MqttClient client;
        final BlockingQueue<MqttPublishMessage> received = new LinkedBlockingQueue<>();
        final BlockingQueue<Integer> acked = new LinkedBlockingQueue<>();
        final BlockingQueue<MqttSubAckMessage> subAcks = new LinkedBlockingQueue<>();
        final CountDownLatch closed = new CountDownLatch(1);

        Device(String token) throws Exception {
            client = MqttClient.create(vertx, new MqttClientOptions().setUsername(token).setClientId("dev-" + token)
                    .setKeepAliveInterval(30));
            clients.add(client);
            client.publishHandler(received::add);
            client.publishCompletionHandler(acked::add);
            client.subscribeCompletionHandler(subAcks::add);
            client.closeHandler(v -> closed.countDown());
            client.connect(endpoint.actualPort(), "127.0.0.1").await(5, TimeUnit.SECONDS);
        }

        int publish(String topic, String payload) throws Exception {
            return client.publish(topic, Buffer.buffer(payload), MqttQoS.AT_LEAST_ONCE, false, false)
                    .await(5, TimeUnit.SECONDS);
        }

        MqttSubAckMessage subscribe(String filter) throws Exception {
            client.subscribe(filter, 1).await(5, TimeUnit.SECONDS);
            return subAcks.poll(5, TimeUnit.SECONDS);
        }

        JsonNode next(String topic) throws Exception {
            long end = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < end) {
                MqttPublishMessage m = received.poll(100, TimeUnit.MILLISECONDS);
                if (m != null && m.topicName().equals(topic)) {
                    return FakeIngress.JSON.readTree(m.payload().getBytes());
                }
            }
            throw new AssertionError("nothing on " + topic + " within " + WAIT);
        }
    }

    private double count(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within " + WAIT);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void refusesUnknownTokensAndMissingUsernames() throws Exception {
        start();
        try (RawMqtt raw = new RawMqtt(endpoint.actualPort())) {
            assertThat(raw.connect("no-such-token", 4, 30)).isEqualTo(4); // 3.1.1: bad user name or password
            assertThat(raw.closedWithin(WAIT)).isTrue();
        }
        try (RawMqtt raw = new RawMqtt(endpoint.actualPort())) {
            assertThat(raw.connect(null, 4, 30)).isEqualTo(5); // 3.1.1: not authorised
        }
        try (RawMqtt raw = new RawMqtt(endpoint.actualPort())) {
            assertThat(raw.connect("no-such-token", 5, 30)).isEqualTo(0x86);
        }
        try (RawMqtt raw = new RawMqtt(endpoint.actualPort())) {
            assertThat(raw.connect("tok-a", 6, 30)).isEqualTo(1); // unacceptable protocol version
        }
        assertThat(count("pujiang.mqtt.connect.refused", "reason", "bad_token")).isEqualTo(2);
        assertThat(count("pujiang.mqtt.connect.refused", "reason", "protocol_version")).isEqualTo(1);
        assertThat(count("pujiang.mqtt.connect.refused", "reason", "no_username")).isEqualTo(1);
        assertThat(endpoint.connections()).isZero();
        assertThat(ingress.attaches.get()).isZero();
    }

    @Test
    void telemetryIsAcknowledgedOnlyOnceIngestHasAcceptedIt() throws Exception {
        start();
        CompletableFuture<IngestResult> held = new CompletableFuture<>();
        ingress.responder = r -> held;
        Device d = new Device("tok-a");
        int packetId = d.publish("v1/devices/me/telemetry", "{\"temperature\":21.5}");

        IngestRequest request = ingress.requests.poll(5, TimeUnit.SECONDS);
        assertThat(request).isNotNull();
        assertThat(request.twinId()).isEqualTo("pump-1");
        assertThat(request.kind()).isEqualTo(IngestKind.TELEMETRY);
        assertThat(request.source()).isEqualTo("mqtt");
        assertThat(new String(request.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"temperature\":21.5}");
        assertThat(d.acked.poll(300, TimeUnit.MILLISECONDS)).as("no PUBACK before ingest completes").isNull();

        held.complete(new IngestResult.Accepted(1, 7, null));
        assertThat(d.acked.poll(5, TimeUnit.SECONDS)).isEqualTo(packetId);
        assertThat(count("pujiang.mqtt.messages", "result", "accepted")).isEqualTo(1);
        assertThat(count("pujiang.mqtt.bytes.received")).isPositive();

        ingress.responder = FakeIngress::accept;
        d.publish("v1/devices/me/attributes", "{\"firmware\":\"1.2\"}");
        assertThat(ingress.requests.poll(5, TimeUnit.SECONDS).kind()).isEqualTo(IngestKind.ATTRIBUTES);
    }

    @Test
    void acknowledgementsFollowArrivalOrderWhenIngestCompletesOutOfOrder() throws Exception {
        start();
        List<CompletableFuture<IngestResult>> held = new ArrayList<>();
        ingress.responder = r -> {
            CompletableFuture<IngestResult> f = new CompletableFuture<>();
            synchronized (held) {
                held.add(f);
            }
            return f;
        };
        Device d = new Device("tok-a");
        int first = d.publish("v1/devices/me/telemetry", "{\"a\":1}");
        int second = d.publish("v1/devices/me/telemetry", "{\"a\":2}");
        eventually(() -> {
            synchronized (held) {
                return held.size() == 2;
            }
        });
        held.get(1).complete(new IngestResult.Accepted(1, 2, null));
        assertThat(d.acked.poll(300, TimeUnit.MILLISECONDS)).as("second waits for first").isNull();
        held.get(0).complete(new IngestResult.Accepted(1, 1, null));
        assertThat(d.acked.poll(5, TimeUnit.SECONDS)).isEqualTo(first);
        assertThat(d.acked.poll(5, TimeUnit.SECONDS)).isEqualTo(second);
    }

    @Test
    void aPermanentRejectionIsAcknowledgedAndReportedOnTheErrorTopic() throws Exception {
        start();
        ingress.responder = FakeIngress.reject(RejectReason.INVALID, "temperature must be a number", "/temperature");
        Device d = new Device("tok-a");
        d.subscribe("v1/devices/me/errors");
        int packetId = d.publish("v1/devices/me/telemetry", "{\"temperature\":\"hot\"}");

        assertThat(d.acked.poll(5, TimeUnit.SECONDS)).isEqualTo(packetId);
        JsonNode error = d.next("v1/devices/me/errors");
        assertThat(error.path("code").asText()).isEqualTo("twin:payload.invalid");
        assertThat(error.path("pointer").asText()).isEqualTo("/temperature");
        assertThat(error.path("topic").asText()).isEqualTo("v1/devices/me/telemetry");
        assertThat(error.path("packetId").asInt()).isEqualTo(packetId);
        assertThat(count("pujiang.mqtt.messages", "result", "rejected", "reason", "invalid")).isEqualTo(1);
    }

    @Test
    void aTransientRejectionIsNotAcknowledgedSoTheDeviceSendsItAgain() throws Exception {
        start();
        ingress.responder = FakeIngress.reject(RejectReason.OVERLOADED, "history queue full", "");
        Device d = new Device("tok-a");
        d.publish("v1/devices/me/telemetry", "{\"a\":1}");
        assertThat(ingress.requests.poll(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(d.acked.poll(500, TimeUnit.MILLISECONDS)).isNull();
        eventually(() -> count("pujiang.mqtt.messages", "result", "rejected", "reason", "overloaded") == 1);

        ingress.responder = FakeIngress::accept;
        int next = d.publish("v1/devices/me/telemetry", "{\"a\":2}");
        assertThat(d.acked.poll(5, TimeUnit.SECONDS)).isEqualTo(next);
    }

    @Test
    void mqtt5ClientsGetTheOutcomeAsAPubackReasonCode() throws Exception {
        start();
        ingress.responder = FakeIngress.reject(RejectReason.INVALID, "bad", "/a");
        try (RawMqtt raw = new RawMqtt(endpoint.actualPort())) {
            assertThat(raw.connect("tok-a", 5, 30)).isZero();
            raw.publish("v1/devices/me/telemetry", "{\"a\":\"x\"}", 1, 9, 5);
            RawMqtt.Packet ack = raw.read();
            assertThat(ack.type()).isEqualTo(4); // PUBACK
            assertThat(((ack.body()[0] & 0xFF) << 8) | (ack.body()[1] & 0xFF)).isEqualTo(9);
            assertThat(ack.body()[2] & 0xFF).isEqualTo(0x99); // payload format invalid

            ingress.responder = FakeIngress.reject(RejectReason.RATE_LIMITED, "slow down", "");
            raw.publish("v1/devices/me/telemetry", "{\"a\":1}", 1, 10, 5);
            ack = raw.read();
            assertThat(ack.body()[2] & 0xFF).isEqualTo(0x97); // quota exceeded
        }
    }

    @Test
    void qos2PublishesGetPubrecAfterIngestAndPubcompOnPubrel() throws Exception {
        start();
        try (RawMqtt raw = new RawMqtt(endpoint.actualPort())) {
            assertThat(raw.connect("tok-a", 4, 30)).isZero();
            raw.publish("v1/devices/me/telemetry", "{\"a\":1}", 2, 5, 4);
            RawMqtt.Packet rec = raw.read();
            assertThat(rec.type()).isEqualTo(5); // PUBREC
            assertThat(rec.body()).containsExactly(0, 5);
            raw.send(0x62, new byte[] {0, 5}); // PUBREL
            RawMqtt.Packet comp = raw.read();
            assertThat(comp.type()).isEqualTo(7); // PUBCOMP
            assertThat(comp.body()).containsExactly(0, 5);
        }
        assertThat(ingress.requests).hasSize(1);
    }

    @Test
    void rpcRequestsGoDownAndResponsesComeUp() throws Exception {
        start();
        Device d = new Device("tok-a");
        assertThat(d.subscribe("v1/devices/me/rpc/request/+").grantedQoSLevels()).containsExactly(1);
        eventually(() -> ingress.links.containsKey("pump-1"));

        ingress.links.get("pump-1").rpcRequest(42, "setValve", FakeIngress.JSON.readTree("{\"open\":true}"));
        JsonNode request = d.next("v1/devices/me/rpc/request/42");
        assertThat(request.path("method").asText()).isEqualTo("setValve");
        assertThat(request.path("params").path("open").asBoolean()).isTrue();

        int packetId = d.publish("v1/devices/me/rpc/response/42", "{\"open\":true}");
        assertThat(d.acked.poll(5, TimeUnit.SECONDS)).isEqualTo(packetId);
        FakeIngress.RpcResponse response = ingress.rpcResponses.poll(5, TimeUnit.SECONDS);
        assertThat(response).isEqualTo(new FakeIngress.RpcResponse("pump-1", 42, "{\"open\":true}"));
        assertThat(ingress.requests).isEmpty();
    }

    @Test
    void shadowUpdatesAreAnsweredOnAcceptedOrRejectedAndDeltasGoDown() throws Exception {
        start();
        Device d = new Device("tok-a");
        assertThat(d.subscribe("twins/pump-1/update/+").grantedQoSLevels()).containsExactly(1);

        d.publish("twins/pump-1/update", "{\"state\":{\"reported\":{\"rpm\":900}},\"clientToken\":\"c1\"}");
        IngestRequest request = ingress.requests.poll(5, TimeUnit.SECONDS);
        assertThat(request.kind()).isEqualTo(IngestKind.SHADOW);
        assertThat(request.twinId()).isEqualTo("pump-1");
        JsonNode accepted = d.next("twins/pump-1/update/accepted");
        assertThat(accepted.path("state").path("reported").path("rpm").asInt()).isEqualTo(900);

        ingress.responder = FakeIngress.reject(RejectReason.INVALID, "rpm out of range", "/state/reported/rpm");
        int packetId = d.publish("twins/pump-1/update", "{\"state\":{\"reported\":{\"rpm\":-1}},\"clientToken\":\"c2\"}");
        assertThat(d.acked.poll(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(d.acked.poll(5, TimeUnit.SECONDS)).isEqualTo(packetId);
        JsonNode rejected = d.next("twins/pump-1/update/rejected");
        assertThat(rejected.path("code").asText()).isEqualTo("twin:payload.invalid");
        assertThat(rejected.path("message").asText()).isEqualTo("rpm out of range");
        assertThat(rejected.path("pointer").asText()).isEqualTo("/state/reported/rpm");
        assertThat(rejected.path("clientToken").asText()).isEqualTo("c2");

        eventually(() -> ingress.links.containsKey("pump-1"));
        ingress.links.get("pump-1").desiredDelta(FakeIngress.JSON.readTree("{\"valve\":true}"), 5);
        JsonNode delta = d.next("twins/pump-1/update/delta");
        assertThat(delta.path("state").path("valve").asBoolean()).isTrue();
        assertThat(delta.path("version").asLong()).isEqualTo(5);
    }

    @Test
    void aDeviceMayNotUseAnotherTwinsTopics() throws Exception {
        start();
        Device d = new Device("tok-a");
        assertThat(d.subscribe("twins/pump-2/update/accepted").grantedQoSLevels()).containsExactly(0x80);
        assertThat(d.subscribe("v1/devices/+/telemetry").grantedQoSLevels()).containsExactly(0x80);
        assertThat(d.subscribe("#").grantedQoSLevels()).containsExactly(0x80);
        d.subscribe("v1/devices/me/errors");

        int packetId = d.publish("twins/pump-2/update", "{\"state\":{\"reported\":{\"rpm\":1}}}");
        assertThat(d.acked.poll(5, TimeUnit.SECONDS)).isEqualTo(packetId);
        JsonNode error = d.next("v1/devices/me/errors");
        assertThat(error.path("code").asText()).isEqualTo("twin:not-authorised");
        assertThat(error.path("topic").asText()).isEqualTo("twins/pump-2/update");

        d.publish("some/other/topic", "{}");
        assertThat(d.next("v1/devices/me/errors").path("code").asText()).isEqualTo("mqtt:topic.unknown");
        assertThat(ingress.requests).isEmpty();
        assertThat(count("pujiang.mqtt.messages", "result", "rejected", "reason", "not_authorised")).isEqualTo(1);
        assertThat(count("pujiang.mqtt.messages", "result", "rejected", "reason", "unknown_topic")).isEqualTo(1);
        assertThat(d.client.isConnected()).isTrue();
    }

    @Test
    void anOversizedPacketClosesOnlyItsOwnConnection() throws Exception {
        start(MqttEndpoint.Options.defaults().withHost("127.0.0.1").withPort(MqttEndpoint.Options.ANY_PORT)
                .withMaxMessageBytes(1024));
        Device bystander = new Device("tok-b");
        try (RawMqtt raw = new RawMqtt(endpoint.actualPort())) {
            assertThat(raw.connect("tok-a", 4, 30)).isZero();
            // PUBLISH QoS 0 announcing 10 MB; only its first bytes are ever sent
            java.io.ByteArrayOutputStream p = new java.io.ByteArrayOutputStream();
            p.write(0x30);
            RawMqtt.writeLength(p, 10_000_000);
            p.writeBytes(new byte[] {0, 23});
            p.writeBytes("v1/devices/me/telemetry".getBytes(StandardCharsets.US_ASCII));
            p.writeBytes(new byte[2000]);
            raw.writeRaw(p.toByteArray());
            assertThat(raw.closedWithin(WAIT)).isTrue();
        }
        eventually(() -> count("pujiang.mqtt.disconnects", "reason", "oversized") == 1);
        eventually(() -> endpoint.connections() == 1);
        assertThat(ingress.requests).isEmpty();
        int packetId = bystander.publish("v1/devices/me/telemetry", "{\"a\":1}");
        assertThat(bystander.acked.poll(5, TimeUnit.SECONDS)).isEqualTo(packetId);
    }

    @Test
    void truncatedAndGarbagePacketsLeaveNoTrace() throws Exception {
        start();
        try (RawMqtt raw = new RawMqtt(endpoint.actualPort())) {
            assertThat(raw.connect("tok-a", 4, 30)).isZero();
            eventually(() -> endpoint.connections() == 1);
            // the first half of a PUBLISH, then the device goes away
            raw.writeRaw(new byte[] {0x32, 40, 0, 23, 'v', '1', '/', 'd'});
        }
        eventually(() -> endpoint.connections() == 0);
        eventually(() -> ingress.registrationsClosed.get() == 1);
        assertThat(ingress.links).isEmpty();

        try (RawMqtt raw = new RawMqtt(endpoint.actualPort())) {
            raw.writeRaw(new byte[] {0x00, 0x02, 0x7F, 0x7F}); // packet type 0 is reserved
            assertThat(raw.closedWithin(WAIT)).isTrue();
        }
        eventually(() -> count("pujiang.mqtt.disconnects", "reason", "malformed") == 1);
        try (RawMqtt raw = new RawMqtt(endpoint.actualPort())) {
            raw.publish("v1/devices/me/telemetry", "{}", 0, 0, 4); // PUBLISH before CONNECT
            assertThat(raw.closedWithin(WAIT)).isTrue();
        }
        assertThat(ingress.requests).isEmpty();
        assertThat(ingress.attaches.get()).isEqualTo(1);
    }

    @Test
    void aFloodingDeviceIsRateLimitedWhileAnotherIsNot() throws Exception {
        start(MqttEndpoint.Options.defaults().withHost("127.0.0.1").withPort(MqttEndpoint.Options.ANY_PORT)
                .withRate(10, 20, Duration.ofSeconds(30)));
        Device quiet = new Device("tok-b");
        try (RawMqtt flood = new RawMqtt(endpoint.actualPort())) {
            assertThat(flood.connect("tok-a", 4, 30)).isZero();
            for (int i = 1; i <= 200; i++) {
                flood.publish("v1/devices/me/telemetry", "{\"i\":" + i + "}", 0, 0, 4);
            }
            for (int i = 0; i < 5; i++) {
                int packetId = quiet.publish("v1/devices/me/telemetry", "{\"q\":" + i + "}");
                assertThat(quiet.acked.poll(5, TimeUnit.SECONDS)).isEqualTo(packetId);
            }
            eventually(() -> count("pujiang.mqtt.messages", "result", "rejected", "reason", "rate_limited")
                    + ingress.requests.stream().filter(r -> r.twinId().equals("pump-1")).count() == 200);
        }
        long fromFlood = ingress.requests.stream().filter(r -> r.twinId().equals("pump-1")).count();
        long fromQuiet = ingress.requests.stream().filter(r -> r.twinId().equals("pump-2")).count();
        assertThat(fromFlood).isBetween(20L, 40L); // the burst, plus what refilled meanwhile
        assertThat(fromQuiet).isEqualTo(5);
    }

    @Test
    void aSustainedFloodIsDisconnected() throws Exception {
        start(MqttEndpoint.Options.defaults().withHost("127.0.0.1").withPort(MqttEndpoint.Options.ANY_PORT)
                .withRate(5, 5, Duration.ofSeconds(1)));
        try (RawMqtt flood = new RawMqtt(endpoint.actualPort())) {
            assertThat(flood.connect("tok-a", 4, 30)).isZero();
            long t0 = System.nanoTime();
            long end = t0 + Duration.ofSeconds(6).toNanos();
            boolean closed = false;
            while (System.nanoTime() < end && !closed) {
                try {
                    flood.publish("v1/devices/me/telemetry", "{}", 0, 0, 4);
                    Thread.sleep(20);
                } catch (java.io.IOException e) {
                    closed = true;
                }
                closed |= count("pujiang.mqtt.disconnects", "reason", "flood") == 1;
            }
            assertThat(closed).isTrue();
            // limited from the sixth message on (~0.1 s), cut off a second of limiting later
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(1000),
                    Duration.ofMillis(4000));
            assertThat(flood.closedWithin(WAIT)).isTrue();
        }
        assertThat(count("pujiang.mqtt.disconnects", "reason", "flood")).isEqualTo(1);
    }

    @Test
    void aSecondConnectionWithTheSameTokenTakesOver() throws Exception {
        start();
        Device first = new Device("tok-a");
        eventually(() -> ingress.links.containsKey("pump-1"));
        Device second = new Device("tok-a");
        assertThat(first.closed.await(5, TimeUnit.SECONDS)).isTrue();
        eventually(() -> endpoint.connections() == 1);
        assertThat(ingress.attaches.get()).isEqualTo(2);
        assertThat(ingress.registrationsClosed.get()).isEqualTo(1);
        assertThat(ingress.links).containsKey("pump-1");
        assertThat(count("pujiang.mqtt.disconnects", "reason", "takeover")).isEqualTo(1);

        second.subscribe("v1/devices/me/rpc/request/+");
        ingress.links.get("pump-1").rpcRequest(1, "ping", null);
        assertThat(second.next("v1/devices/me/rpc/request/1").path("method").asText()).isEqualTo("ping");
    }

    @Test
    void theServerCanDisconnectATwinWhoseTokenWasRevoked() throws Exception {
        start();
        Device d = new Device("tok-a");
        eventually(() -> endpoint.connections() == 1);
        assertThat(endpoint.disconnect("pump-2")).isFalse();
        assertThat(endpoint.disconnect("pump-1")).isTrue();
        assertThat(d.closed.await(5, TimeUnit.SECONDS)).isTrue();
        eventually(() -> endpoint.connections() == 0);
        assertThat(count("pujiang.mqtt.disconnects", "reason", "revoked")).isEqualTo(1);
    }

    @Test
    void aSilentDeviceIsDroppedAfterOneAndAHalfKeepAlivePeriods() throws Exception {
        start();
        try (RawMqtt raw = new RawMqtt(endpoint.actualPort())) {
            assertThat(raw.connect("tok-a", 4, 1)).isZero();
            long t0 = System.nanoTime();
            assertThat(raw.closedWithin(WAIT)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(1200),
                    Duration.ofMillis(3000));
        }
        eventually(() -> count("pujiang.mqtt.disconnects", "reason", "keepalive") == 1);
    }

    @Test
    void portZeroMeansOff() throws Exception {
        MqttEndpoint off = MqttEndpoint.start(vertx, MqttEndpoint.Options.defaults().withPort(0), ingress, registry)
                .await(5, TimeUnit.SECONDS);
        assertThat(off.actualPort()).isZero();
        off.close().await(5, TimeUnit.SECONDS);
    }
}
