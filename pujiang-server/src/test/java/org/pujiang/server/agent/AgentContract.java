package org.pujiang.server.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.pujiang.agent.kb.KbCsv;
import org.pujiang.agent.kb.KbJson;
import org.pujiang.agent.kb.KnowledgeBase;
import org.pujiang.server.PujiangServer;
import org.pujiang.server.auth.UserId;
import org.pujiang.server.config.ServerConfig;
import org.pujiang.server.error.ApiException;
import org.pujiang.server.error.ErrorCode;
import org.pujiang.server.space.SpaceService;
import org.pujiang.server.storage.AgentRepository;
import org.pujiang.server.testing.ApiClient;
import org.pujiang.server.testing.ApiClient.Res;
import org.pujiang.server.testing.TestDatabase;
import org.pujiang.server.testing.TestServers;
import org.pujiang.space.SpaceId;

/**
 * Agents over real sockets and their storage, once per database: creating and managing agents with the space's
 * access rules, knowledge bases imported as JSON and CSV (and every kind of bad file refused with where and why),
 * versions, export and rollback, questions answered with the cited entry or handed off, handoffs listed and
 * resolved, the space's quick-button view, change events, and the repository's own guarantees.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AgentContract {
    private static final AtomicInteger SEQ = new AtomicInteger();
    static final int KB_MAX = 200_000;

    /** A small bilingual knowledge base with a welcome line, hot questions and a handoff entry. */
    static final String KB = """
            {"entries": [
              {"id": "hours", "questions": ["大厅几点开门？", "政务服务大厅的开放时间", "When does the hall open?",
                                            "What are the opening hours?"],
               "answer": {"zh-CN": "自助服务区24小时开放。", "en": "The self-service area is open 24 hours."},
               "tags": ["hours"], "gesture": "explain", "link": "https://example.org/hours"},
              {"id": "id-lost", "questions": ["身份证丢了怎么办？", "I lost my ID card"],
               "answer": {"zh-CN": "请先挂失，再补办。", "en": "Report it lost, then apply for a new one."},
               "tags": ["id-card"]},
              {"id": "staff", "questions": ["我要找人工服务", "Can I talk to a person?"],
               "answer": {"zh-CN": "好的，我来通知工作人员。", "en": "Sure, I will call a member of staff."},
               "tags": ["handoff"], "gesture": "nod"},
              {"id": "tour", "questions": ["开始导览", "Start the tour"], "answer": "好的，请跟我来！",
               "tags": ["action:tour"]}
            ],
            "synonyms": [["身份证", "居民身份证", "ID card"]],
            "welcome": {"zh-CN": "您好，欢迎！", "en": "Hello, welcome!"},
            "hotQuestions": ["hours", "id-lost"]}""";

    TestDatabase db;
    PujiangServer server;
    ApiClient api;
    String admin;
    String owner;
    String ownerId;
    String other;
    String guest;
    String space;
    String privateSpace;
    final List<AgentChange> changes = new CopyOnWriteArrayList<>();

    abstract TestDatabase.Kind kind();

    @BeforeAll
    void start(@TempDir Path temp) {
        db = TestDatabase.create(kind(), temp);
        server = TestServers.start(db, temp.resolve("data"), Map.of("demo.enabled", "false",
                "agents.kb-max-bytes", Integer.toString(KB_MAX), "agents.confidence-threshold", "0.5"));
        server.agents().onChange(changes::add);
        api = new ApiClient(server.baseUrl());
        admin = api.login("admin", TestServers.ADMIN_PASSWORD);
        owner = api.member("owner" + kind().name().toLowerCase());
        ownerId = api.get("/api/me", owner).json().getString("id");
        other = api.member("other" + kind().name().toLowerCase());
        guest = api.guest();
        space = newSpace(owner, "public");
        privateSpace = newSpace(owner, "private");
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

    String newSpace(String token, String visibility) {
        Res r = api.post("/api/spaces", token, new JsonObject().put("name", "政务大厅 " + SEQ.incrementAndGet())
                .put("template", "service-hall").put("visibility", visibility));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().getString("id");
    }

    String newAgent(String spaceId) {
        Res r = api.post("/api/agents", owner, new JsonObject().put("spaceId", spaceId).put("name", "浦小政"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().getString("id");
    }

    Res putKb(String agent, String token, String contentType, byte[] body) {
        return api.send("PUT", "/api/agents/" + agent + "/kb", token, contentType, body);
    }

    Res putKb(String agent, String contentType, String body) {
        return putKb(agent, owner, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    Res ask(String agent, String token, String text, String lang) {
        JsonObject b = new JsonObject().put("text", text);
        if (lang != null) {
            b.put("lang", lang);
        }
        return api.post("/api/agents/" + agent + "/ask", token, b);
    }

    // ---------------------------------------------------------------- agents

    @Test
    void createGetListUpdateAndDeleteFollowTheSpacesRules() {
        Res created = api.post("/api/agents", owner, new JsonObject().put("spaceId", space).put("name", " 浦小政 ")
                .put("persona", new JsonObject().put("name", new JsonObject().put("zh-CN", "浦小政").put("en", "Pu"))
                        .put("appearance", new JsonObject().put("uniform", "#1f4e9a"))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonObject a = created.json();
        String id = a.getString("id");
        assertThat(id).matches("ag_[0-9a-f]{32}");
        assertThat(a.getString("userId")).isEqualTo(id);
        assertThat(a.getString("name")).isEqualTo("浦小政");
        assertThat(a.getString("spaceId")).isEqualTo(space);
        assertThat(a.getJsonArray("languages")).isEqualTo(new JsonArray().add("zh-CN").add("en"));
        assertThat(a.getInteger("kbVersion")).isZero();
        assertThat(a.getJsonObject("persona").getJsonObject("appearance").getString("uniform")).isEqualTo("#1f4e9a");
        assertThat(a.getString("createdBy")).isEqualTo(ownerId);

        // Anyone who may enter the space sees it; only its managers change it.
        assertThat(api.get("/api/agents/" + id, guest).json()).isEqualTo(a);
        assertThat(api.get("/api/agents/" + id, other).status()).isEqualTo(200);
        Res forbidden = api.patch("/api/agents/" + id, other, new JsonObject().put("name", "x"));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.error()).isEqualTo("auth:forbidden");
        assertThat(api.post("/api/agents", other, new JsonObject().put("spaceId", space).put("name", "x")).status())
                .isEqualTo(403);
        assertThat(api.delete("/api/agents/" + id, guest).status()).isEqualTo(403);

        Res listed = api.get("/api/agents?spaceId=" + space + "&size=100", guest);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.items().stream().map(o -> ((JsonObject) o).getString("id"))).contains(id);

        Res patched = api.patch("/api/agents/" + id, owner, new JsonObject().put("name", "小政")
                .put("languages", new JsonArray().add("en").add("zh-CN")));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().getString("name")).isEqualTo("小政");
        assertThat(patched.json().getJsonArray("languages").getString(0)).isEqualTo("en");
        assertThat(patched.json().getJsonObject("persona")).isEqualTo(a.getJsonObject("persona"));
        assertThat(api.patch("/api/agents/" + id, owner, new JsonObject().put("kbVersion", 3)).error())
                .isEqualTo("request:field.invalid");

        // An operator (the admin) moves it to another space.
        String second = newSpace(owner, "public");
        Res moved = api.patch("/api/agents/" + id, admin, new JsonObject().put("spaceId", second));
        assertThat(moved.json().getString("spaceId")).isEqualTo(second);

        assertThat(api.delete("/api/agents/" + id, owner).status()).isEqualTo(204);
        assertThat(api.get("/api/agents/" + id, owner).error()).isEqualTo("agent:not-found");
        assertThat(api.delete("/api/agents/" + id, owner).status()).isEqualTo(404);

        List<String> kinds = changes.stream().filter(c -> c.agent().id().value().equals(id))
                .map(c -> c.getClass().getSimpleName()).toList();
        assertThat(kinds).containsExactly("Created", "Updated", "Updated", "Deleted");
        AgentChange.Updated move = (AgentChange.Updated) changes.stream()
                .filter(c -> c.agent().id().value().equals(id) && c instanceof AgentChange.Updated).toList().get(1);
        assertThat(move.before().space().toString()).isEqualTo(space);
        assertThat(move.agent().space().toString()).isEqualTo(second);
    }

    @Test
    void agentsOfPrivateSpacesAreUnknownToOutsiders() {
        Res created = api.post("/api/agents", owner, new JsonObject().put("spaceId", privateSpace).put("name", "内部"));
        String id = created.json().getString("id");
        for (String token : List.of(other, guest)) {
            assertThat(api.get("/api/agents/" + id, token).error()).isEqualTo("agent:not-found");
            assertThat(ask(id, token, "你好", null).error()).isEqualTo("agent:not-found");
            assertThat(api.get("/api/agents?spaceId=" + privateSpace, token).error()).isEqualTo("space:not-found");
            assertThat(api.get("/api/spaces/" + privateSpace + "/agents", token).error()).isEqualTo("space:not-found");
        }
        assertThat(api.get("/api/agents/" + id, admin).status()).isEqualTo(200);
        // Without spaceId: the agents of the caller's own spaces (every agent for operators and admins).
        assertThat(api.get("/api/agents?size=100", other).json().getLong("total")).isZero();
        assertThat(api.get("/api/agents?size=100", owner).items().stream()
                .map(o -> ((JsonObject) o).getString("id"))).contains(id);
        assertThat(api.get("/api/agents?size=100", admin).items().stream()
                .map(o -> ((JsonObject) o).getString("id"))).contains(id);
        assertThat(api.get("/api/agents/ag_nosuchagent", owner).error()).isEqualTo("agent:not-found");
        assertThat(api.get("/api/agents/not-an-id", owner).error()).isEqualTo("agent:not-found");
    }

    @Test
    void badAgentsAreRefusedWithTheField() {
        record Case(JsonObject body, int status, String code, String field) {}
        JsonObject ok = new JsonObject().put("spaceId", space).put("name", "x");
        List<Case> cases = List.of(
                new Case(new JsonObject().put("name", "x"), 422, "request:field.missing", "spaceId"),
                new Case(ok.copy().put("spaceId", "nope"), 422, "request:field.invalid", "spaceId"),
                new Case(ok.copy().put("spaceId", UUID.randomUUID().toString()), 404, "space:not-found", null),
                new Case(ok.copy().put("name", " "), 422, "request:field.invalid", "name"),
                new Case(ok.copy().put("name", "长".repeat(65)), 422, "request:field.invalid", "name"),
                new Case(ok.copy().put("languages", new JsonArray()), 422, "request:field.invalid", "languages"),
                new Case(ok.copy().put("languages", new JsonArray().add("zh-CN").add("zh-CN")), 422,
                        "request:field.invalid", "languages"),
                new Case(ok.copy().put("languages", new JsonArray().add("中文")), 422, "request:field.invalid",
                        "languages"),
                new Case(ok.copy().put("persona", "x"), 422, "request:field.invalid", "persona"),
                new Case(ok.copy().put("persona", new JsonObject().put("name", 3)), 422, "request:field.invalid",
                        "persona"),
                new Case(ok.copy().put("persona", new JsonObject().put("greeting", new JsonObject().put("en", 1))), 422,
                        "request:field.invalid", "persona"),
                new Case(ok.copy().put("persona", new JsonObject().put("tour", "x")), 422, "request:field.invalid",
                        "persona"),
                new Case(ok.copy().put("persona", new JsonObject().put("notes", "x".repeat(AgentService.PERSONA_MAX_BYTES))),
                        422, "request:field.invalid", "persona"));
        for (Case c : cases) {
            Res r = api.post("/api/agents", owner, c.body());
            assertThat(r.status()).as(c.body().encode().substring(0, Math.min(200, c.body().encode().length())) + " -> "
                    + r).isEqualTo(c.status());
            assertThat(r.error()).as(r.toString()).isEqualTo(c.code());
            assertThat(r.json().getString("field")).as(r.toString()).isEqualTo(c.field());
        }
        assertThat(api.send("POST", "/api/agents", owner, "text/plain", "x".getBytes()).error())
                .isEqualTo("request:media-type.unsupported");
    }

    @Test
    void aSpaceHoldsAtMostSixteenAgents() {
        String s = newSpace(owner, "unlisted");
        for (int i = 0; i < AgentService.AGENTS_PER_SPACE_MAX; i++) {
            newAgent(s);
        }
        Res r = api.post("/api/agents", owner, new JsonObject().put("spaceId", s).put("name", "one too many"));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.error()).isEqualTo("agent:space.full");
    }

    // ---------------------------------------------------------------- knowledge bases

    @Test
    void knowledgeBasesImportAsVersionsExportAndRollBack() throws Exception {
        String id = newAgent(space);
        Res v1 = putKb(id, "application/json", KB);
        assertThat(v1.status()).as(v1.toString()).isEqualTo(200);
        assertThat(v1.json().getInteger("version")).isEqualTo(1);
        assertThat(v1.json().getInteger("entries")).isEqualTo(4);
        assertThat(v1.json().getString("source")).isEqualTo("json");

        // Export gives the canonical JSON, which parses to the same knowledge base.
        Res json = api.get("/api/agents/" + id + "/kb", owner);
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.header("Content-Type")).startsWith("application/json");
        assertThat(json.body()).isEqualTo(KbJson.write(KbJson.parse(KB)));
        Res csv = api.get("/api/agents/" + id + "/kb?format=csv", owner);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.body()).startsWith("\uFEFFid,questions,answer_zh,answer_en,tags,gesture,link\r\n");
        assertThat(KbCsv.parse(csv.body()).entries()).isEqualTo(KbJson.parse(KB).entries());

        // A CSV import (an edited export) keeps the welcome line, synonyms and the hot questions still there.
        String edited = csv.body().replace("请先挂失，再补办。", "请先挂失。").replaceAll("(?m)^tour,.*\r\n", "");
        Res v2 = putKb(id, "text/csv; charset=utf-8", edited);
        assertThat(v2.status()).as(v2.toString()).isEqualTo(200);
        assertThat(v2.json().getInteger("version")).isEqualTo(2);
        assertThat(v2.json().getInteger("entries")).isEqualTo(3);
        KnowledgeBase now = KbJson.parse(api.get("/api/agents/" + id + "/kb", owner).body());
        assertThat(now.welcome()).containsEntry("en", "Hello, welcome!");
        assertThat(now.synonyms()).hasSize(1);
        assertThat(now.hotQuestions()).containsExactly("hours", "id-lost");
        assertThat(now.entries().get(1).answer("zh-CN")).isEqualTo("请先挂失。");

        // The same file as a form upload, and a spreadsheet saved in GB18030 that says so.
        Res v3 = putKb(id, owner, multipartType(), multipart("kb.csv", "text/csv", edited.getBytes(StandardCharsets.UTF_8)));
        assertThat(v3.status()).as(v3.toString()).isEqualTo(200);
        assertThat(v3.json().getString("source")).isEqualTo("csv");
        Res v4 = putKb(id, owner, "text/csv; charset=GB18030", edited.substring(1).getBytes(Charset.forName("GB18030")));
        assertThat(v4.status()).as(v4.toString()).isEqualTo(200);
        assertThat(v4.json().getInteger("version")).isEqualTo(4);

        assertThat(api.get("/api/agents/" + id + "/kb?version=1", owner).body()).isEqualTo(json.body());
        Res versions = api.get("/api/agents/" + id + "/kb/versions", owner);
        assertThat(versions.items().stream().map(o -> ((JsonObject) o).getInteger("version"))).containsExactly(4, 3, 2, 1);
        assertThat(versions.items().getJsonObject(0).getBoolean("current")).isTrue();
        assertThat(versions.items().getJsonObject(1).getBoolean("current")).isFalse();

        Res rolled = api.post("/api/agents/" + id + "/kb/rollback", owner, new JsonObject().put("version", 1));
        assertThat(rolled.status()).as(rolled.toString()).isEqualTo(200);
        assertThat(rolled.json().getInteger("version")).isEqualTo(5);
        assertThat(rolled.json().getString("source")).isEqualTo("rollback:1");
        assertThat(api.get("/api/agents/" + id + "/kb", owner).body()).isEqualTo(json.body());
        assertThat(api.get("/api/agents/" + id, owner).json().getInteger("kbVersion")).isEqualTo(5);
        assertThat(api.get("/api/agents/" + id, owner).json().getInteger("kbEntries")).isEqualTo(4);

        assertThat(api.post("/api/agents/" + id + "/kb/rollback", owner, new JsonObject().put("version", 99)).error())
                .isEqualTo("agent:kb.version-not-found");
        assertThat(api.get("/api/agents/" + id + "/kb?version=99", owner).error()).isEqualTo("agent:kb.version-not-found");
        assertThat(api.get("/api/agents/" + id + "/kb?format=xml", owner).error()).isEqualTo("request:query.invalid");
        // Knowledge bases are managed by the space's managers only.
        assertThat(api.get("/api/agents/" + id + "/kb", other).status()).isEqualTo(403);
        assertThat(putKb(id, other, "application/json", KB.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(403);
        assertThat(api.get("/api/agents/" + id + "/kb/versions", guest).status()).isEqualTo(403);

        long told = changes.stream().filter(c -> c instanceof AgentChange.KnowledgeChanged
                && c.agent().id().value().equals(id)).count();
        assertThat(told).isEqualTo(5);
        AgentChange last = changes.stream().filter(c -> c.agent().id().value().equals(id)).reduce((a, b) -> b).orElseThrow();
        assertThat(last.agent().kbVersion()).isEqualTo(5);
        assertThat(last.agent().kbEntries()).isEqualTo(4);
    }

    @Test
    void theDemoServiceHallKnowledgeBaseImports() throws Exception {
        String id = newAgent(space);
        String demo = Files.readString(Path.of("src/main/resources/demo/agents/service-hall-kb.json"));
        Res r = putKb(id, "application/json", demo);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().getInteger("entries")).isEqualTo(KbJson.parse(demo).entries().size()).isGreaterThan(49);
        Res exported = api.get("/api/agents/" + id + "/kb?format=csv", owner);
        Res again = putKb(id, "text/csv", exported.body());
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(KbJson.parse(api.get("/api/agents/" + id + "/kb", owner).body())).isEqualTo(KbJson.parse(demo));
    }

    @Test
    void badKnowledgeBaseFilesAreRefusedWithWhereAndWhy() {
        String id = newAgent(space);
        record Case(String type, String body, int status, String code, String message) {}
        List<Case> cases = List.of(
                new Case("application/json", "[{\"id\":\"a\",\"questions\":[\"q\"],\"answer\":\"x\"},{\"id\":\"a\","
                        + "\"questions\":[\"p\"],\"answer\":\"y\"}]", 422, "agent:kb.invalid",
                        "/1/id: the id 'a' is used twice"),
                new Case("application/json", "{\"entries\":[{\"id\":\"a\",\"questions\":[],\"answer\":\"x\"}]}", 422,
                        "agent:kb.invalid", "/entries/0/questions: 1 to 50 phrasings, got 0"),
                new Case("application/json", "[{", 422, "agent:kb.invalid", "not JSON"),
                new Case("application/json", "[]", 422, "agent:kb.invalid", "the knowledge base has no entries"),
                new Case("text/csv", "id,questions,answer\na,q,x\na,p,y\n", 422, "agent:kb.invalid",
                        "line 3: the id 'a' is used twice (first on line 2)"),
                new Case("text/csv", "id,questions,answer,colour\n", 422, "agent:kb.invalid", "line 1: unknown column"),
                new Case("text/plain", "id,questions,answer\n", 415, "request:media-type.unsupported", "text/csv"),
                new Case(null, "[]", 415, "request:media-type.unsupported", "no content type"),
                new Case("text/csv", "", 422, "agent:kb.invalid", "the file is empty"),
                new Case("text/csv; charset=nope", "x", 415, "request:media-type.unsupported", "unknown charset"),
                new Case(multipartType(), "--" + BOUNDARY + "--\r\n", 422, "request:field.missing", "form field 'file'"));
        for (Case c : cases) {
            Res r = putKb(id, owner, c.type(), c.body().getBytes(StandardCharsets.UTF_8));
            assertThat(r.status()).as(c + " -> " + r).isEqualTo(c.status());
            assertThat(r.error()).as(r.toString()).isEqualTo(c.code());
            assertThat(r.json().getString("message")).as(r.toString()).contains(c.message());
        }
        // Not UTF-8 and no charset said: a spreadsheet's GBK file.
        Res gbk = putKb(id, owner, "text/csv", "id,questions,answer\na,问题,答案\n".getBytes(Charset.forName("GBK")));
        assertThat(gbk.error()).isEqualTo("agent:kb.invalid");
        assertThat(gbk.json().getString("message")).contains("not UTF-8", "charset=GB18030");
        // Over agents.kb-max-bytes: 413, read no further.
        Res large = putKb(id, owner, "application/json", new byte[KB_MAX + 1]);
        assertThat(large.status()).isEqualTo(413);
        assertThat(large.error()).isEqualTo("request:body.too-large");
        assertThat(large.json().getString("message")).contains(Integer.toString(KB_MAX));
        // Nothing was stored by any of them.
        assertThat(api.get("/api/agents/" + id, owner).json().getInteger("kbVersion")).isZero();
        assertThat(api.get("/api/agents/" + id + "/kb", owner).error()).isEqualTo("agent:kb.version-not-found");
    }

    // ---------------------------------------------------------------- questions

    @Test
    void questionsAreAnsweredWithTheCitedEntryOrHandedOff() {
        String id = newAgent(space);
        // Before any knowledge base: not sure, handed off.
        Res none = ask(id, guest, "大厅几点开门？", null);
        assertThat(none.status()).as(none.toString()).isEqualTo(200);
        assertThat(none.json().getBoolean("handoff")).isTrue();
        assertThat(none.json().getValue("entryId")).isNull();
        assertThat(none.json().getInteger("version")).isZero();
        assertThat(putKb(id, "application/json", KB).status()).isEqualTo(200);

        Res zh = ask(id, guest, "大厅几点开门？", null);
        assertThat(zh.status()).as(zh.toString()).isEqualTo(200);
        JsonObject a = zh.json();
        assertThat(a.getString("entryId")).isEqualTo("hours");
        assertThat(a.getString("answer")).isEqualTo("自助服务区24小时开放。");
        assertThat(a.getBoolean("handoff")).isFalse();
        assertThat(a.getString("lang")).isEqualTo("zh-CN");
        assertThat(a.getString("gesture")).isEqualTo("explain");
        assertThat(a.getString("link")).isEqualTo("https://example.org/hours");
        assertThat(a.getDouble("confidence")).isGreaterThanOrEqualTo(0.5).isLessThanOrEqualTo(1);
        assertThat(a.getInteger("version")).isEqualTo(1);
        assertThat(a.containsKey("handoffId")).isFalse();

        Res en = ask(id, other, "When does the hall open?", null);
        assertThat(en.json().getString("entryId")).isEqualTo("hours");
        assertThat(en.json().getString("answer")).isEqualTo("The self-service area is open 24 hours.");
        assertThat(en.json().getString("lang")).isEqualTo("en");
        // Asked for English of an entry written in Chinese only: the Chinese answer, said as Chinese.
        Res tour = ask(id, other, "Start the tour", "en-GB");
        assertThat(tour.json().getString("entryId")).isEqualTo("tour");
        assertThat(tour.json().getString("lang")).isEqualTo("zh-CN");
        assertThat(tour.json().getString("action")).isEqualTo("tour");
        // Synonyms fold 居民身份证 into 身份证.
        assertThat(ask(id, guest, "居民身份证丢了怎么办？", "zh").json().getString("entryId")).isEqualTo("id-lost");

        // An entry that asks for a person: answered, cited, and handed off.
        Res staff = ask(id, owner, "我要找人工服务", null);
        assertThat(staff.json().getString("entryId")).isEqualTo("staff");
        assertThat(staff.json().getBoolean("handoff")).isTrue();
        assertThat(staff.json().getString("action")).isEqualTo("handoff");
        assertThat(staff.json().getString("handoffId")).isNotNull();

        // Nothing like it in the knowledge base: not sure, no entry, handed off and stored for staff.
        Res unsure = ask(id, guest, "量子计算机的原理是什么", null);
        assertThat(unsure.status()).isEqualTo(200);
        JsonObject u = unsure.json();
        assertThat(u.getBoolean("handoff")).isTrue();
        assertThat(u.getValue("entryId")).isNull();
        assertThat(u.getString("lang")).isEqualTo("zh-CN");
        assertThat(u.getString("answer")).contains("工作人员");
        assertThat(u.getDouble("confidence")).isLessThan(0.5);
        String handoffId = u.getString("handoffId");
        assertThat(handoffId).isNotNull();

        Res open = api.get("/api/agents/" + id + "/handoffs?open=true", owner);
        assertThat(open.status()).isEqualTo(200);
        assertThat(open.json().getLong("total")).isEqualTo(3); // before the import, the staff request, this one
        JsonObject h = open.items().getJsonObject(0);
        assertThat(h.getString("id")).isEqualTo(handoffId);
        assertThat(h.getString("question")).isEqualTo("量子计算机的原理是什么");
        assertThat(h.getString("spaceId")).isEqualTo(space);
        assertThat(h.getBoolean("open")).isTrue();
        assertThat(api.get("/api/agents/" + id + "/handoffs", other).status()).isEqualTo(403);

        Res resolved = api.post("/api/agents/" + id + "/handoffs/" + handoffId + "/resolve", owner, null);
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
        assertThat(resolved.json().getBoolean("open")).isFalse();
        assertThat(resolved.json().getString("resolvedBy")).isEqualTo(ownerId);
        Res again = api.post("/api/agents/" + id + "/handoffs/" + handoffId + "/resolve", admin, null);
        assertThat(again.json().getString("resolvedBy")).as("resolving again changes nothing").isEqualTo(ownerId);
        assertThat(api.get("/api/agents/" + id + "/handoffs?open=true", owner).json().getLong("total")).isEqualTo(2);
        assertThat(api.get("/api/agents/" + id + "/handoffs", owner).json().getLong("total")).isEqualTo(3);
        assertThat(api.post("/api/agents/" + id + "/handoffs/" + UUID.randomUUID() + "/resolve", owner, null).error())
                .isEqualTo("agent:handoff.not-found");
        assertThat(api.post("/api/agents/" + id + "/handoffs/nope/resolve", owner, null).error())
                .isEqualTo("agent:handoff.not-found");
    }

    @Test
    void badQuestionsGetClearErrorsAndHarmNothing() {
        String id = newAgent(space);
        assertThat(putKb(id, "application/json", KB).status()).isEqualTo(200);
        record Q(JsonObject body, int status, String code) {}
        for (Q q : List.of(
                new Q(new JsonObject().put("text", ""), 422, "agent:question.empty"),
                new Q(new JsonObject().put("text", " \n\t\u0000 "), 422, "agent:question.empty"),
                new Q(new JsonObject(), 422, "agent:question.empty"),
                new Q(new JsonObject().put("text", "问".repeat(501)), 422, "agent:question.too-long"),
                new Q(new JsonObject().put("text", "😀".repeat(501)), 422, "agent:question.too-long"),
                new Q(new JsonObject().put("text", 3), 422, "request:field.invalid"),
                new Q(new JsonObject().put("text", "hi").put("lang", "no such language!"), 422, "request:field.invalid"))) {
            Res r = api.post("/api/agents/" + id + "/ask", guest, q.body());
            assertThat(r.status()).as(q + " -> " + r).isEqualTo(q.status());
            assertThat(r.error()).as(r.toString()).isEqualTo(q.code());
        }
        // 500 characters exactly is fine, and so are mixed scripts and emoji.
        Res longest = ask(id, guest, "大厅几点开门".repeat(83) + "？？", null);
        assertThat(longest.status()).as(longest.toString()).isEqualTo(200);
        assertThat(ask(id, guest, "When does the 大厅 open? 🙂", null).status()).isEqualTo(200);
        assertThat(ask("ag_nosuchagent", guest, "你好", null).error()).isEqualTo("agent:not-found");
        assertThat(api.get("/api/agents/" + id + "/handoffs", owner).json().getLong("total")).as("no refusal stored")
                .isLessThanOrEqualTo(2);
    }

    @Test
    void theSpaceListsItsAgentsForQuickButtons() {
        String s = newSpace(owner, "public");
        String id = newAgent(s);
        Res before = api.get("/api/spaces/" + s + "/agents", guest);
        assertThat(before.items()).hasSize(1);
        assertThat(before.items().getJsonObject(0).getJsonArray("hotQuestions")).isEmpty();
        assertThat(before.items().getJsonObject(0).getJsonObject("persona").getJsonObject("name"))
                .isEqualTo(new JsonObject().put("zh-CN", "浦小政"));
        assertThat(api.patch("/api/agents/" + id, owner, new JsonObject().put("persona", new JsonObject()
                .put("name", new JsonObject().put("zh-CN", "浦小政").put("en", "Pu Xiaozheng"))
                .put("greeting", "您好！").put("appearance", new JsonObject().put("uniform", "blue")))).status())
                .isEqualTo(200);
        assertThat(putKb(id, "application/json", KB).status()).isEqualTo(200);

        Res r = api.get("/api/spaces/" + s + "/agents", guest);
        assertThat(r.status()).isEqualTo(200);
        JsonObject card = r.items().getJsonObject(0);
        assertThat(card.getString("id")).isEqualTo(id);
        assertThat(card.getString("userId")).isEqualTo(id);
        assertThat(card.getString("name")).isEqualTo("浦小政");
        assertThat(card.getJsonArray("languages")).isEqualTo(new JsonArray().add("zh-CN").add("en"));
        assertThat(card.getJsonObject("persona").getJsonObject("name").getString("en")).isEqualTo("Pu Xiaozheng");
        assertThat(card.getJsonObject("persona").getJsonObject("greeting")).isEqualTo(new JsonObject().put("zh-CN", "您好！"));
        assertThat(card.getJsonObject("persona").getJsonObject("appearance").getString("uniform")).isEqualTo("blue");
        assertThat(card.getJsonObject("welcome")).isEqualTo(new JsonObject().put("en", "Hello, welcome!")
                .put("zh-CN", "您好，欢迎！"));
        assertThat(card.getJsonArray("hotQuestions")).isEqualTo(new JsonArray()
                .add(new JsonObject().put("entryId", "hours").put("question", new JsonObject()
                        .put("zh-CN", "大厅几点开门？").put("en", "When does the hall open?")))
                .add(new JsonObject().put("entryId", "id-lost").put("question", new JsonObject()
                        .put("zh-CN", "身份证丢了怎么办？").put("en", "I lost my ID card"))));
        assertThat(api.get("/api/spaces/" + UUID.randomUUID() + "/agents", guest).error()).isEqualTo("space:not-found");
    }

    @Test
    void deletingTheSpaceDeletesItsAgents() {
        String s = newSpace(owner, "public");
        String id = newAgent(s);
        assertThat(putKb(id, "application/json", KB).status()).isEqualTo(200);
        assertThat(ask(id, guest, "我要找人工服务", null).json().getString("handoffId")).isNotNull();
        assertThat(api.delete("/api/spaces/" + s, owner).status()).isEqualTo(204);
        AgentRepository repo = server.database().agents();
        AgentId agent = new AgentId(id);
        assertThat(repo.find(agent)).isEmpty();
        assertThat(repo.kbVersions(agent)).isEmpty();
        assertThat(repo.handoffs(agent, false, 1, 10).total()).isZero();
    }

    // ---------------------------------------------------------------- the service and the repository

    @Test
    void theServiceAnswersOffTheCallersThreadAndFallsBackWhenPhrasingFails() throws Exception {
        String id = newAgent(space);
        assertThat(putKb(id, "application/json", KB).status()).isEqualTo(200);
        AgentId agent = new AgentId(id);
        SpaceService spaces = new SpaceService(server.database().spaces(), server.database().users(), Clock.systemUTC());
        AnswerPhraser phraser = (question, lang, top) -> switch (question) {
            case "When does the hall open?" -> CompletableFuture.completedFuture("It never closes, day or night.");
            case "What are the opening hours?" -> CompletableFuture.failedFuture(new IllegalStateException("LLM down"));
            default -> {
                assertThat(top).hasSize(1);
                yield CompletableFuture.completedFuture("大厅全天开放。");
            }
        };
        try (AgentService service = new AgentService(server.database().agents(), spaces,
                new ServerConfig.Agents(0.5, 1, 1, KB_MAX), phraser, Clock.systemUTC())) {
            AskResult own = service.ask(agent, "When does the hall open?", null).get(10, TimeUnit.SECONDS);
            assertThat(own.answer()).isEqualTo("It never closes, day or night.");
            assertThat(own.lang()).isEqualTo("en");
            assertThat(own.entryId()).isEqualTo("hours");
            AskResult fallback = service.ask(agent, "What are the opening hours?", null).get(10, TimeUnit.SECONDS);
            assertThat(fallback.answer()).isEqualTo("The self-service area is open 24 hours.");
            AskResult zh = service.ask(agent, "大厅几点开门？", "en").get(10, TimeUnit.SECONDS);
            assertThat(zh.answer()).isEqualTo("大厅全天开放。");
            assertThat(zh.lang()).as("the phrased text is Chinese").isEqualTo("zh-CN");
            assertThat(service.knowledgeBase(agent).get(10, TimeUnit.SECONDS).hotQuestions()).containsExactly("hours",
                    "id-lost");

            // Refusals are failed futures, never exceptions thrown at the caller.
            CompletableFuture<AskResult> empty = service.ask(agent, null, null);
            assertThat(empty).isCompletedExceptionally();
            assertThat(AgentService.cause(catchFailure(empty))).isInstanceOf(ApiException.class);
            assertThat(((ApiException) AgentService.cause(catchFailure(service.ask(new AgentId("ag_gone"), "hi", null))))
                    .error()).isEqualTo(ErrorCode.AGENT_NOT_FOUND);

            // One retrieval thread and a queue of one: a burst is partly refused with agent:overloaded.
            List<CompletableFuture<AskResult>> burst = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                burst.add(service.ask(agent, "身份证丢了怎么办？", null));
            }
            int answered = 0;
            int overloaded = 0;
            for (CompletableFuture<AskResult> f : burst) {
                try {
                    assertThat(f.get(30, TimeUnit.SECONDS).entryId()).isEqualTo("id-lost");
                    answered++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(((ApiException) AgentService.cause(e)).error()).isEqualTo(ErrorCode.AGENT_OVERLOADED);
                    overloaded++;
                }
            }
            assertThat(answered).isPositive();
            assertThat(overloaded).isPositive();

            Handoff h = service.recordHandoff(agent, "user-1", "访客", "能转人工吗？").get(10, TimeUnit.SECONDS);
            assertThat(h.space().toString()).isEqualTo(space);
            assertThat(service.listAgentsOfSpace(new SpaceId(UUID.fromString(space))).stream().map(Agent::id))
                    .contains(agent);
        }
    }

    private static Throwable catchFailure(CompletableFuture<?> f) {
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("expected a failure");
    }

    @Test
    void concurrentImportsGetDistinctVersionsAndOldOnesArePruned() throws Exception {
        AgentRepository repo = server.database().agents();
        AgentId id = new AgentId(newAgent(space));
        UserId by = new UserId(UUID.fromString(ownerId));
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Optional<KbVersion>>> futures = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                int n = i;
                futures.add(pool.submit(() -> repo.addKbVersion(id, "{\"n\":" + n + "}", n, "json", by, at, 100)));
            }
            List<Integer> numbers = new ArrayList<>();
            for (Future<Optional<KbVersion>> f : futures) {
                numbers.add(f.get(30, TimeUnit.SECONDS).orElseThrow().version());
            }
            assertThat(numbers).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        } finally {
            pool.shutdownNow();
        }
        assertThat(repo.find(id).orElseThrow().kbVersion()).isEqualTo(12);
        KbVersion v13 = repo.addKbVersion(id, "{}", 3, "csv", by, at, 5).orElseThrow();
        assertThat(v13.version()).isEqualTo(13);
        assertThat(repo.kbVersions(id).stream().map(KbVersion::version)).containsExactly(13, 12, 11, 10, 9);
        assertThat(repo.kbBody(id, 13)).contains("{}");
        assertThat(repo.kbBody(id, 8)).isEmpty();
        Agent stored = repo.find(id).orElseThrow();
        assertThat(stored.kbVersion()).isEqualTo(13);
        assertThat(stored.kbEntries()).isEqualTo(3);
        assertThat(repo.addKbVersion(new AgentId("ag_missing"), "{}", 1, "json", by, at, 5)).isEmpty();
    }

    @Test
    void theRepositoryPagesAgentsAndHandoffs() {
        AgentRepository repo = server.database().agents();
        String s = newSpace(owner, "unlisted");
        SpaceId spaceId = new SpaceId(UUID.fromString(s));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(newAgent(s));
        }
        assertThat(repo.countOfSpace(spaceId)).isEqualTo(5);
        assertThat(repo.ofSpace(spaceId).stream().map(a -> a.id().value())).containsExactlyElementsOf(ids);
        var page2 = repo.list(new AgentRepository.ListQuery(Optional.of(spaceId), Optional.empty(), 2, 2));
        assertThat(page2.total()).isEqualTo(5);
        assertThat(page2.items().stream().map(a -> a.id().value())).containsExactly(ids.get(2), ids.get(3));
        var beyond = repo.list(new AgentRepository.ListQuery(Optional.of(spaceId), Optional.empty(), 9, 2));
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.total()).isEqualTo(5);
        var owned = repo.list(new AgentRepository.ListQuery(Optional.empty(),
                Optional.of(new UserId(UUID.fromString(ownerId))), 1, 100));
        assertThat(owned.items().stream().map(a -> a.id().value())).containsAll(ids);

        AgentId agent = new AgentId(ids.get(0));
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (int i = 0; i < 3; i++) {
            assertThat(repo.insertHandoff(new Handoff(UUID.randomUUID(), agent, spaceId, "u" + i, "访客" + i, "问题" + i,
                    t0.plusMillis(i), null, null))).isTrue();
        }
        var handoffs = repo.handoffs(agent, true, 1, 2);
        assertThat(handoffs.total()).isEqualTo(3);
        assertThat(handoffs.items().stream().map(Handoff::question)).containsExactly("问题2", "问题1");
        Handoff first = repo.handoffs(agent, false, 2, 2).items().get(0);
        assertThat(first.question()).isEqualTo("问题0");
        UserId by = new UserId(UUID.fromString(ownerId));
        assertThat(repo.resolveHandoff(agent, first.id(), by, t0.plusSeconds(1))).isTrue();
        assertThat(repo.resolveHandoff(agent, first.id(), by, t0.plusSeconds(2))).isFalse();
        assertThat(repo.resolveHandoff(new AgentId(ids.get(1)), first.id(), by, t0)).isFalse();
        Handoff resolved = repo.findHandoff(agent, first.id()).orElseThrow();
        assertThat(resolved.resolvedAt()).isEqualTo(t0.plusSeconds(1));
        assertThat(resolved.resolvedBy()).isEqualTo(by);
        assertThat(repo.handoffs(agent, true, 1, 10).total()).isEqualTo(2);

        assertThat(repo.delete(agent)).isTrue();
        assertThat(repo.insertHandoff(new Handoff(UUID.randomUUID(), agent, spaceId, "u", "n", "q", t0, null, null)))
                .as("no handoff for a deleted agent").isFalse();
        assertThat(repo.delete(agent)).isFalse();
        assertThat(repo.update(new Agent(agent, spaceId, "x", "{}", List.of("en"), 0, 0, by, t0, t0))).isFalse();
    }

    // ---------------------------------------------------------------- multipart

    static final String BOUNDARY = "----pujiangAgentTest";

    static String multipartType() {
        return "multipart/form-data; boundary=" + BOUNDARY;
    }

    static byte[] multipart(String fileName, String type, byte[] file) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }
}
