package org.pujiang.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.pujiang.server.PujiangServer;
import org.pujiang.server.auth.TokenCodec;
import org.pujiang.server.testing.ApiClient.Res;
import org.pujiang.server.testing.ApiClient;
import org.pujiang.server.testing.TestDatabase;
import org.pujiang.server.testing.TestServers;

/**
 * The REST contract over a real socket, run once per database (see the H2 and PostgreSQL
 * subclasses): accounts, spaces, access rules, paging and search, and every kind of bad input,
 * checking after each refusal that nothing was written.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApiContract {
    private static final AtomicInteger SEQ = new AtomicInteger();

    TestDatabase db;
    PujiangServer server;
    ApiClient api;

    abstract TestDatabase.Kind kind();

    @BeforeAll
    void start(@TempDir Path temp) {
        db = TestDatabase.create(kind(), temp);
        server = TestServers.start(db, temp.resolve("data"), Map.of());
        api = new ApiClient(server.baseUrl());
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

    /** A username no other test uses. */
    static String unique(String prefix) {
        return prefix + SEQ.incrementAndGet() + "x" + Long.toString(System.nanoTime() % 100000, 36);
    }

    private Res createSpace(String token, JsonObject body) {
        return api.post("/api/spaces", token, body);
    }

    private static JsonObject space(String name, String visibility) {
        return new JsonObject().put("name", name).put("template", "gallery").put("visibility", visibility);
    }

    private long spaceCount() {
        return server.database().spaces().count();
    }

    // ---- accounts ------------------------------------------------------------------------

    @Test
    void registerLoginMeLogout() {
        String name = unique("alice");
        Res reg = api.post("/api/auth/register", null,
                new JsonObject().put("username", name).put("password", "correct horse").put("displayName", "爱丽丝 🌸"));
        assertThat(reg.status()).as(reg.toString()).isEqualTo(201);
        assertThat(reg.json().getString("username")).isEqualTo(name);
        assertThat(reg.json().getString("displayName")).isEqualTo("爱丽丝 🌸");
        assertThat(reg.json().getString("id")).hasSize(36);
        assertThat(reg.body()).doesNotContain("password");

        Res login = api.post("/api/auth/login", null, new JsonObject().put("username", name).put("password", "correct horse"));
        assertThat(login.status()).isEqualTo(200);
        String token = login.json().getString("token");
        assertThat(Instant.parse(login.json().getString("expiresAt"))).isAfter(Instant.now().plusSeconds(3600));
        assertThat(login.json().getJsonObject("user").getString("role")).isEqualTo("member");

        Res me = api.get("/api/me", token);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().getString("displayName")).isEqualTo("爱丽丝 🌸");

        assertThat(api.post("/api/auth/logout", token, null).status()).isEqualTo(204);
        Res after = api.get("/api/me", token);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.error()).isEqualTo("auth:session.revoked");
        assertThat(api.post("/api/auth/logout", token, null).status()).isEqualTo(401);
    }

    @Test
    void usernamesAreUniqueIgnoringCaseAndWidth() {
        String name = unique("Bob");
        assertThat(api.post("/api/auth/register", null, new JsonObject().put("username", name).put("password", "password-1"))
                .status()).isEqualTo(201);
        for (String clash : List.of(name.toLowerCase(), name.toUpperCase())) {
            Res dup = api.post("/api/auth/register", null, new JsonObject().put("username", clash).put("password", "other-password"));
            assertThat(dup.status()).isEqualTo(409);
            assertThat(dup.error()).isEqualTo("auth:username.taken");
        }
        // The first account is untouched: its own password still works, the duplicate's does not.
        assertThat(api.login(name, "password-1")).isNotBlank();
        assertThat(api.post("/api/auth/login", null, new JsonObject().put("username", name).put("password", "other-password"))
                .status()).isEqualTo(401);
    }

    @Test
    void wrongPasswordsAreThrottled() {
        String name = unique("carol");
        api.member(name);
        for (int i = 0; i < 5; i++) {
            Res r = api.post("/api/auth/login", null, new JsonObject().put("username", name).put("password", "wrong-" + i));
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.error()).isEqualTo("auth:credentials.invalid");
        }
        Res blocked = api.post("/api/auth/login", null, new JsonObject().put("username", name).put("password", "pw-" + name + "-123"));
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.error()).isEqualTo("auth:login.throttled");
        assertThat(Integer.parseInt(blocked.header("Retry-After"))).isBetween(1, 15 * 60);
        // Unknown users get the same answer as wrong passwords: no account enumeration.
        Res unknown = api.post("/api/auth/login", null, new JsonObject().put("username", unique("nobody")).put("password", "whatever1"));
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.error()).isEqualTo("auth:credentials.invalid");
    }

    @Test
    void tokensThatAreMissingForgedOrExpiredAreRefused() {
        assertThat(api.get("/api/me", null).error()).isEqualTo("auth:token.missing");
        assertThat(api.get("/api/me", "garbage").error()).isEqualTo("auth:token.invalid");
        String token = api.guest();
        String forged = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
        assertThat(api.get("/api/me", forged).error()).isEqualTo("auth:token.invalid");

        // A token signed with the server's real key but already expired.
        byte[] key = Base64.getDecoder().decode(server.database().keys().get("session-token-hmac-sha256").orElseThrow());
        String expired = new TokenCodec(key).sign(new TokenCodec.Claims(UUID.randomUUID(), Instant.now().minusSeconds(5)));
        Res r = api.get("/api/me", expired);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.error()).isEqualTo("auth:token.expired");
    }

    @Test
    void guestsEnterPublicAndUnlistedSpacesButCreateNothing() {
        String owner = api.member(unique("owner"));
        String pub = createSpace(owner, space("公开展厅 " + unique("p"), "public")).json().getString("id");
        String unlisted = createSpace(owner, space("Unlisted " + unique("u"), "unlisted")).json().getString("id");
        String priv = createSpace(owner, space("Private " + unique("v"), "private")).json().getString("id");

        Res guest = api.post("/api/auth/guest", null, new JsonObject().put("displayName", "访客 Visitor"));
        assertThat(guest.status()).isEqualTo(200);
        assertThat(guest.json().getJsonObject("user").getString("role")).isEqualTo("guest");
        assertThat(guest.json().getJsonObject("user").getString("displayName")).isEqualTo("访客 Visitor");
        String token = guest.json().getString("token");

        assertThat(api.get("/api/spaces/" + pub, token).status()).isEqualTo(200);
        assertThat(api.get("/api/spaces/" + unlisted, token).status()).isEqualTo(200);
        Res hidden = api.get("/api/spaces/" + priv, token);
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.error()).isEqualTo("space:not-found");

        List<String> listed = ids(api.get("/api/spaces?size=100", token));
        assertThat(listed).contains(pub).doesNotContain(unlisted, priv);

        long before = spaceCount();
        Res create = createSpace(token, space("guest space", "public"));
        assertThat(create.status()).isEqualTo(403);
        assertThat(create.error()).isEqualTo("auth:forbidden");
        assertThat(spaceCount()).isEqualTo(before);

        // Guests without a name get a readable one.
        Res anonymous = api.post("/api/auth/guest", null, null);
        assertThat(anonymous.json().getJsonObject("user").getString("displayName")).startsWith("Guest ");
    }

    // ---- spaces ---------------------------------------------------------------------------

    @Test
    void createReadChangeAndDeleteASpace() {
        String token = api.member(unique("dora"));
        JsonObject body = new JsonObject()
                .put("name", "数字孪生工厂 🏭")
                .put("description", "第一行\nsecond line")
                .put("template", "factory")
                .put("visibility", "public")
                .put("capacity", 300)
                .put("bounds", new JsonObject().put("minX", -100).put("minY", 0).put("minZ", -60)
                        .put("maxX", 100).put("maxY", 30.5).put("maxZ", 60));
        Res created = createSpace(token, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonObject s = created.json();
        String id = s.getString("id");
        assertThat(s.getString("name")).isEqualTo("数字孪生工厂 🏭");
        assertThat(s.getString("description")).isEqualTo("第一行\nsecond line");
        assertThat(s.getString("template")).isEqualTo("factory");
        assertThat(s.getInteger("capacity")).isEqualTo(300);
        assertThat(s.getJsonObject("bounds").getDouble("maxY")).isEqualTo(30.5);
        assertThat(s.getLong("version")).isEqualTo(1);
        assertThat(s.getString("createdAt")).isEqualTo(s.getString("updatedAt"));

        Res read = api.get("/api/spaces/" + id, token);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().getString("name")).isEqualTo("数字孪生工厂 🏭");
        assertThat(read.json().getJsonObject("bounds")).isEqualTo(s.getJsonObject("bounds"));
        assertThat(read.json().getJsonObject("owner").getString("displayName")).startsWith("dora");

        Res patched = api.patch("/api/spaces/" + id, token, new JsonObject().put("name", "工厂 v2").put("visibility", "unlisted"));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().getString("name")).isEqualTo("工厂 v2");
        assertThat(patched.json().getString("visibility")).isEqualTo("unlisted");
        assertThat(patched.json().getString("description")).isEqualTo("第一行\nsecond line");
        assertThat(patched.json().getInteger("capacity")).isEqualTo(300);
        assertThat(patched.json().getLong("version")).isEqualTo(2);
        assertThat(api.get("/api/spaces/" + id, token).json().getString("name")).isEqualTo("工厂 v2");

        assertThat(api.delete("/api/spaces/" + id, token).status()).isEqualTo(204);
        assertThat(api.get("/api/spaces/" + id, token).status()).isEqualTo(404);
        assertThat(api.delete("/api/spaces/" + id, token).status()).isEqualTo(404);
    }

    @Test
    void templatesFillInCapacityAndBounds() {
        String token = api.member(unique("eve"));
        JsonObject s = createSpace(token, new JsonObject().put("name", "Room").put("template", "meeting")
                .put("visibility", "public")).json();
        assertThat(s.getInteger("capacity")).isEqualTo(24);
        assertThat(s.getJsonObject("bounds").getDouble("maxX") - s.getJsonObject("bounds").getDouble("minX")).isEqualTo(20.0);
        assertThat(s.getString("description")).isEmpty();
    }

    @Test
    void privateSpacesAreForOwnerMembersAndStaffOnly() {
        String ownerName = unique("owner");
        String memberName = unique("member");
        String owner = api.member(ownerName);
        String member = api.member(memberName);
        String stranger = api.member(unique("stranger"));
        Res created = createSpace(owner, space("Board room " + unique("b"), "private")
                .put("members", new JsonArray().add(memberName.toUpperCase()).add(ownerName)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().getString("id");
        assertThat(created.json().getJsonArray("members")).hasSize(1); // the owner is not listed as a member
        assertThat(created.json().getJsonArray("members").getJsonObject(0).getString("username")).isEqualTo(memberName);

        assertThat(api.get("/api/spaces/" + id, member).status()).isEqualTo(200);
        assertThat(ids(api.get("/api/spaces?size=100", member))).contains(id);
        assertThat(api.get("/api/spaces/" + id, stranger).status()).isEqualTo(404);
        assertThat(ids(api.get("/api/spaces?size=100", stranger))).doesNotContain(id);
        assertThat(api.patch("/api/spaces/" + id, stranger, new JsonObject().put("name", "mine now")).status()).isEqualTo(404);
        assertThat(api.delete("/api/spaces/" + id, stranger).status()).isEqualTo(404);

        // Members may enter but not change it.
        Res memberPatch = api.patch("/api/spaces/" + id, member, new JsonObject().put("name", "renamed"));
        assertThat(memberPatch.status()).isEqualTo(403);
        assertThat(memberPatch.error()).isEqualTo("auth:forbidden");
        assertThat(api.delete("/api/spaces/" + id, member).status()).isEqualTo(403);

        // The admin sees and manages every space.
        String admin = api.login("admin", TestServers.ADMIN_PASSWORD);
        assertThat(ids(api.get("/api/spaces?size=100", admin))).contains(id);
        Res adminPatch = api.patch("/api/spaces/" + id, admin, new JsonObject().put("capacity", 12));
        assertThat(adminPatch.status()).isEqualTo(200);
        assertThat(adminPatch.json().getInteger("capacity")).isEqualTo(12);

        // Removing the member from the list takes access away.
        assertThat(api.patch("/api/spaces/" + id, owner, new JsonObject().put("members", new JsonArray())).status()).isEqualTo(200);
        assertThat(api.get("/api/spaces/" + id, member).status()).isEqualTo(404);
        assertThat(api.get("/api/spaces/" + id, owner).json().getString("name")).startsWith("Board room");
    }

    @Test
    void othersCannotChangeAPublicSpace() {
        String owner = api.member(unique("owner"));
        String other = api.member(unique("other"));
        String id = createSpace(owner, space("Hall", "public")).json().getString("id");
        Res r = api.patch("/api/spaces/" + id, other, new JsonObject().put("name", "taken over"));
        assertThat(r.status()).isEqualTo(403);
        assertThat(api.delete("/api/spaces/" + id, other).status()).isEqualTo(403);
        JsonObject after = api.get("/api/spaces/" + id, owner).json();
        assertThat(after.getString("name")).isEqualTo("Hall");
        assertThat(after.getLong("version")).isEqualTo(1);
    }

    @Test
    void searchFindsChineseEmojiAndLiteralWildcards() {
        String token = api.member(unique("finder"));
        String tag = unique("t");
        List<String> names = List.of("上海展厅 " + tag, "北京展厅 🚀 " + tag, "100% 真实 " + tag, "a_b " + tag, "ShangHai Expo " + tag);
        for (String n : names) {
            assertThat(createSpace(token, space(n, "public")).status()).isEqualTo(201);
        }
        assertThat(names(search(token, "展厅"))).contains(names.get(0), names.get(1));
        assertThat(names(search(token, "🚀 " + tag))).containsExactly(names.get(1));
        assertThat(names(search(token, "% 真实 " + tag))).containsExactly(names.get(2));
        assertThat(names(search(token, "_b " + tag))).containsExactly(names.get(3));
        assertThat(names(search(token, "%"))).allMatch(n -> n.contains("%"));
        assertThat(names(search(token, "_"))).allMatch(n -> n.contains("_"));
        assertThat(names(search(token, "shanghai expo " + tag))).containsExactly(names.get(4));
        assertThat(names(search(token, "' OR 1=1 --"))).isEmpty();
    }

    @Test
    void listingIsPagedNewestFirst() {
        String token = api.member(unique("pager"));
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(createSpace(token, space("Page test " + i, "private")).json().getString("id"));
        }
        List<String> seen = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            Res r = api.get("/api/spaces?mine=true&size=2&page=" + page, token);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().getLong("total")).isEqualTo(5);
            assertThat(r.json().getInteger("page")).isEqualTo(page);
            assertThat(r.json().getInteger("size")).isEqualTo(2);
            seen.addAll(ids(r));
        }
        assertThat(seen).containsExactlyElementsOf(created.reversed());
        Res beyond = api.get("/api/spaces?mine=true&size=2&page=9", token);
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.json().getLong("total")).isEqualTo(5);

        for (String bad : List.of("page=0", "size=0", "size=101", "page=abc", "mine=maybe", "size=" + "9".repeat(30))) {
            Res r = api.get("/api/spaces?" + bad, token);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.error()).as(bad).isEqualTo("request:query.invalid");
        }
    }

    // ---- bad input ------------------------------------------------------------------------

    @Test
    void malformedBodiesAreRefusedAndWriteNothing() {
        String token = api.member(unique("fuzzer"));
        long before = spaceCount();
        record Case(String body, String contentType, int status, String code, String field) {}
        List<Case> cases = List.of(
                new Case("{\"name\":", "application/json", 400, "request:json.malformed", null),
                new Case("[1,2,3]", "application/json", 400, "request:json.malformed", null),
                new Case("\"just a string\"", "application/json", 400, "request:json.malformed", null),
                new Case("", "application/json", 400, "request:json.malformed", null),
                new Case("{\"name\":\"x\",\"template\":\"gallery\",\"visibility\":\"public\"}", "text/plain", 415,
                        "request:media-type.unsupported", null),
                new Case("{\"template\":\"gallery\",\"visibility\":\"public\"}", "application/json", 422, "request:field.missing", "name"),
                new Case("{\"name\":\"x\",\"visibility\":\"public\"}", "application/json", 422, "request:field.missing", "template"),
                new Case("{\"name\":\"x\",\"template\":\"gallery\"}", "application/json", 422, "request:field.missing", "visibility"),
                new Case("{\"name\":5,\"template\":\"gallery\",\"visibility\":\"public\"}", "application/json", 422, "request:field.invalid", "name"),
                new Case("{\"name\":\"x\",\"template\":\"castle\",\"visibility\":\"public\"}", "application/json", 422, "request:field.invalid", "template"),
                new Case("{\"name\":\"x\",\"template\":\"gallery\",\"visibility\":\"secret\"}", "application/json", 422, "request:field.invalid", "visibility"),
                new Case("{\"name\":\"x\",\"template\":\"gallery\",\"visibility\":\"public\",\"capacity\":\"ten\"}", "application/json", 422, "request:field.invalid", "capacity"),
                new Case("{\"name\":\"x\",\"template\":\"gallery\",\"visibility\":\"public\",\"capacity\":2.5}", "application/json", 422, "request:field.invalid", "capacity"),
                new Case("{\"name\":\"x\",\"template\":\"gallery\",\"visibility\":\"public\",\"capacity\":0}", "application/json", 422, "request:field.invalid", "capacity"),
                new Case("{\"name\":\"x\",\"template\":\"gallery\",\"visibility\":\"public\",\"capacity\":10001}", "application/json", 422, "request:field.invalid", "capacity"),
                new Case("{\"name\":\"x\",\"template\":\"gallery\",\"visibility\":\"public\",\"bounds\":\"big\"}", "application/json", 422, "request:field.invalid", "bounds"),
                new Case("{\"name\":\"x\",\"template\":\"gallery\",\"visibility\":\"public\",\"bounds\":{\"minX\":5,\"minY\":0,\"minZ\":0,\"maxX\":-5,\"maxY\":3,\"maxZ\":3}}", "application/json", 422, "request:field.invalid", "bounds"),
                new Case("{\"name\":\"x\",\"template\":\"gallery\",\"visibility\":\"public\",\"bounds\":{\"minX\":0}}", "application/json", 422, "request:field.missing", "bounds.minY"),
                new Case("{\"name\":\"x\",\"template\":\"gallery\",\"visibility\":\"private\",\"members\":[1]}", "application/json", 422, "request:field.invalid", "members"),
                new Case("{\"name\":\"x\",\"template\":\"gallery\",\"visibility\":\"private\",\"members\":[\"no-such-user-zz\"]}", "application/json", 422, "request:field.invalid", "members"),
                new Case("{\"name\":\"   \",\"template\":\"gallery\",\"visibility\":\"public\"}", "application/json", 422, "request:field.invalid", "name"),
                new Case("{\"name\":\"tab\\u0007bell\",\"template\":\"gallery\",\"visibility\":\"public\"}", "application/json", 422, "request:field.invalid", "name"),
                new Case("{\"name\":\"nul\\u0000byte\",\"template\":\"gallery\",\"visibility\":\"public\"}", "application/json", 422, "request:field.invalid", "name"));
        for (Case c : cases) {
            Res r = api.send("POST", "/api/spaces", token, c.contentType(), c.body().getBytes(StandardCharsets.UTF_8));
            assertThat(r.status()).as(c.body()).isEqualTo(c.status());
            assertThat(r.error()).as(c.body()).isEqualTo(c.code());
            assertThat(r.json().getString("message")).as(c.body()).isNotBlank();
            assertThat(r.json().getString("field")).as(c.body()).isEqualTo(c.field());
        }
        assertThat(spaceCount()).isEqualTo(before);
    }

    @Test
    void oversizedBodiesAndHugeNamesAreRefused() {
        String token = api.member(unique("big"));
        long before = spaceCount();
        byte[] huge = ("{\"name\":\"" + "a".repeat(70_000) + "\",\"template\":\"gallery\",\"visibility\":\"public\"}")
                .getBytes(StandardCharsets.UTF_8);
        Res tooLarge = api.send("POST", "/api/spaces", token, "application/json", huge);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.error()).isEqualTo("request:body.too-large");

        Res longName = createSpace(token, space("名".repeat(10_000), "public"));
        assertThat(longName.status()).isEqualTo(422);
        assertThat(longName.json().getString("message")).contains("100").contains("10000");
        Res longDescription = createSpace(token, space("ok", "public").put("description", "d".repeat(2001)));
        assertThat(longDescription.status()).isEqualTo(422);
        assertThat(longDescription.json().getString("field")).isEqualTo("description");
        assertThat(spaceCount()).isEqualTo(before);

        Res longUser = api.post("/api/auth/register", null, new JsonObject().put("username", "u".repeat(10_000)).put("password", "password-1"));
        assertThat(longUser.status()).isEqualTo(422);
        assertThat(longUser.json().getString("field")).isEqualTo("username");
        Res longDisplay = api.post("/api/auth/register", null, new JsonObject().put("username", unique("d"))
                .put("password", "password-1").put("displayName", "名".repeat(10_000)));
        assertThat(longDisplay.status()).isEqualTo(422);
        assertThat(longDisplay.json().getString("field")).isEqualTo("displayName");
        Res shortPassword = api.post("/api/auth/register", null, new JsonObject().put("username", unique("s")).put("password", "short"));
        assertThat(shortPassword.status()).isEqualTo(422);
        assertThat(shortPassword.json().getString("field")).isEqualTo("password");
        Res missing = api.post("/api/auth/register", null, new JsonObject().put("password", "password-1"));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.error()).isEqualTo("request:field.missing");
    }

    @Test
    void sqlLookingTextIsStoredVerbatim() {
        String name = unique("sql");
        Res reg = api.post("/api/auth/register", null, new JsonObject().put("username", name).put("password", "x'; DROP TABLE users; --")
                .put("displayName", "Robert'); DROP TABLE users;--"));
        assertThat(reg.status()).isEqualTo(201);
        String token = api.login(name, "x'; DROP TABLE users; --");
        assertThat(api.get("/api/me", token).json().getString("displayName")).isEqualTo("Robert'); DROP TABLE users;--");

        String evil = "'; DROP TABLE spaces; -- \" OR 1=1 \\ %_";
        Res created = createSpace(token, space(evil, "public").put("description", "1; DELETE FROM users WHERE '1'='1"));
        assertThat(created.status()).isEqualTo(201);
        Res read = api.get("/api/spaces/" + created.json().getString("id"), token);
        assertThat(read.json().getString("name")).isEqualTo(evil);
        assertThat(read.json().getString("description")).isEqualTo("1; DELETE FROM users WHERE '1'='1");
        assertThat(names(search(token, "DROP TABLE spaces"))).containsExactly(evil);

        Res badUsername = api.post("/api/auth/register", null, new JsonObject().put("username", "robert'); DROP TABLE users;--")
                .put("password", "password-1"));
        assertThat(badUsername.status()).isEqualTo(422);
        assertThat(badUsername.json().getString("field")).isEqualTo("username");
    }

    @Test
    void chineseAndEmojiTextRoundTripsExactly() {
        String username = "张三" + SEQ.incrementAndGet();
        Res reg = api.post("/api/auth/register", null, new JsonObject().put("username", username).put("password", "密码是八个字以上")
                .put("displayName", "张三 👩‍💻🇨🇳"));
        assertThat(reg.status()).as(reg.toString()).isEqualTo(201);
        String token = api.login(username, "密码是八个字以上");
        assertThat(api.get("/api/me", token).json().getString("displayName")).isEqualTo("张三 👩‍💻🇨🇳");
        String name = "元宇宙导览 🧭 Ｆｕｌｌ宽";
        String id = createSpace(token, space(name, "public")).json().getString("id");
        assertThat(api.get("/api/spaces/" + id, token).json().getString("name")).isEqualTo(name);
        assertThat(names(search(token, "导览 🧭"))).contains(name);
    }

    @Test
    void readOnlyFieldsAndStaleIdsInPatch() {
        String token = api.member(unique("patcher"));
        String id = createSpace(token, space("Fixed", "public")).json().getString("id");
        for (String field : List.of("id", "owner", "createdAt")) {
            Res r = api.patch("/api/spaces/" + id, token, new JsonObject().put(field, "x"));
            assertThat(r.status()).as(field).isEqualTo(422);
            assertThat(r.json().getString("field")).isEqualTo(field);
        }
        assertThat(api.patch("/api/spaces/not-a-uuid", token, new JsonObject().put("name", "x")).status()).isEqualTo(404);
        assertThat(api.get("/api/spaces/" + UUID.randomUUID(), token).status()).isEqualTo(404);
        assertThat(api.get("/api/spaces/" + id, token).json().getLong("version")).isEqualTo(1);
    }

    // ---- plumbing -------------------------------------------------------------------------

    @Test
    void unknownRoutesAndMethodsAnswerJsonErrors() {
        Res missing = api.get("/api/nothing-here", null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.error()).isEqualTo("http:not-found");
        Res method = api.send("PUT", "/api/me", null, null, null);
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.error()).isEqualTo("http:method.not-allowed");
        assertThat(missing.header("X-Request-Id")).isNotBlank();
    }

    @Test
    void healthAndMetricsReportTheServer() {
        Res health = api.get("/api/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().getString("status")).isEqualTo("UP");
        assertThat(health.json().getString("db")).isEqualTo("UP");

        String token = api.guest();
        assertThat(api.get("/api/spaces", token).status()).isEqualTo(200);
        String metrics = api.get("/metrics", null).body();
        assertThat(metrics).contains("http_server_requests_seconds_count{method=\"GET\",route=\"/api/spaces\",status=\"200\"}");
        assertThat(metrics).contains("http_server_requests_seconds_bucket{method=\"GET\",route=\"/api/spaces\",status=\"200\",le=\"0.005\"}");
        assertThat(metrics).contains("http_server_active_requests");
        assertThat(metrics).contains("hikaricp_connections_active{pool=\"pujiang-db\"}");
        assertThat(metrics).contains("jvm_memory_used_bytes");
        assertThat(api.get("/api/openapi.json", null).json().getString("openapi")).startsWith("3.1");
    }

    @Test
    void demoSpacesAreThereForANewcomer() {
        String guest = api.guest();
        List<String> listed = names(api.get("/api/spaces?size=100", guest));
        assertThat(listed).anyMatch(n -> n.contains("Exhibition Hall")).anyMatch(n -> n.contains("Meeting Room"));
    }

    @Test
    void theBrowserClientIsServedAtItsPagesWithCachingThatFitsEachFile() {
        Res page = api.get("/", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("content-type")).startsWith("text/html");
        assertThat(page.header("cache-control")).isEqualTo("no-cache");
        assertThat(page.body()).contains("<div id=\"app\">");
        for (String path : List.of("/login", "/lobby", "/s/01a20c38-c24a-7698-8e7c-ddf60c72d54d")) {
            Res same = api.get(path, null);
            assertThat(same.status()).as(path).isEqualTo(200);
            assertThat(same.body()).as(path).isEqualTo(page.body());
        }
        Res head = api.send("HEAD", "/", null, null, null);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("content-type")).startsWith("text/html");

        java.util.regex.Matcher script = java.util.regex.Pattern.compile("/assets/index-[A-Za-z0-9_-]{8}\\.js")
                .matcher(page.body());
        assertThat(script.find()).as("the page loads a content-hashed bundle").isTrue();
        Res bundle = api.get(script.group(), null);
        assertThat(bundle.status()).isEqualTo(200);
        assertThat(bundle.header("content-type")).contains("javascript");
        assertThat(bundle.header("cache-control")).contains("max-age=31536000");
        Res model = api.get("/assets/models/ding.glb", null);
        assertThat(model.status()).isEqualTo(200);
        assertThat(model.header("cache-control")).contains("max-age=3600");

        assertThat(api.get("/assets/models/nothing.glb", null).status()).isEqualTo(404);
        Res unknownApi = api.get("/api/nothing", null);
        assertThat(unknownApi.status()).isEqualTo(404);
        assertThat(unknownApi.json().getString("error")).isEqualTo("http:not-found");
    }

    @Test
    void everySpaceHasTheSceneOfItsTemplate() {
        String guest = api.guest();
        String hall = api.get("/api/spaces?size=100", guest).items().stream().map(JsonObject.class::cast)
                .filter(o -> o.getString("template").equals("exhibition")).findFirst().orElseThrow().getString("id");
        Res scene = api.get("/api/spaces/" + hall + "/scene", guest);
        assertThat(scene.status()).as(scene.toString()).isEqualTo(200);
        JsonObject doc = scene.json();
        assertThat(doc.getInteger("version")).isEqualTo(1);
        assertThat(doc.getString("template")).isEqualTo("exhibition");
        JsonObject floor = doc.getJsonObject("floor");
        assertThat(floor.getDouble("maxX") - floor.getDouble("minX")).isPositive();
        assertThat(doc.getJsonObject("spawn").getDouble("x")).isBetween(floor.getDouble("minX"), floor.getDouble("maxX"));

        String owner = api.member(unique("sceneowner"));
        Res created = api.post("/api/spaces", owner, new JsonObject().put("name", "Private scene").put("template", "meeting")
                .put("visibility", "private"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().getString("id");
        assertThat(api.get("/api/spaces/" + id + "/scene", owner).json().getString("template")).isEqualTo("meeting");
        Res outsider = api.get("/api/spaces/" + id + "/scene", guest);
        assertThat(outsider.status()).as(outsider.toString()).isEqualTo(404);
        assertThat(outsider.json().getString("error")).isEqualTo("space:not-found");
        assertThat(api.get("/api/spaces/" + id + "/scene", null).status()).isEqualTo(401);
    }

    static List<String> ids(Res r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        r.items().forEach(o -> out.add(((JsonObject) o).getString("id")));
        return out;
    }

    static List<String> names(Res r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        r.items().forEach(o -> out.add(((JsonObject) o).getString("name")));
        return out;
    }

    private Res search(String token, String q) {
        return api.get("/api/spaces?size=100&q=" + java.net.URLEncoder.encode(q, StandardCharsets.UTF_8), token);
    }
    // ---- twin models ---------------------------------------------------------------------

    private static JsonObject vector(String name) {
        try (java.io.InputStream in = ApiContract.class.getResourceAsStream("/twin-models/" + name)) {
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The Thing Model vector under a fresh id. */
    private static JsonObject lamp() {
        return vector("lamp-with-limits.tm.json").put("id", "urn:pujiang:test:" + unique("lamp"));
    }

    /** The DTDL vector under a fresh DTMI. */
    private static JsonObject thermostat() {
        return vector("thermostat.dtdl.json").put("@id", "dtmi:com:example:" + unique("Thermostat") + ";1");
    }

    private static String modelPath(String id) {
        return "/api/models/" + java.net.URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    private long twinModelCount() {
        return server.database().twinModels().count();
    }

    private String operator() {
        String name = unique("opal");
        server.auth().createUser(name, "pw-" + name + "-123", name, org.pujiang.server.auth.Role.OPERATOR);
        return api.login(name, "pw-" + name + "-123");
    }

    @Test
    void twinModelsFromAThingModelAndADtdlInterface() {
        String admin = api.login("admin", TestServers.ADMIN_PASSWORD);
        String operator = operator();
        JsonObject tm = lamp();
        String tmId = tm.getString("id");
        Res created = api.post("/api/models", admin, tm);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonObject c = created.json();
        assertThat(c.getString("id")).isEqualTo(tmId);
        assertThat(c.getString("version")).isEqualTo("2.1.0");
        assertThat(c.getString("title")).isEqualTo("Dimmable Lamp Thing Model");
        assertThat(c.getString("sourceFormat")).isEqualTo("tm");
        assertThat(Instant.parse(c.getString("createdAt"))).isBefore(Instant.now().plusSeconds(5));
        JsonObject model = c.getJsonObject("model");
        assertThat(model.getString("id")).isEqualTo(tmId);
        assertThat(model.getJsonObject("properties").getJsonObject("brightness").getInteger("maximum")).isEqualTo(100);
        assertThat(model.getJsonObject("actions").containsKey("fade")).isTrue();

        JsonObject dtdl = thermostat();
        String dtmi = dtdl.getString("@id");
        Res imported = api.post("/api/models", operator, dtdl);
        assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
        assertThat(imported.json().getString("id")).isEqualTo(dtmi);
        assertThat(imported.json().getString("version")).isEqualTo("1");
        assertThat(imported.json().getString("title")).isEqualTo("Thermostat");
        assertThat(imported.json().getString("sourceFormat")).isEqualTo("dtdl");
        JsonObject importedModel = imported.json().getJsonObject("model");
        assertThat(importedModel.getString("id")).isEqualTo(dtmi);
        assertThat(importedModel.getJsonObject("properties").fieldNames())
                .contains("temperature", "targetTemperature", "maxTempSinceLastReboot");
        assertThat(importedModel.getJsonObject("actions").fieldNames()).contains("getMaxMinReport", "reboot");

        // Any signed-in caller reads them back, as stored: the canonical Thing Model.
        String member = api.member(unique("tmreader"));
        String guest = api.guest();
        for (String token : List.of(admin, member, guest)) {
            Res got = api.get(modelPath(tmId), token);
            assertThat(got.status()).as(got.toString()).isEqualTo(200);
            assertThat(got.json()).isEqualTo(c);
            Res gotDtdl = api.get(modelPath(dtmi), token);
            assertThat(gotDtdl.status()).as(gotDtdl.toString()).isEqualTo(200);
            assertThat(gotDtdl.json()).isEqualTo(imported.json());
        }
        // ':' and ';' need no encoding in a path segment
        assertThat(api.get("/api/models/" + dtmi, member).json().getString("id")).isEqualTo(dtmi);

        Res list = api.get("/api/models?page=1&size=100", member);
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.json().getLong("total")).isGreaterThanOrEqualTo(2).isEqualTo(twinModelCount());
        assertThat(list.json().getInteger("page")).isEqualTo(1);
        assertThat(list.json().getInteger("size")).isEqualTo(100);
        List<String> ids = new ArrayList<>();
        for (Object o : list.items()) {
            JsonObject item = (JsonObject) o;
            ids.add(item.getString("id"));
            assertThat(item.containsKey("model")).isFalse();
        }
        // newest first
        assertThat(ids).containsSubsequence(dtmi, tmId);
        Res small = api.get("/api/models?size=1", guest);
        assertThat(small.json().getJsonArray("items")).hasSize(1);
        assertThat(small.json().getLong("total")).isEqualTo(twinModelCount());
        Res badSize = api.get("/api/models?size=500", member);
        assertThat(badSize.status()).isEqualTo(400);
        assertThat(badSize.error()).isEqualTo("request:query.invalid");
    }

    @Test
    void aTwinModelThatIsNotValidIsRefusedWithEveryProblem() {
        String admin = api.login("admin", TestServers.ADMIN_PASSWORD);
        JsonObject bad = lamp();
        bad.getJsonObject("properties").getJsonObject("brightness").put("minimum", 100).put("maximum", 0);
        bad.getJsonObject("properties").getJsonObject("colourTemperature")
                .put("exclusiveMinimum", 10000).put("exclusiveMaximum", 1000);
        long before = twinModelCount();
        Res r = api.post("/api/models", admin, bad);
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.error()).isEqualTo("twin:model.invalid");
        assertThat(r.json().getString("message")).contains("/properties/brightness");
        JsonArray errors = r.json().getJsonArray("errors");
        List<String> pointers = new ArrayList<>();
        for (Object o : errors) {
            JsonObject e = (JsonObject) o;
            pointers.add(e.getString("pointer"));
            assertThat(e.getString("message")).isNotBlank();
        }
        assertThat(pointers).containsExactly("/properties/brightness", "/properties/colourTemperature");
        assertThat(errors.getJsonObject(0).getString("message")).contains("100").contains("0");

        // A DTDL interface with a problem is refused the same way, with pointers into what was sent.
        JsonObject badDtdl = thermostat();
        badDtdl.getJsonArray("contents").getJsonObject(0).put("schema", "no-such-schema");
        Res d = api.post("/api/models", admin, badDtdl);
        assertThat(d.status()).as(d.toString()).isEqualTo(422);
        assertThat(d.error()).isEqualTo("twin:model.invalid");
        assertThat(d.json().getJsonArray("errors").getJsonObject(0).getString("pointer")).startsWith("/contents/0");

        // Not a model at all, and not even JSON.
        Res empty = api.post("/api/models", admin, new JsonObject());
        assertThat(empty.status()).as(empty.toString()).isEqualTo(422);
        assertThat(empty.json().getJsonArray("errors")).isNotEmpty();
        Res malformed = api.send("POST", "/api/models", admin, "application/json",
                "{\"id\": \"urn:x\", ".getBytes(StandardCharsets.UTF_8));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.error()).isEqualTo("request:json.malformed");
        Res array = api.send("POST", "/api/models", admin, "application/json",
                "[]".getBytes(StandardCharsets.UTF_8));
        assertThat(array.status()).isEqualTo(400);
        assertThat(array.error()).isEqualTo("request:json.malformed");
        Res tooLongId = api.post("/api/models", admin, lamp().put("id", "urn:x:" + "a".repeat(300)));
        assertThat(tooLongId.status()).as(tooLongId.toString()).isEqualTo(422);
        assertThat(tooLongId.json().getJsonArray("errors").getJsonObject(0).getString("pointer")).isEqualTo("/id");
        assertThat(twinModelCount()).isEqualTo(before);
        assertThat(api.get(modelPath(bad.getString("id")), admin).status()).isEqualTo(404);
    }

    @Test
    void twinModelIdsAreUniqueAndOnlyOperatorsAndAdminsChangeModels() {
        String admin = api.login("admin", TestServers.ADMIN_PASSWORD);
        String member = api.member(unique("tmmember"));
        String guest = api.guest();
        JsonObject tm = lamp();
        String id = tm.getString("id");
        assertThat(api.post("/api/models", admin, tm).status()).isEqualTo(201);
        long before = twinModelCount();

        JsonObject again = tm.copy().put("title", "Another lamp");
        Res dup = api.post("/api/models", operator(), again);
        assertThat(dup.status()).as(dup.toString()).isEqualTo(409);
        assertThat(dup.error()).isEqualTo("twin:model.exists");
        assertThat(api.get(modelPath(id), admin).json().getString("title")).isEqualTo("Dimmable Lamp Thing Model");

        for (String token : List.of(member, guest)) {
            Res create = api.post("/api/models", token, lamp());
            assertThat(create.status()).as(create.toString()).isEqualTo(403);
            assertThat(create.error()).isEqualTo("auth:forbidden");
            Res delete = api.delete(modelPath(id), token);
            assertThat(delete.status()).as(delete.toString()).isEqualTo(403);
            assertThat(delete.error()).isEqualTo("auth:forbidden");
        }
        assertThat(api.post("/api/models", null, lamp()).status()).isEqualTo(401);
        assertThat(twinModelCount()).isEqualTo(before);

        Res unknown = api.get(modelPath("urn:pujiang:test:no-such-model"), member);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).isEqualTo("twin:model.not-found");
        Res unknownDelete = api.delete(modelPath("urn:pujiang:test:no-such-model"), admin);
        assertThat(unknownDelete.status()).isEqualTo(404);
        assertThat(unknownDelete.error()).isEqualTo("twin:model.not-found");

        assertThat(api.delete(modelPath(id), operator()).status()).isEqualTo(204);
        assertThat(twinModelCount()).isEqualTo(before - 1);
        Res gone = api.get(modelPath(id), admin);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.error()).isEqualTo("twin:model.not-found");
        assertThat(api.delete(modelPath(id), admin).status()).isEqualTo(404);
        // the id is free again
        assertThat(api.post("/api/models", admin, tm).status()).isEqualTo(201);
    }
}
