package org.pujiang.server.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.pujiang.ledger.checkpoint.Checkpoint;
import org.pujiang.ledger.checkpoint.NoteVerifier;
import org.pujiang.ledger.checkpoint.SignedNote;
import org.pujiang.ledger.tree.Hashes;
import org.pujiang.ledger.tree.Verification;
import org.pujiang.server.PujiangServer;
import org.pujiang.server.testing.ApiClient;
import org.pujiang.server.testing.ApiClient.Res;
import org.pujiang.server.testing.TestAssets;
import org.pujiang.server.testing.TestDatabase;
import org.pujiang.server.testing.TestServers;

/**
 * The asset ledger over real sockets, once per database: identity, register/mint/transfer/burn, the log's
 * checkpoints and proofs checked with the engine's verifiers, racing double spends, every kind of bad input (each
 * answered with its code, the log untouched), and a restart that rebuilds the asset state from the log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LedgerContract {
    private static final AtomicInteger SEQ = new AtomicInteger();

    TestDatabase db;
    Path data;
    PujiangServer server;
    ApiClient api;
    String admin;

    abstract TestDatabase.Kind kind();

    private static final Map<String, String> SETTINGS = Map.of(
            "ledger.checkpoint-interval", "PT0.1S",
            "assets.min-holding", "PT0S",
            "assets.max-transfers-per-day", "1000",
            "assets.max-file-bytes", "4096",
            "demo.enabled", "false");

    @BeforeAll
    void start(@TempDir Path temp) {
        db = TestDatabase.create(kind(), temp);
        data = temp.resolve("data");
        server = TestServers.start(db, data, SETTINGS);
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

    // ---- fixtures

    /** A valid GB 11643 number for a birth date (yyyyMMdd) and sequence. */
    static String idNumber(String birth, int sequence) {
        String body = "110105" + birth + String.format("%03d", sequence);
        int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * w[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    /** A verified adult member; returns {token, user id}. */
    String[] verifiedMember() {
        String name = "m" + SEQ.incrementAndGet() + "x" + Long.toString(System.nanoTime() % 100000, 36);
        String token = api.member(name);
        Res v = api.post("/api/me/verification", token, new JsonObject().put("realName", "张三")
                .put("idNumber", idNumber("19900101", SEQ.incrementAndGet() % 1000)));
        assertThat(v.status()).as(v.toString()).isEqualTo(200);
        return new String[] {token, api.get("/api/me", token).json().getString("id")};
    }

    static byte[] png(int seed) {
        return TestAssets.png(seed);
    }

    Res upload(String token, String fileName, byte[] file, String title, String editions) {
        return TestAssets.upload(api, token, fileName, file, title, editions, null);
    }

    /** An asset registered and fully minted by the admin (an approved organisation account). */
    String mintedAsset(int editions) {
        Res r = upload(admin, "art.png", png(SEQ.incrementAndGet()), "作品 " + SEQ.get(), Integer.toString(editions));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        String id = r.json().getString("id");
        Res m = api.post("/api/assets/" + id + "/mint", admin, new JsonObject());
        assertThat(m.status()).as(m.toString()).isEqualTo(200);
        return id;
    }

    long logSize() {
        return server.ledger().writer().tail().size();
    }

    Res transfer(String token, String asset, int edition, String to) {
        return api.post("/api/assets/" + asset + "/transfer", token, new JsonObject().put("to", to).put("edition", edition));
    }

    /** Waits until the published checkpoint covers the whole log, and returns it verified by the log's key. */
    Checkpoint covered() throws Exception {
        NoteVerifier key = NoteVerifier.parse(api.get("/api/log/key", null).json().getString("vkey"));
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            Res r = api.get("/api/log/checkpoint", null);
            if (r.status() == 200) {
                SignedNote note = SignedNote.parse(r.body());
                assertThat(note.verifiedBy(key)).isTrue();
                Checkpoint cp = Checkpoint.parse(note.body());
                if (cp.size() == logSize()) {
                    return cp;
                }
            }
            assertThat(System.nanoTime()).as("a checkpoint of the whole log within 10 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    static List<byte[]> hashes(JsonObject proof) {
        List<byte[]> out = new ArrayList<>();
        for (Object h : proof.getJsonArray("hashes")) {
            out.add(Base64.getDecoder().decode((String) h));
        }
        return out;
    }

    // ---- tests

    @Test
    void theKeyIsPublishedAsASignedNoteVerifierKey() throws Exception {
        JsonObject key = api.get("/api/log/key", null).json();
        NoteVerifier v = NoteVerifier.parse(key.getString("vkey"));
        assertThat(v.name()).isEqualTo(key.getString("origin")).startsWith("pujiang.local/log/");
        assertThat(key.getJsonArray("witnesses")).isEmpty();
        assertThat(key.getInteger("quorum")).isZero();
    }

    @Test
    void assetLifecycleIsInTheLogWithProofsThatVerify() throws Exception {
        String[] alice = verifiedMember();
        String[] bob = verifiedMember();
        long before = logSize();
        Res reg = upload(admin, "painting.png", png(SEQ.incrementAndGet()), "浦江夜景", "3");
        assertThat(reg.status()).as(reg.toString()).isEqualTo(201);
        JsonObject asset = reg.json();
        assertThat(asset.getString("contentHash")).startsWith("sha256:");
        assertThat(asset.getString("format")).isEqualTo("png");
        String id = asset.getString("id");
        Res mint = api.post("/api/assets/" + id + "/mint", admin, new JsonObject().put("count", 2));
        assertThat(mint.json().getInteger("edition")).isEqualTo(1);
        Res give = transfer(admin, id, 1, alice[1]);
        assertThat(give.status()).as(give.toString()).isEqualTo(200);
        Res pass = transfer(alice[0], id, 1, bob[1]);
        assertThat(pass.status()).as(pass.toString()).isEqualTo(200);
        Res burn = api.post("/api/assets/" + id + "/burn", admin, new JsonObject().put("edition", 2));
        assertThat(burn.status()).as(burn.toString()).isEqualTo(200);
        assertThat(logSize()).isEqualTo(before + 5);

        // Provenance: every event with its log index, in order.
        JsonArray events = api.get("/api/assets/" + id + "/provenance", alice[0]).json().getJsonArray("events");
        assertThat(events.stream().map(e -> ((JsonObject) e).getString("kind")))
                .containsExactly("register", "mint", "transfer", "transfer", "burn");
        assertThat(((JsonObject) events.getValue(3)).getString("to")).isEqualTo(bob[1]);
        // One edition's history, by its prev links; and pages of the asset's.
        assertThat(api.get("/api/assets/" + id + "/provenance?edition=1", alice[0]).json().getJsonArray("events")
                .stream().map(e -> ((JsonObject) e).getString("kind")))
                .containsExactly("register", "mint", "transfer", "transfer");
        assertThat(api.get("/api/assets/" + id + "/provenance?edition=2", alice[0]).json().getJsonArray("events")
                .stream().map(e -> ((JsonObject) e).getString("kind"))).containsExactly("register", "mint", "burn");
        JsonObject page = api.get("/api/assets/" + id + "/provenance?limit=2", alice[0]).json();
        assertThat(page.getJsonArray("events")).hasSize(2);
        assertThat(page.getInteger("total")).isEqualTo(5);
        JsonObject rest = api.get("/api/assets/" + id + "/provenance?limit=2&after=" + page.getLong("next"), alice[0])
                .json();
        assertThat(rest.getJsonArray("events").stream().map(e -> ((JsonObject) e).getString("kind")))
                .containsExactly("transfer", "transfer");
        assertThat(api.get("/api/me/assets", bob[0]).json().getJsonArray("editions")).hasSize(1);
        assertThat(api.get("/api/me/assets", alice[0]).json().getJsonArray("editions")).isEmpty();

        // Every entry's inclusion in the checkpoint, and the checkpoint's consistency with the size before.
        Checkpoint cp = covered();
        for (Object e : events) {
            long index = ((JsonObject) e).getLong("logIndex");
            JsonObject entry = api.get("/api/log/entries?start=" + index + "&end=" + (index + 1), null).json()
                    .getJsonArray("entries").getJsonObject(0);
            byte[] leaf = Base64.getDecoder().decode(entry.getString("data"));
            assertThat(new JsonObject(new String(leaf, StandardCharsets.UTF_8)).getString("asset")).isEqualTo(id);
            JsonObject proof = api.get("/api/log/proof/inclusion?index=" + index + "&size=" + cp.size(), null).json();
            Verification.inclusion(index, cp.size(), Hashes.leaf(leaf), hashes(proof), cp.root());
        }
        if (before > 0) {
            JsonObject c = api.get("/api/log/proof/consistency?from=" + before + "&to=" + cp.size(), null).json();
            byte[] oldRoot = server.ledger().reader().root(before);
            Verification.consistency(before, cp.size(), oldRoot, cp.root(), hashes(c));
        }
        // The proof bundle the browser verifies.
        JsonObject bundle = api.get("/api/assets/" + id + "/proof", alice[0]).json();
        assertThat(bundle.getLong("logIndex")).isEqualTo(burn.json().getLong("logIndex"));
        Checkpoint bundled = Checkpoint.parse(SignedNote.parse(bundle.getString("checkpoint")).body());
        Verification.inclusion(bundle.getLong("logIndex"), bundled.size(),
                Hashes.leaf(Base64.getDecoder().decode(bundle.getString("leaf"))),
                hashes(bundle.getJsonObject("inclusion")), bundled.root());
        // The file, by content.
        Res file = api.get("/api/assets/" + id + "/file", alice[0]);
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.header("Content-Type")).isEqualTo("image/png");
    }

    /**
     * An upload whose bytes arrive in two TCP writes split between the CR and LF before the closing delimiter (the
     * split that makes Netty's multipart decoder add a CR to the file) is stored byte for byte.
     */
    @Test
    void anUploadSplitInsideTheLineEndBeforeTheDelimiterArrivesIntact() throws Exception {
        byte[] file = png(SEQ.incrementAndGet());
        String boundary = "----split" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String[] f : new String[][] {{"title", "split"}, {"licence", "CC0"}, {"editions", "1"}}) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f[0] + "\"\r\n\r\n" + f[1]
                    + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"s.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        int split = body.size() + 1; // just after the CR of the line end before the delimiter
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        byte[] bytes = body.toByteArray();
        java.net.URI base = java.net.URI.create(server.baseUrl());
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            var out = socket.getOutputStream();
            out.write(("POST /api/assets HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAuthorization: Bearer " + admin
                    + "\r\nContent-Type: multipart/form-data; boundary=" + boundary + "\r\nContent-Length: "
                    + bytes.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes, 0, split);
            out.flush();
            Thread.sleep(100);
            out.write(bytes, split, bytes.length - split);
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 201");
            String hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(file));
            assertThat(answer).contains("\"contentHash\":\"sha256:" + hash + "\"");
        }
    }

    @Test
    void racingDoubleSpendsHaveExactlyOneWinner() throws Exception {
        String asset = mintedAsset(1);
        List<String[]> takers = List.of(verifiedMember(), verifiedMember(), verifiedMember(), verifiedMember());
        long before = logSize();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Res>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String to = takers.get(i % takers.size())[1];
                results.add(pool.submit((Callable<Res>) () -> transfer(admin, asset, 1, to)));
            }
            int won = 0;
            for (Future<Res> f : results) {
                Res r = f.get();
                if (r.status() == 200) {
                    won++;
                } else {
                    assertThat(r.status()).as(r.toString()).isEqualTo(403);
                    assertThat(r.error()).isEqualTo("asset:not-holder");
                }
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(logSize()).isEqualTo(before + 1);
    }

    @Test
    void aReplayedRequestGetsItsFirstAnswerAndAppendsNothing() {
        String asset = mintedAsset(2);
        String[] alice = verifiedMember();
        JsonObject body = new JsonObject().put("to", alice[1]).put("edition", 1).put("requestId", "gift-" + asset);
        Res first = api.post("/api/assets/" + asset + "/transfer", admin, body);
        assertThat(first.status()).isEqualTo(200);
        long size = logSize();
        Res again = api.post("/api/assets/" + asset + "/transfer", admin, body);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().getLong("logIndex")).isEqualTo(first.json().getLong("logIndex"));
        assertThat(again.json().getBoolean("replayed")).isTrue();
        assertThat(logSize()).isEqualTo(size);
    }

    @Test
    void badRequestsGetTheirCodeAndLeaveTheLogUntouched() throws Exception {
        String asset = mintedAsset(2);
        String[] alice = verifiedMember();
        String stranger = api.member("s" + SEQ.incrementAndGet() + "x" + System.nanoTime() % 1000);
        String strangerId = api.get("/api/me", stranger).json().getString("id");
        String minor = api.member("k" + SEQ.incrementAndGet() + "x" + System.nanoTime() % 1000);
        Res kid = api.post("/api/me/verification", minor, new JsonObject().put("realName", "小明")
                .put("idNumber", idNumber("20150601", 7)));
        assertThat(kid.status()).as(kid.toString()).isEqualTo(200);
        assertThat(kid.json().getBoolean("adult")).isFalse();
        String minorId = api.get("/api/me", minor).json().getString("id");
        covered();
        long size = logSize();

        Map<String, Res> refusals = new java.util.LinkedHashMap<>();
        refusals.put("asset:not-holder", transfer(alice[0], asset, 1, strangerId));
        refusals.put("asset:identity.unverified", transfer(admin, asset, 1, strangerId));
        refusals.put("asset:identity.minor", transfer(admin, asset, 1, minorId));
        refusals.put("asset:self-transfer", transfer(admin, asset, 1, api.get("/api/me", admin).json().getString("id")));
        refusals.put("asset:edition.not-found", transfer(admin, asset, 9, alice[1]));
        refusals.put("asset:recipient.not-found", transfer(admin, asset, 1, "nobody-" + System.nanoTime()));
        refusals.put("asset:not-found", transfer(admin, "00000000-0000-4000-8000-000000000000", 1, alice[1]));
        refusals.put("asset:editions.exhausted", api.post("/api/assets/" + asset + "/mint", admin, new JsonObject()));
        refusals.put("asset:not-creator", api.post("/api/assets/" + asset + "/mint", alice[0], new JsonObject()));
        refusals.put("asset:creator.not-approved", upload(alice[0], "mine.png", png(SEQ.incrementAndGet()), "x", "1"));
        refusals.put("asset:format.mismatch", upload(admin, "model.glb", png(SEQ.incrementAndGet()), "spoof", "1"));
        byte[] broken = png(SEQ.incrementAndGet());
        broken[broken.length - 20] ^= 0x40; // inside IDAT: its CRC no longer matches
        refusals.put("asset:format.corrupt", upload(admin, "broken.png", broken, "broken", "1"));
        refusals.put("asset:format.unsupported", upload(admin, "notes.txt", "hello".getBytes(), "text", "1"));
        refusals.put("asset:file.too-large", upload(admin, "big.png", new byte[5000], "big", "1"));
        refusals.put("identity:id-number.invalid", api.post("/api/me/verification", stranger,
                new JsonObject().put("realName", "李四").put("idNumber", "110105199001010011")));
        refusals.put("ledger:range.invalid", api.get("/api/log/proof/inclusion?index=" + size + "&size=" + size, null));
        refusals.put("request:query.invalid", api.get("/api/log/proof/consistency?from=x&to=1", null));
        refusals.put("auth:token.missing", api.post("/api/assets/" + asset + "/transfer", null,
                new JsonObject().put("to", alice[1]).put("edition", 1)));
        refusals.put("auth:token.invalid", transfer(admin.substring(0, admin.length() - 4) + "AAAA", asset, 1, alice[1]));
        for (Map.Entry<String, Res> e : refusals.entrySet()) {
            Res r = e.getValue();
            assertThat(r.error()).as("%s: %s", e.getKey(), r).isEqualTo(e.getKey());
            assertThat(r.status()).as(e.getKey()).isBetween(400, 499);
            assertThat(r.json().getString("message")).as(e.getKey()).isNotBlank();
        }
        assertThat(logSize()).isEqualTo(size);
        // Policy violations are in the audit log, which only operators read.
        assertThat(api.get("/api/audit", alice[0]).status()).isEqualTo(403);
        JsonArray audit = api.get("/api/audit?limit=100", admin).json().getJsonArray("events");
        assertThat(audit.stream().map(e -> ((JsonObject) e).getString("outcome")))
                .contains("asset:not-holder", "asset:identity.minor", "asset:format.mismatch", "identity:id-number.invalid");
        assertThat(audit.encode()).doesNotContain("110105199001010011"); // never the number itself
    }

    @Test
    void aVerificationKeepsOnlyTheMaskedNumberAndOneNumberVerifiesOneAccount() {
        String token = api.member("v" + SEQ.incrementAndGet() + "x" + System.nanoTime() % 1000);
        String number = idNumber("19851231", 321);
        assertThat(api.post("/api/me/verification", token, new JsonObject().put("realName", "王五")
                .put("idNumber", number.toLowerCase())).status()).isEqualTo(200);
        JsonObject v = api.get("/api/me/verification", token).json();
        assertThat(v.getString("status")).isEqualTo("verified");
        assertThat(v.getString("idNumber")).isEqualTo(number.substring(0, 3) + "*".repeat(11) + number.substring(14));
        assertThat(v.getString("realName")).isEqualTo("王*");
        assertThat(v.getString("birthDate")).isEqualTo("1985-12-31");
        assertThat(v.encode()).doesNotContain(number.substring(3, 14));
        String other = api.member("w" + SEQ.incrementAndGet() + "x" + System.nanoTime() % 1000);
        Res again = api.post("/api/me/verification", other, new JsonObject().put("realName", "王五").put("idNumber", number));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error()).isEqualTo("identity:id-number.taken");
    }

    @Test
    void anOwnerPlacesAnEditionInASpaceWhileHoldingIt() {
        String asset = mintedAsset(1);
        String space = api.post("/api/spaces", admin, new JsonObject().put("name", "Gallery " + SEQ.incrementAndGet())
                .put("template", "gallery").put("visibility", "public")).json().getString("id");
        Res bad = api.post("/api/spaces/" + space + "/assets", admin,
                new JsonObject().put("asset", asset).put("edition", 1).put("slot", "ceiling-9"));
        assertThat(bad.error()).isEqualTo("asset:slot.invalid");
        Res placed = api.post("/api/spaces/" + space + "/assets", admin,
                new JsonObject().put("asset", asset).put("edition", 1).put("slot", "wall-1"));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        Res taken = api.post("/api/spaces/" + space + "/assets", admin,
                new JsonObject().put("asset", asset).put("edition", 1).put("slot", "wall-1"));
        assertThat(taken.error()).isEqualTo("asset:slot.taken");
        String visitor = api.guest();
        JsonArray shown = api.get("/api/spaces/" + space + "/assets", visitor).json().getJsonArray("placements");
        assertThat(shown).hasSize(1);
        assertThat(shown.getJsonObject(0).getString("fileUrl")).isEqualTo("/api/assets/" + asset + "/file");
        // Given away: no longer the owner's to show.
        String[] alice = verifiedMember();
        assertThat(transfer(admin, asset, 1, alice[1]).status()).isEqualTo(200);
        assertThat(api.get("/api/spaces/" + space + "/assets", visitor).json().getJsonArray("placements")).isEmpty();
    }

    @Test
    void aRestartRebuildsTheAssetsFromTheLogAndExtendsTheSameTree() throws Exception {
        String asset = mintedAsset(2);
        String[] alice = verifiedMember();
        assertThat(transfer(admin, asset, 2, alice[1]).status()).isEqualTo(200);
        Checkpoint before = covered();
        server.close();
        server = TestServers.start(db, data, SETTINGS);
        api = new ApiClient(server.baseUrl());
        admin = api.login("admin", TestServers.ADMIN_PASSWORD);
        // Sessions live in the database: alice's token still works.
        assertThat(logSize()).isEqualTo(before.size());
        JsonArray mine = api.get("/api/me/assets", alice[0]).json().getJsonArray("editions");
        assertThat(mine.stream().map(e -> ((JsonObject) e).getInteger("edition"))).containsExactly(2);
        assertThat(transfer(admin, asset, 1, alice[1]).status()).isEqualTo(200);
        Checkpoint after = covered();
        JsonObject c = api.get("/api/log/proof/consistency?from=" + before.size() + "&to=" + after.size(), null).json();
        Verification.consistency(before.size(), after.size(), before.root(), after.root(), hashes(c));
    }
}
