package org.pujiang.server.twin;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
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
 * Twins over real sockets, once per database: models, twins, credentials, HTTP ingestion with every kind of bad
 * input (checking nothing changed after each refusal), history, desired state, queries, links, bindings, and a
 * bound twin's change reaching a client in the space.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TwinContract {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final Duration WAIT = Duration.ofSeconds(5);
    static final String PRESS_MODEL = """
            {"@context": "https://www.w3.org/2022/wot/td/v1.1", "@type": "tm:ThingModel",
             "id": "urn:test:press:%s", "title": "Press",
             "properties": {
               "temperature": {"type": "number", "minimum": -40, "maximum": 400, "unit": "°C", "readOnly": true},
               "pressure": {"type": "number", "minimum": 0, "maximum": 250, "readOnly": true},
               "state": {"type": "string", "enum": ["idle", "running", "fault"], "readOnly": true},
               "targetPressure": {"type": "number", "minimum": 0, "maximum": 250}
             },
             "actions": {"reset": {}}}
            """;

    TestDatabase db;
    PujiangServer server;
    ApiClient api;
    String admin;

    abstract TestDatabase.Kind kind();

    @BeforeAll
    void start(@TempDir Path temp) {
        db = TestDatabase.create(kind(), temp);
        // A small per-device budget, so that a flood is quick to provoke over HTTP.
        server = TestServers.start(db, temp.resolve("data"), Map.of("twin.device-rate", "5", "twin.device-burst", "20"));
        api = new ApiClient(server.baseUrl());
        admin = api.login("admin", TestServers.ADMIN_PASSWORD);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        if (db != null) {
            db.close();
        }
    }

    String model() {
        String id = "urn:test:press:" + SEQ.incrementAndGet();
        Res r = api.send("POST", "/api/models", admin, "application/json",
                PRESS_MODEL.formatted(SEQ.get()).getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().getString("id")).isEqualTo(id);
        return id;
    }

    String twin(String model) {
        String id = "press-" + SEQ.incrementAndGet();
        Res r = api.post("/api/twins", admin, new JsonObject().put("id", id).put("model", model).put("name", "Press " + id)
                .put("attributes", new JsonObject().put("serial", "P-" + id))
                .put("location", new JsonObject().put("lat", 31.2304).put("lon", 121.4737)));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return id;
    }

    Res telemetry(String twin, String token, String body) {
        return api.send("POST", "/api/twins/" + twin + "/telemetry", token, "application/json",
                body.getBytes(StandardCharsets.UTF_8));
    }

    String credential(String twin) {
        Res r = api.post("/api/twins/" + twin + "/credentials", admin, new JsonObject());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().getString("token");
    }

    @Test
    void createReadAndIngestWithADeviceToken() {
        String twin = twin(model());
        Res got = api.get("/api/twins/" + twin, admin);
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.json().getString("model")).startsWith("urn:test:press:");
        assertThat(got.json().getJsonObject("reported")).isEmpty();
        assertThat(got.json().getJsonObject("attributes").getString("serial")).isEqualTo("P-" + twin);

        String token = credential(twin);
        Res ok = telemetry(twin, token, "{\"temperature\": 71.5, \"state\": \"running\"}");
        assertThat(ok.status()).as(ok.toString()).isEqualTo(202);
        assertThat(ok.json().getInteger("accepted")).isEqualTo(2);

        JsonObject after = api.get("/api/twins/" + twin, admin).json();
        assertThat(after.getJsonObject("reported").getDouble("temperature")).isEqualTo(71.5);
        assertThat(after.getJsonObject("reported").getString("state")).isEqualTo("running");
        JsonObject meta = after.getJsonObject("metadata").getJsonObject("temperature");
        assertThat(meta.getString("source")).isEqualTo("http");
        assertThat(meta.getLong("ts")).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(60_000L));
    }

    @Test
    void badPayloadsAreRejectedWithAReasonAndChangeNothing() {
        String twin = twin(model());
        String token = credential(twin);
        assertThat(telemetry(twin, token, "{\"temperature\": 20}").status()).isEqualTo(202);

        Res wrongType = telemetry(twin, token, "{\"temperature\": \"hot\"}");
        assertThat(wrongType.status()).isEqualTo(422);
        assertThat(wrongType.error()).isEqualTo("twin:payload.invalid");
        assertThat(wrongType.json().getString("field")).isEqualTo("/temperature");

        Res outOfRange = telemetry(twin, token, "{\"pressure\": 999, \"temperature\": 30}");
        assertThat(outOfRange.status()).isEqualTo(422);
        assertThat(outOfRange.error()).isEqualTo("twin:payload.invalid");
        assertThat(outOfRange.json().getString("message")).contains("250");

        Res unknownProperty = telemetry(twin, token, "{\"humidity\": 40}");
        assertThat(unknownProperty.status()).isEqualTo(422);

        Res notJson = telemetry(twin, token, "{\"temperature\": ");
        assertThat(notJson.status()).isEqualTo(422);
        assertThat(notJson.error()).isEqualTo("twin:payload.malformed");

        long future = System.currentTimeMillis() + Duration.ofHours(2).toMillis();
        Res skewed = telemetry(twin, token, "{\"ts\": " + future + ", \"values\": {\"temperature\": 30}}");
        assertThat(skewed.status()).isEqualTo(422);
        assertThat(skewed.error()).isEqualTo("twin:payload.clock-skew");

        // A batch with one bad sample is refused whole.
        Res batch = telemetry(twin, token, "[{\"temperature\": 31}, {\"temperature\": 1000}]");
        assertThat(batch.status()).isEqualTo(422);
        assertThat(batch.json().getString("field")).isEqualTo("/1/temperature");

        JsonObject state = api.get("/api/twins/" + twin, admin).json();
        assertThat(state.getJsonObject("reported").getInteger("temperature")).isEqualTo(20);
        assertThat(state.getJsonObject("reported").containsKey("pressure")).isFalse();
    }

    @Test
    void unknownTwinsAndWrongCredentialsAreRefused() {
        String twin = twin(model());
        String other = twin(model());
        String token = credential(twin);
        Res unknown = telemetry("no-such-twin", admin, "{\"temperature\": 1}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).isEqualTo("twin:not-found");

        Res wrongToken = telemetry(twin, "not-a-token", "{\"temperature\": 1}");
        assertThat(wrongToken.status()).isEqualTo(401);

        Res otherTwin = telemetry(other, token, "{\"temperature\": 1}");
        assertThat(otherTwin.status()).isEqualTo(403);
        assertThat(otherTwin.error()).isEqualTo("twin:not-authorised");

        Res none = telemetry(twin, null, "{\"temperature\": 1}");
        assertThat(none.status()).isEqualTo(401);

        // Revoked credentials stop working at once.
        assertThat(api.delete("/api/twins/" + twin + "/credentials", admin).status()).isEqualTo(204);
        assertThat(telemetry(twin, token, "{\"temperature\": 1}").status()).isEqualTo(401);
        assertThat(api.get("/api/twins/" + twin, admin).json().getJsonObject("reported")).isEmpty();
    }

    @Test
    void aFloodFromOneDeviceIsRateLimitedWhileAnotherIsServed() {
        String flooded = twin(model());
        String quiet = twin(model());
        String floodToken = credential(flooded);
        String quietToken = credential(quiet);
        int limited = 0;
        int accepted = 0;
        for (int i = 0; i < 60; i++) {
            Res r = telemetry(flooded, floodToken, "{\"temperature\": " + (i % 100) + "}");
            if (r.status() == 429) {
                limited++;
                assertThat(r.error()).isEqualTo("twin:rate-limited");
                assertThat(r.header("Retry-After")).isNotNull();
            } else {
                assertThat(r.status()).isEqualTo(202);
                accepted++;
            }
        }
        assertThat(limited).as("burst 20 then 5/s").isGreaterThan(0);
        assertThat(accepted).isGreaterThanOrEqualTo(20);
        // Nothing of the refused messages got in.
        assertThat(api.get("/api/twins/" + flooded, admin).json().getLong("version")).isEqualTo(accepted);
        assertThat(telemetry(quiet, quietToken, "{\"temperature\": 5}").status()).isEqualTo(202);
    }

    @Test
    void historyIsStoredAndDownsampled() throws Exception {
        String twin = twin(model());
        String token = credential(twin);
        long base = System.currentTimeMillis() - 60_000;
        JsonArray samples = new JsonArray();
        for (int i = 0; i < 60; i++) {
            samples.add(new JsonObject().put("ts", base + i * 1000L).put("values", new JsonObject().put("temperature", i)));
        }
        assertThat(telemetry(twin, token, samples.encode()).status()).isEqualTo(202);
        server.history().flush().get(10, java.util.concurrent.TimeUnit.SECONDS);
        Res h = api.get("/api/twins/" + twin + "/history?property=temperature&from=" + base + "&to="
                + Instant.ofEpochMilli(base + 60_000) + "&buckets=6", admin);
        assertThat(h.status()).as(h.toString()).isEqualTo(200);
        JsonArray points = h.json().getJsonArray("points");
        assertThat(points).hasSize(6);
        JsonObject first = points.getJsonObject(0);
        assertThat(first.getLong("count")).isEqualTo(10);
        assertThat(first.getDouble("min")).isEqualTo(0.0);
        assertThat(first.getDouble("max")).isEqualTo(9.0);
        assertThat(first.getDouble("avg")).isEqualTo(4.5);
        // Out-of-order samples go to history without rolling the state back.
        assertThat(api.get("/api/twins/" + twin, admin).json().getJsonObject("reported").getInteger("temperature"))
                .isEqualTo(59);

        Res bad = api.get("/api/twins/" + twin + "/history?property=temperature&from=yesterday", admin);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error()).isEqualTo("request:query.invalid");
    }

    @Test
    void aBurstWithoutTimestampsKeepsEveryValueInHistory() throws Exception {
        String twin = twin(model());
        long from = System.currentTimeMillis() - 1000;
        java.util.List<java.util.concurrent.CompletableFuture<?>> sent = new java.util.ArrayList<>();
        for (int i = 0; i < 15; i++) {
            // Straight into the ingress, without waiting: the partition takes them in one drain, in one millisecond.
            sent.add(server.twins().ingest(new org.pujiang.server.twin.ingress.IngestRequest(twin,
                    org.pujiang.server.twin.ingress.IngestKind.TELEMETRY,
                    ("{\"temperature\": " + i + "}").getBytes(StandardCharsets.UTF_8), "test")).toCompletableFuture());
        }
        for (var f : sent) {
            assertThat(f.get(5, java.util.concurrent.TimeUnit.SECONDS))
                    .isInstanceOf(org.pujiang.server.twin.ingress.IngestResult.Accepted.class);
        }
        server.history().flush().get(10, java.util.concurrent.TimeUnit.SECONDS);
        JsonObject bucket = api.get("/api/twins/" + twin + "/history?property=temperature&from=" + from
                + "&to=" + (System.currentTimeMillis() + 60_000) + "&buckets=1", admin).json().getJsonArray("points")
                .getJsonObject(0);
        assertThat(bucket.getLong("count")).isEqualTo(15);
        assertThat(api.get("/api/twins/" + twin, admin).json().getJsonObject("reported").getInteger("temperature"))
                .as("the last one sent is the current value").isEqualTo(14);
    }

    @Test
    void retentionIsSetPerModel() throws Exception {
        String shortModel = model();
        String longModel = model();
        String brief = twin(shortModel);
        String kept = twin(longModel);
        long tenDaysAgo = System.currentTimeMillis() - Duration.ofDays(10).toMillis();
        String old = "[{\"ts\": " + tenDaysAgo + ", \"values\": {\"temperature\": 1}}, {\"temperature\": 2}]";
        assertThat(telemetry(brief, admin, old).status()).isEqualTo(202);
        assertThat(telemetry(kept, admin, old).status()).isEqualTo(202);
        server.history().flush().get(10, java.util.concurrent.TimeUnit.SECONDS);
        Res patch = api.patch("/api/models/" + enc(shortModel), admin, new JsonObject().put("retentionDays", 5));
        assertThat(patch.status()).as(patch.toString()).isEqualTo(200);
        assertThat(patch.json().getInteger("retentionDays")).isEqualTo(5);
        assertThat(api.patch("/api/models/" + enc(shortModel), admin, new JsonObject().put("retentionDays", 0)).status())
                .isEqualTo(422);

        server.twins().applyRetention(Duration.ofDays(365), Map.of(shortModel, 5));

        String range = "/history?property=temperature&from=" + (tenDaysAgo - 1000) + "&buckets=1";
        assertThat(api.get("/api/twins/" + brief + range, admin).json().getJsonArray("points").getJsonObject(0)
                .getLong("count")).as("the old point is gone, the new one stays").isEqualTo(1);
        assertThat(api.get("/api/twins/" + kept + range, admin).json().getJsonArray("points").getJsonObject(0)
                .getLong("count")).isEqualTo(2);
    }

    @Test
    void desiredStateIsValidatedAndKeptWithMetadata() {
        String twin = twin(model());
        Res set = api.patch("/api/twins/" + twin + "/desired", admin, new JsonObject().put("targetPressure", 120));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(set.json().getJsonObject("delta").getInteger("targetPressure")).isEqualTo(120);
        Res readOnly = api.patch("/api/twins/" + twin + "/desired", admin, new JsonObject().put("temperature", 10));
        assertThat(readOnly.status()).isEqualTo(422);
        Res outOfRange = api.patch("/api/twins/" + twin + "/desired", admin, new JsonObject().put("targetPressure", 900));
        assertThat(outOfRange.status()).isEqualTo(422);
        JsonObject t = api.get("/api/twins/" + twin, admin).json();
        assertThat(t.getJsonObject("desired").getInteger("targetPressure")).isEqualTo(120);
        assertThat(t.getJsonObject("desiredMetadata").getJsonObject("targetPressure").getString("source"))
                .startsWith("user:");
        // No device connected: a command says so rather than waiting.
        Res offline = api.post("/api/twins/" + twin + "/actions/reset", admin, new JsonObject());
        assertThat(offline.status()).isEqualTo(409);
        assertThat(offline.error()).isEqualTo("twin:device-offline");
    }

    @Test
    void accessControlHidesAndGuardsTwins() {
        String twin = twin(model());
        String member = api.member(unique("m"));
        assertThat(api.get("/api/twins/" + twin, member).status()).isEqualTo(404);
        assertThat(api.patch("/api/twins/" + twin, admin, new JsonObject().put("acl",
                new JsonObject().put("read", new JsonArray().add("registered")))).status()).isEqualTo(200);
        assertThat(api.get("/api/twins/" + twin, member).status()).isEqualTo(200);
        Res write = api.patch("/api/twins/" + twin + "/desired", member, new JsonObject().put("targetPressure", 1));
        assertThat(write.status()).isEqualTo(403);
        Res post = telemetry(twin, member, "{\"temperature\": 5}");
        assertThat(post.status()).isEqualTo(403);
        String guest = api.guest();
        assertThat(api.get("/api/twins/" + twin, guest).status()).isEqualTo(404);
        Res guestCreate = api.post("/api/twins", guest, new JsonObject().put("model", "x"));
        assertThat(guestCreate.status()).isEqualTo(403);
    }

    @Test
    void queriesByModelPropertyLinkAndDistance() {
        String model = model();
        String a = twin(model);
        String b = twin(model);
        assertThat(telemetry(a, admin, "{\"temperature\": 95}").status()).isEqualTo(202);
        assertThat(telemetry(b, admin, "{\"temperature\": 40}").status()).isEqualTo(202);
        Res byModel = api.get("/api/twins?model=" + enc(model), admin);
        assertThat(byModel.items()).hasSize(2);
        Res hot = api.get("/api/twins?model=" + enc(model) + "&property=temperature&op=gt&value=90", admin);
        assertThat(hot.items()).hasSize(1);
        assertThat(hot.items().getJsonObject(0).getString("id")).isEqualTo(a);
        assertThat(api.post("/api/twins/" + a + "/links", admin, new JsonObject().put("name", "feeds").put("target", b))
                .status()).isEqualTo(201);
        Res linked = api.get("/api/twins?linkedTo=" + a, admin);
        assertThat(linked.items()).extracting(o -> ((JsonObject) o).getString("id")).containsExactly(b);
        Res near = api.get("/api/twins?model=" + enc(model) + "&near=31.2310,121.4740&radius=500", admin);
        assertThat(near.items()).hasSize(2);
        Res far = api.get("/api/twins?model=" + enc(model) + "&near=39.9042,116.4074&radius=5000", admin);
        assertThat(far.items()).isEmpty();
        assertThat(api.get("/api/twins?op=gt", admin).status()).isEqualTo(400);
        assertThat(api.get("/api/twins?property=temperature&op=gt", admin).status()).as("gt without a value").isEqualTo(400);
        assertThat(api.get("/api/twins?radius=100", admin).status()).as("radius without near").isEqualTo(400);
        assertThat(api.get("/api/twins?near=91,0", admin).status()).as("latitude out of range").isEqualTo(400);
    }

    @Test
    void aBoundTwinsChangesReachTheSpaceAndCommandsComeBack() {
        String twin = twin(model());
        Res space = api.post("/api/spaces", admin, new JsonObject().put("name", "Twin hall " + SEQ.incrementAndGet())
                .put("template", "factory").put("visibility", "public"));
        assertThat(space.status()).isEqualTo(201);
        String spaceId = space.json().getString("id");
        Res bind = api.post("/api/spaces/" + spaceId + "/bindings", admin, new JsonObject().put("object", "press-1")
                .put("twin", twin).put("property", "temperature").put("visual", new JsonObject().put("kind", "gauge")
                        .put("min", 0).put("max", 120)));
        assertThat(bind.status()).as(bind.toString()).isEqualTo(201);
        Res badVisual = api.post("/api/spaces/" + spaceId + "/bindings", admin, new JsonObject().put("object", "press-1")
                .put("twin", twin).put("property", "temperature").put("visual", new JsonObject().put("kind", "sparkle")));
        assertThat(badVisual.status()).isEqualTo(422);
        assertThat(api.get("/api/spaces/" + spaceId + "/bindings", admin).items()).hasSize(1);
        assertThat(telemetry(twin, admin, "{\"temperature\": 50}").status()).isEqualTo(202);

        try (WsClient ws = WsClient.connect(server.baseUrl())) {
            ws.hello(admin);
            ws.await(Welcome.class);
            ws.join(UUID.fromString(spaceId), 0);
            ws.await(Joined.class);
            TwinUpdate first = ws.await(TwinUpdate.class, u -> u.twin().equals(twin), WAIT);
            assertThat(new JsonObject(first.json()).getJsonObject("reported").getInteger("temperature")).isEqualTo(50);

            assertThat(telemetry(twin, admin, "{\"temperature\": 77.5}").status()).isEqualTo(202);
            TwinUpdate live = ws.await(TwinUpdate.class, u -> u.twin().equals(twin) && u.json().contains("77.5"), WAIT);
            assertThat(new JsonObject(live.json()).getJsonObject("metadata").getJsonObject("temperature")
                    .getString("source")).isEqualTo("http");

            ws.send(new TwinCommand(7, twin, TwinCommandKind.DESIRED, "targetPressure", "130"));
            TwinReply reply = ws.await(TwinReply.class, r -> r.requestId() == 7, WAIT);
            assertThat(reply.ok()).as(reply.toString()).isTrue();
            assertThat(api.get("/api/twins/" + twin, admin).json().getJsonObject("desired").getInteger("targetPressure"))
                    .isEqualTo(130);
            ws.send(new TwinCommand(8, twin, TwinCommandKind.DESIRED, "targetPressure", "9000"));
            TwinReply refused = ws.await(TwinReply.class, r -> r.requestId() == 8, WAIT);
            assertThat(refused.ok()).isFalse();
            assertThat(refused.code()).isEqualTo("twin:payload.invalid");
            ws.send(new TwinCommand(9, "not-bound-here", TwinCommandKind.ACTION, "reset", "null"));
            assertThat(ws.await(TwinReply.class, r -> r.requestId() == 9, WAIT).code()).isEqualTo("twin:not-bound");
        }
    }

    @Test
    void modelsInUseCannotBeDeletedAndDtdlIsAcceptedByContentType() {
        String model = model();
        twin(model);
        Res del = api.delete("/api/models/" + enc(model), admin);
        assertThat(del.status()).isEqualTo(409);
        assertThat(del.error()).isEqualTo("twin:model.in-use");
        String dtdl = """
                {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:test:meter;%d", "@type": "Interface",
                 "contents": [{"@type": "Telemetry", "name": "power", "schema": "double"}]}
                """.formatted(SEQ.incrementAndGet());
        Res created = api.send("POST", "/api/models", admin, "application/ld+json; profile=dtdl",
                dtdl.getBytes(StandardCharsets.UTF_8));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().getString("sourceFormat")).isEqualTo("dtdl");
    }

    @Test
    void theDemoTwinsAreSeededOnFirstStart() {
        Res presses = api.get("/api/twins?model=" + enc("urn:pujiang:model:demo:press"), admin);
        assertThat(presses.items()).isNotEmpty();
        Res spaces = api.get("/api/spaces?size=100", admin);
        var factory = spaces.items().stream().map(o -> (JsonObject) o)
                .filter(o -> o.getString("template").equals("factory")).findFirst().orElseThrow();
        assertThat(api.get("/api/spaces/" + factory.getString("id") + "/bindings", admin).items()).isNotEmpty();
        Res rules = api.get("/api/rules?model=" + enc("urn:pujiang:model:demo:press"), admin);
        assertThat(rules.status()).isEqualTo(200);
        assertThat(rules.items()).as("the demo's rules were created").isNotEmpty();
        // Everyone signed in may look at the demo twins.
        assertThat(api.get("/api/twins/" + presses.items().getJsonObject(0).getString("id"), api.guest()).status())
                .isEqualTo(200);
    }

    @Test
    void aRuleOpensAnAlertThatReachesTheSpaceAndResolvesWhenTheValueComesBack() {
        String model = model();
        String twin = twin(model);
        Res rule = api.post("/api/rules", admin, new JsonObject().put("model", model).put("property", "temperature")
                .put("kind", "threshold").put("op", ">").put("value", 90).put("severity", "critical")
                .put("message", "too hot"));
        assertThat(rule.status()).as(rule.toString()).isEqualTo(201);
        Res space = api.post("/api/spaces", admin, new JsonObject().put("name", "Alert hall " + SEQ.incrementAndGet())
                .put("template", "factory").put("visibility", "public"));
        String spaceId = space.json().getString("id");
        assertThat(api.post("/api/spaces/" + spaceId + "/bindings", admin, new JsonObject().put("object", "press")
                .put("twin", twin).put("property", "temperature").put("visual", new JsonObject().put("kind", "label")))
                .status()).isEqualTo(201);
        try (WsClient ws = WsClient.connect(server.baseUrl())) {
            ws.hello(admin);
            ws.await(Welcome.class);
            ws.join(UUID.fromString(spaceId), 0);
            ws.await(Joined.class);
            assertThat(telemetry(twin, admin, "{\"temperature\": 95}").status()).isEqualTo(202);
            TwinUpdate opened = ws.await(TwinUpdate.class, u -> u.twin().equals(twin) && u.json().contains("\"open\""),
                    WAIT);
            JsonObject alert = new JsonObject(opened.json()).getJsonArray("alerts").getJsonObject(0);
            assertThat(alert.getString("severity")).isEqualTo("critical");
            assertThat(alert.getString("message")).isEqualTo("too hot");

            Res open = api.get("/api/alerts?twin=" + twin + "&state=open", admin);
            assertThat(open.items()).hasSize(1);
            String alertId = open.items().getJsonObject(0).getString("id");

            assertThat(telemetry(twin, admin, "{\"temperature\": 40}").status()).isEqualTo(202);
            ws.await(TwinUpdate.class, u -> u.twin().equals(twin) && u.json().contains("\"resolved\""), WAIT);
            JsonObject resolved = api.get("/api/alerts/" + alertId, admin).json();
            assertThat(resolved.getString("state")).isEqualTo("resolved");
            assertThat(resolved.getJsonArray("events")).hasSize(2);
        }
    }

    static String unique(String prefix) {
        return prefix + SEQ.incrementAndGet() + "x" + Long.toString(System.nanoTime() % 100000, 36);
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
