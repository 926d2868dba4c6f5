package org.pujiang.server.twin;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.messages.MqttPublishMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.pujiang.protocol.message.Joined;
import org.pujiang.protocol.message.TwinCommand;
import org.pujiang.protocol.message.TwinCommandKind;
import org.pujiang.protocol.message.TwinReply;
import org.pujiang.protocol.message.TwinUpdate;
import org.pujiang.protocol.message.Welcome;
import org.pujiang.server.PujiangServer;
import org.pujiang.server.testing.ApiClient;
import org.pujiang.server.testing.ApiClient.Res;
import org.pujiang.server.testing.TestDatabase;
import org.pujiang.server.testing.TestServers;
import org.pujiang.server.testing.WsClient;

/**
 * Devices over the real MQTT endpoint of a full server: ThingsBoard telemetry acknowledged only once the twin
 * holds it, commands from REST and from a space travelling down as RPCs and their answers coming back, desired
 * deltas on the shadow topic, what-if without side effects, and replay into a space.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwinDevicesTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    TestDatabase db;
    PujiangServer server;
    ApiClient api;
    String admin;
    Vertx vertx;
    String model;
    int seq;

    @BeforeAll
    void start(@TempDir Path temp) {
        db = TestDatabase.create(TestDatabase.Kind.H2, temp);
        server = TestServers.start(db, temp.resolve("data"), Map.of("mqtt.port", "-1", "demo.enabled", "false"));
        api = new ApiClient(server.baseUrl());
        admin = api.login("admin", TestServers.ADMIN_PASSWORD);
        vertx = Vertx.vertx();
        Res m = api.send("POST", "/api/models", admin, "application/json",
                TwinContract.PRESS_MODEL.formatted("devices").getBytes(StandardCharsets.UTF_8));
        assertThat(m.status()).as(m.toString()).isEqualTo(201);
        model = m.json().getString("id");
    }

    @AfterAll
    void stop() throws Exception {
        if (vertx != null) {
            vertx.close().await(5, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.close();
        }
        if (db != null) {
            db.close();
        }
    }

    String twin() {
        String id = "dev-press-" + (++seq);
        assertThat(api.post("/api/twins", admin, new JsonObject().put("id", id).put("model", model)).status())
                .isEqualTo(201);
        return id;
    }

    String token(String twin) {
        return api.post("/api/twins/" + twin + "/credentials", admin, new JsonObject()).json().getString("token");
    }

    final class Device implements AutoCloseable {
        final MqttClient client;
        final BlockingQueue<MqttPublishMessage> received = new LinkedBlockingQueue<>();

        Device(String token) throws Exception {
            client = MqttClient.create(vertx, new MqttClientOptions().setUsername(token).setClientId("c-" + token)
                    .setKeepAliveInterval(30));
            client.publishHandler(received::add);
            client.connect(server.mqttPort(), "127.0.0.1").await(5, TimeUnit.SECONDS);
        }

        void publish(String topic, String payload) throws Exception {
            client.publish(topic, Buffer.buffer(payload), MqttQoS.AT_LEAST_ONCE, false, false).await(5, TimeUnit.SECONDS);
        }

        /** Publishes at QoS 1 and waits for the PUBACK. */
        void publishAcked(String topic, String payload) throws Exception {
            CompletableFuture<Integer> acked = new CompletableFuture<>();
            client.publishCompletionHandler(acked::complete);
            int id = client.publish(topic, Buffer.buffer(payload), MqttQoS.AT_LEAST_ONCE, false, false)
                    .await(5, TimeUnit.SECONDS);
            assertThat(acked.get(5, TimeUnit.SECONDS)).isEqualTo(id);
        }

        void subscribe(String filter) throws Exception {
            client.subscribe(filter, 1).await(5, TimeUnit.SECONDS);
        }

        MqttPublishMessage next(String topicPrefix) throws Exception {
            long end = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < end) {
                MqttPublishMessage m = received.poll(100, TimeUnit.MILLISECONDS);
                if (m != null && m.topicName().startsWith(topicPrefix)) {
                    return m;
                }
            }
            throw new AssertionError("nothing on " + topicPrefix + " within " + WAIT);
        }

        @Override
        public void close() throws Exception {
            if (client.isConnected()) {
                client.disconnect().await(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void thingsBoardTelemetryIsAcknowledgedOnceTheTwinHoldsIt() throws Exception {
        String twin = twin();
        try (Device d = new Device(token(twin))) {
            d.publishAcked("v1/devices/me/telemetry", "{\"temperature\": 63.5, \"state\": \"running\"}");
            // The PUBACK means accepted: the state is readable at once.
            JsonObject t = api.get("/api/twins/" + twin, admin).json();
            assertThat(t.getJsonObject("reported").getDouble("temperature")).isEqualTo(63.5);
            assertThat(t.getJsonObject("metadata").getJsonObject("temperature").getString("source")).isEqualTo("mqtt");

            d.subscribe("v1/devices/me/errors");
            d.publish("v1/devices/me/telemetry", "{\"temperature\": 9999}");
            JsonObject error = new JsonObject(d.next("v1/devices/me/errors").payload().toString());
            assertThat(error.getString("code")).isEqualTo("twin:payload.invalid");
            assertThat(api.get("/api/twins/" + twin, admin).json().getJsonObject("reported").getDouble("temperature"))
                    .isEqualTo(63.5);
        }
    }

    @Test
    void anActionTravelsDownAsAnRpcAndTheAnswerComesBack() throws Exception {
        String twin = twin();
        try (Device d = new Device(token(twin))) {
            d.subscribe("v1/devices/me/rpc/request/+");
            CompletableFuture<Res> call = CompletableFuture.supplyAsync(
                    () -> api.post("/api/twins/" + twin + "/actions/reset", admin, new JsonObject()));
            MqttPublishMessage request = d.next("v1/devices/me/rpc/request/");
            assertThat(new JsonObject(request.payload().toString()).getString("method")).isEqualTo("reset");
            String id = request.topicName().substring("v1/devices/me/rpc/request/".length());
            d.publish("v1/devices/me/rpc/response/" + id, "{\"done\": true}");
            Res answer = call.get(10, TimeUnit.SECONDS);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            assertThat(answer.json().getJsonObject("output").getBoolean("done")).isTrue();
        }
    }

    @Test
    void aDesiredChangeFromASpaceReachesTheDeviceAsADelta() throws Exception {
        String twin = twin();
        String space = api.post("/api/spaces", admin, new JsonObject().put("name", "Devices hall").put("template",
                "factory").put("visibility", "public")).json().getString("id");
        assertThat(api.post("/api/spaces/" + space + "/bindings", admin, new JsonObject().put("object", "press")
                .put("twin", twin).put("property", "targetPressure").put("visual", new JsonObject().put("kind", "label")))
                .status()).isEqualTo(201);
        try (Device d = new Device(token(twin)); WsClient ws = WsClient.connect(server.baseUrl())) {
            d.subscribe("twins/" + twin + "/update/delta");
            ws.hello(admin);
            ws.await(Welcome.class);
            ws.join(UUID.fromString(space), 0);
            ws.await(Joined.class);
            ws.send(new TwinCommand(1, twin, TwinCommandKind.DESIRED, "targetPressure", "140"));
            assertThat(ws.await(TwinReply.class, r -> r.requestId() == 1, WAIT).ok()).isTrue();
            JsonObject delta = new JsonObject(d.next("twins/" + twin + "/update/delta").payload().toString());
            assertThat(delta.getJsonObject("state").getInteger("targetPressure")).isEqualTo(140);

            // The device follows through the shadow topic; the space sees the reported value.
            d.subscribe("twins/" + twin + "/update/accepted");
            d.publish("twins/" + twin + "/update", "{\"state\": {\"reported\": {\"targetPressure\": 140}}, \"clientToken\": \"t1\"}");
            JsonObject accepted = new JsonObject(d.next("twins/" + twin + "/update/accepted").payload().toString());
            assertThat(accepted.getString("clientToken")).isEqualTo("t1");
            ws.await(TwinUpdate.class, u -> u.twin().equals(twin) && u.json().contains("\"reported\""), WAIT);
            assertThat(api.get("/api/twins/" + twin, admin).json().getJsonObject("delta")).isEmpty();

            // An action from the space, answered by the device.
            d.subscribe("v1/devices/me/rpc/request/+");
            ws.send(new TwinCommand(2, twin, TwinCommandKind.ACTION, "reset", "null"));
            MqttPublishMessage request = d.next("v1/devices/me/rpc/request/");
            d.publish("v1/devices/me/rpc/response/" + request.topicName().substring("v1/devices/me/rpc/request/".length()), "{\"ok\": 1}");
            TwinReply reply = ws.await(TwinReply.class, r -> r.requestId() == 2, WAIT);
            assertThat(reply.ok()).as(reply.toString()).isTrue();
            assertThat(reply.json()).contains("\"ok\"");
        }
    }

    @Test
    void whatIfRunsRulesOnACopyAndTouchesNothingLive() {
        String twin = twin();
        assertThat(api.post("/api/rules", admin, new JsonObject().put("twin", twin).put("property", "temperature")
                .put("kind", "threshold").put("op", ">").put("value", 100)).status()).isEqualTo(201);
        assertThat(api.post("/api/twins/" + twin + "/telemetry", admin, new JsonObject().put("temperature", 20))
                .status()).isEqualTo(202);
        Res r = api.post("/api/twins/" + twin + "/what-if", admin, new JsonObject().put("steps", new JsonArray()
                .add(new JsonObject().put("at", 0).put("values", new JsonObject().put("temperature", 90)))
                .add(new JsonObject().put("at", "PT1M").put("values", new JsonObject().put("temperature", 120)))
                .add(new JsonObject().put("at", "PT2M").put("values", new JsonObject().put("temperature", 50)))));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonArray alerts = r.json().getJsonArray("alerts");
        assertThat(alerts).hasSize(2);
        assertThat(alerts.getJsonObject(0).getString("event")).isEqualTo("opened");
        assertThat(alerts.getJsonObject(0).getLong("offsetMs")).isEqualTo(60_000);
        assertThat(alerts.getJsonObject(1).getString("event")).isEqualTo("resolved");
        assertThat(r.json().getJsonObject("final").getInteger("temperature")).isEqualTo(50);
        // Live state and live alerts are untouched.
        assertThat(api.get("/api/twins/" + twin, admin).json().getJsonObject("reported").getInteger("temperature"))
                .isEqualTo(20);
        assertThat(api.get("/api/alerts?twin=" + twin, admin).items()).isEmpty();
        Res bad = api.post("/api/twins/" + twin + "/what-if", admin, new JsonObject().put("steps", new JsonArray()
                .add(new JsonObject().put("at", 0).put("values", new JsonObject().put("temperature", "hot")))));
        assertThat(bad.status()).isEqualTo(422);
    }

    @Test
    void replayPlaysHistoryIntoTheSpaceThenGoesBackToLive() throws Exception {
        String twin = twin();
        String space = api.post("/api/spaces", admin, new JsonObject().put("name", "Replay hall").put("template",
                "city").put("visibility", "public")).json().getString("id");
        assertThat(api.post("/api/spaces/" + space + "/bindings", admin, new JsonObject().put("object", "press")
                .put("twin", twin).put("property", "temperature").put("visual", new JsonObject().put("kind", "label")))
                .status()).isEqualTo(201);
        long base = System.currentTimeMillis() - 600_000;
        JsonArray samples = new JsonArray();
        for (int i = 0; i < 10; i++) {
            samples.add(new JsonObject().put("ts", base + i * 60_000L).put("values", new JsonObject().put("temperature", 10 + i)));
        }
        assertThat(api.post("/api/twins/" + twin + "/telemetry", admin, new JsonObject()).status()).isEqualTo(422);
        assertThat(api.send("POST", "/api/twins/" + twin + "/telemetry", admin, "application/json",
                samples.encode().getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(202);
        server.history().flush().get(10, TimeUnit.SECONDS);
        try (WsClient ws = WsClient.connect(server.baseUrl())) {
            ws.hello(admin);
            ws.await(Welcome.class);
            ws.join(UUID.fromString(space), 0);
            ws.await(Joined.class);
            ws.await(TwinUpdate.class, u -> u.twin().equals(twin), WAIT);
            // Ten minutes at 600x: about a second.
            Res started = api.post("/api/spaces/" + space + "/replay", admin, new JsonObject().put("from", base)
                    .put("to", base + 600_000).put("speed", 600));
            assertThat(started.status()).as(started.toString()).isEqualTo(202);
            assertThat(started.json().getInteger("points")).isEqualTo(10);
            TwinUpdate replayed = ws.await(TwinUpdate.class, u -> u.twin().equals(twin) && u.json().contains("\"replay\":{"),
                    WAIT);
            assertThat(new JsonObject(replayed.json()).getJsonObject("metadata").getJsonObject("temperature")
                    .getString("source")).isEqualTo("replay");
            // When it ends the space gets the live state back.
            TwinUpdate live = ws.await(TwinUpdate.class, u -> u.twin().equals(twin) && u.json().contains("\"replay\":null"),
                    WAIT);
            assertThat(new JsonObject(live.json()).getJsonObject("reported").getInteger("temperature")).isEqualTo(19);
        }
        Res tooFast = api.post("/api/spaces/" + space + "/replay", admin, new JsonObject().put("from", base)
                .put("speed", 1e9));
        assertThat(tooFast.status()).isEqualTo(422);
    }
}
