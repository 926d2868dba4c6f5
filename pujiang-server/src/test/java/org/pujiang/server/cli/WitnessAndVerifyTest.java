package org.pujiang.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pujiang.ledger.asset.AccountId;
import org.pujiang.ledger.asset.AssetId;
import org.pujiang.ledger.asset.LedgerEntry;
import org.pujiang.ledger.asset.MediaFormat;
import org.pujiang.ledger.checkpoint.Checkpoint;
import org.pujiang.ledger.checkpoint.CosignatureVerifier;
import org.pujiang.ledger.checkpoint.SignedNote;
import org.pujiang.ledger.checkpoint.SigningKey;
import org.pujiang.server.PujiangServer;
import org.pujiang.server.testing.TestDatabase;
import org.pujiang.server.testing.TestServers;
import picocli.CommandLine;

/**
 * {@code pujiang witness} and {@code pujiang log verify} against real servers (H2): witnesses cosign and the published
 * checkpoint then passes a quorum check; a forked log (a second server holding a copy of the first one's key, hence
 * the same origin, with other entries) is refused by the witness that cosigned the first and by {@code log verify
 * --state}; a tampered entry, a tampered checkpoint and a wrong key fail with exit code 1; {@code --full} recomputes
 * the root over several pages.
 */
class WitnessAndVerifyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path keys;
    static String w1;
    static String w2;
    static String w3;

    @TempDir
    Path temp;

    private final List<AutoCloseable> open = new ArrayList<>();

    private record Run(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    /** A running log server and how to reach it. */
    private record Log(PujiangServer server, Path data, String url, String vkey, String origin) {
        long signedSize() {
            var cp = server.ledger().writer().tail().checkpoint();
            return cp == null ? 0 : cp.size();
        }
    }

    @BeforeAll
    static void witnessKeys() {
        w1 = keygen("witness-one.example/pujiang", keys.resolve("w1.key"));
        w2 = keygen("witness-two.example/pujiang", keys.resolve("w2.key"));
        w3 = keygen("witness-three.example/pujiang", keys.resolve("w3.key"));
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    // ---- fixtures

    private static Run pujiang(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static String keygen(String name, Path file) {
        Run r = pujiang("witness", "keygen", "--name", name, "--out", file.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        return r.out().strip();
    }

    private Log start(String name, List<String> witnesses, int quorum, Path copyKeyFrom) throws IOException {
        Path dir = temp.resolve(name);
        Path data = dir.resolve("data");
        if (copyKeyFrom != null) {
            Files.createDirectories(data.resolve("ledger"));
            Files.copy(copyKeyFrom.resolve("ledger").resolve("log.key"), data.resolve("ledger").resolve("log.key"));
        }
        TestDatabase db = TestDatabase.create(TestDatabase.Kind.H2, dir);
        open.add(db);
        PujiangServer server = TestServers.start(db, data, Map.of(
                "ledger.checkpoint-interval", "PT0.05S",
                "ledger.witnesses", String.join(",", witnesses),
                "ledger.quorum", Integer.toString(quorum),
                "demo.enabled", "false"));
        open.add(server);
        return new Log(server, data, server.baseUrl(), server.ledger().writer().key().vkey(),
                server.ledger().writer().origin());
    }

    /** Appends consistent entries: one asset registered, its editions minted, then transfers; waits for a checkpoint. */
    private static void append(Log log, int transfers) throws Exception {
        long first = log.server().ledger().writer().tail().size();
        AssetId asset = AssetId.random();
        AccountId creator = new AccountId(UUID.randomUUID());
        long at = System.currentTimeMillis();
        List<LedgerEntry> entries = new ArrayList<>();
        entries.add(new LedgerEntry.Register(asset, "sha256:" + "ab".repeat(32), MediaFormat.PNG, 1234,
                "作品 " + first, creator, "CC BY-NC 4.0", Math.max(1, transfers), at));
        entries.add(new LedgerEntry.Mint(asset, 1, Math.max(1, transfers), creator, at));
        for (int i = 0; i < transfers; i++) {
            entries.add(new LedgerEntry.Transfer(asset, i + 1, creator, new AccountId(UUID.randomUUID()), first + 1,
                    at + i));
        }
        List<CompletableFuture<Long>> done = new ArrayList<>();
        for (LedgerEntry e : entries) {
            done.add(log.server().ledger().writer().append(e.encode()));
        }
        for (CompletableFuture<Long> f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
        awaitCheckpoint(log, first + entries.size());
    }

    private static void awaitCheckpoint(Log log, long size) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (log.signedSize() < size) {
            assertThat(System.nanoTime()).as("a checkpoint of size " + size).isLessThan(until);
            Thread.sleep(20);
        }
    }

    private static Run witness(Log log, String key, Path state, String... more) {
        List<String> args = new ArrayList<>(List.of("witness", "run", "--once", "--log", log.url(), "--key",
                keys.resolve(key).toString(), "--state", state.toString()));
        args.addAll(List.of(more));
        return pujiang(args.toArray(String[]::new));
    }

    private static Run verify(String url, String vkey, String... more) {
        List<String> args = new ArrayList<>(List.of("log", "verify", "--url", url, "--key", vkey));
        args.addAll(List.of(more));
        return pujiang(args.toArray(String[]::new));
    }

    private static String get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A proxy in front of {@code target} that lets {@code rewrite(path, body)} change what the log answers. */
    private String tamperingProxy(String target, java.util.function.BiFunction<String, String, String> rewrite)
            throws IOException {
        HttpServer proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        proxy.createContext("/", ex -> {
            try {
                String pathAndQuery = ex.getRequestURI().toString();
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(target + pathAndQuery)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                reply(ex, r.statusCode(), r.headers().firstValue("Content-Type").orElse("text/plain"),
                        rewrite.apply(ex.getRequestURI().getPath(), r.body()));
            } catch (Exception e) {
                reply(ex, 502, "text/plain", e.toString());
            }
        });
        proxy.start();
        open.add(() -> proxy.stop(0));
        return "http://127.0.0.1:" + proxy.getAddress().getPort();
    }

    private static void reply(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    /** Rewrites entry {@code index} in an entries page with {@code change}. */
    private static String tamperEntry(String page, long index, UnaryOperator<String> change) {
        try {
            ObjectNode doc = (ObjectNode) JSON.readTree(page);
            for (var e : doc.withArray("entries")) {
                if (e.path("index").asLong() == index) {
                    String text = new String(Base64.getDecoder().decode(e.path("data").asText()),
                            StandardCharsets.UTF_8);
                    ((ObjectNode) e).put("data", Base64.getEncoder().encodeToString(
                            change.apply(text).getBytes(StandardCharsets.UTF_8)));
                }
            }
            return JSON.writeValueAsString(doc);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- tests

    @Test
    void keygenWritesAnOwnerOnlySecretAndNeverOverwrites() throws Exception {
        Path file = temp.resolve("w.key");
        Run made = pujiang("witness", "keygen", "--name", "witness.example.org/w", "--out", file.toString());
        assertThat(made.code()).as(made.toString()).isZero();
        CosignatureVerifier v = CosignatureVerifier.parse(made.out().strip());
        assertThat(v.name()).isEqualTo("witness.example.org/w");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String secret = Files.readString(file);
        assertThat(secret).startsWith("PRIVATE+KEY+witness.example.org/w+");

        Run again = pujiang("witness", "keygen", "--name", "witness.example.org/w", "--out", file.toString());
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("already exists").doesNotContain("Exception");
        assertThat(Files.readString(file)).isEqualTo(secret);

        Run badName = pujiang("witness", "keygen", "--name", "two words", "--out", temp.resolve("x.key").toString());
        assertThat(badName.code()).isEqualTo(2);
        assertThat(temp.resolve("x.key")).doesNotExist();
    }

    @Test
    void witnessesCosignAndTheCheckpointPassesVerifyWithItsQuorum() throws Exception {
        Log log = start("a", List.of(w1, w2), 2, null);
        append(log, 3); // register, mint, 3 transfers: size 5
        Path s1 = temp.resolve("w1-state");
        Path s2 = temp.resolve("w2-state");
        Path seen = temp.resolve("verifier.state");

        // Before any cosignature nothing is published: a server error (2), not a failed check.
        Run early = verify(log.url(), log.vkey(), "--witness", w1, "--witness", w2);
        assertThat(early.code()).as(early.toString()).isEqualTo(2);
        assertThat(early.err()).contains("503").contains("ledger:checkpoint.none").doesNotContain("\tat ");

        Run one = witness(log, "w1.key", s1);
        assertThat(one.code()).as(one.toString()).isZero();
        assertThat(one.out()).contains("trust on first use").contains("size 5").contains("cosigned (1 cosignature,");
        Run two = witness(log, "w2.key", s2, "--vkey", log.vkey());
        assertThat(two.code()).as(two.toString()).isZero();
        assertThat(two.out()).doesNotContain("trust on first use").contains("cosigned (2 cosignatures, quorum 2)");

        String published = get(log.url() + "/api/log/checkpoint");
        SignedNote note = SignedNote.parse(published);
        Checkpoint cp = Checkpoint.parse(note.body());
        assertThat(CosignatureVerifier.parse(w1).verify(note)).isPresent();
        assertThat(CosignatureVerifier.parse(w2).verify(note)).isPresent();

        Run ok = verify(log.url(), log.vkey(), "--witness", w1, "--witness", w2, "--quorum", "2", "--state",
                seen.toString(), "--entry", "0", "--entry", "4", "--full");
        assertThat(ok.code()).as(ok.toString()).isZero();
        assertThat(ok.out())
                .contains("signature: ok (key " + log.origin() + "+")
                .contains("cosignatures: 2 of 2 (quorum 2): ok")
                .contains("consistency: no saved state")
                .contains("inclusion of 0: ok (register)")
                .contains("inclusion of 4: ok (transfer)")
                .containsPattern("full: 5 entries, root matches, kinds \\{register=1, mint=1, transfer=3}, [0-9.]+ s")
                .contains("state: saved size 5");
        assertThat(Files.readString(seen)).isEqualTo(cp.body());

        // Polling again without news: nothing new to sign.
        Run idle = witness(log, "w1.key", s1);
        assertThat(idle.code()).as(idle.toString()).isZero();
        assertThat(idle.out()).contains("cosigned before (unchanged)");

        // A third witness the verifier requires has not cosigned: quorum 3 of 3 fails, 2 of 3 passes.
        Run short3 = verify(log.url(), log.vkey(), "--witness", w1, "--witness", w2, "--witness", w3);
        assertThat(short3.code()).as(short3.toString()).isEqualTo(1);
        assertThat(short3.out()).contains("cosignatures: 2 of 3 (quorum 3): FAILED; none by witness-three.example");
        assertThat(verify(log.url(), log.vkey(), "--witness", w1, "--witness", w2, "--witness", w3, "--quorum", "2")
                .code()).isZero();

        // The log grows: both witnesses check consistency 5 → 9 and cosign, the verifier follows.
        append(log, 2);
        assertThat(witness(log, "w1.key", s1).out()).contains("size 9").contains("cosigned");
        assertThat(witness(log, "w2.key", s2, "--vkey", log.vkey()).code()).isZero();
        Run grown = verify(log.url(), log.vkey(), "--witness", w1, "--witness", w2, "--state", seen.toString());
        assertThat(grown.code()).as(grown.toString()).isZero();
        assertThat(grown.out()).contains("consistency 5 → 9: ok").contains("state: saved size 9");

        // Usage errors are 2 and one line.
        Run usage = verify(log.url(), log.vkey(), "--witness", w1, "--quorum", "2");
        assertThat(usage.code()).isEqualTo(2);
        assertThat(usage.err()).contains("--quorum must be between 0 and").doesNotContain("Exception");
        Run beyond = verify(log.url(), log.vkey(), "--entry", "99");
        assertThat(beyond.code()).isEqualTo(2);
        assertThat(beyond.err()).contains("covers entries 0 to 8");
    }

    @Test
    void aForkedLogIsRefusedByTheWitnessThatCosignedTheOriginalAndByVerify() throws Exception {
        Log a = start("a", List.of(w1), 0, null);
        append(a, 2); // size 4
        Path state = temp.resolve("w1-state");
        Path seen = temp.resolve("verifier.state");
        assertThat(witness(a, "w1.key", state).code()).isZero();
        assertThat(verify(a.url(), a.vkey(), "--witness", w1, "--state", seen.toString()).code()).isZero();
        String cosignedBefore = Files.readString(seen);

        // Same key, so same origin and valid log signatures: only history tells the two apart.
        Log b = start("b", List.of(w1), 0, a.data());
        assertThat(b.vkey()).isEqualTo(a.vkey());

        append(b, 1); // size 3: smaller than the cosigned 4
        Run shrank = witness(b, "w1.key", state);
        assertThat(shrank.code()).as(shrank.toString()).isEqualTo(1);
        assertThat(shrank.out()).contains("REFUSED: the log shrank from 4 to 3");

        append(b, 0); // register + mint: size 5, larger than the cosigned 4 but not an extension of it
        long bSize = b.signedSize();
        assertThat(bSize).isEqualTo(5);

        Run forked = witness(b, "w1.key", state);
        assertThat(forked.code()).as(forked.toString()).isEqualTo(1);
        assertThat(forked.out()).contains("REFUSED: the consistency proof 4 → " + bSize + " does not verify");
        assertThat(forked.err())
                .contains("REFUSED to cosign " + a.origin())
                .contains("cosigned before:").contains("offered now:")
                .contains("| \u2014 witness-one.example/pujiang ") // the state keeps the witness's own cosignature
                .contains("| " + a.origin())
                .contains("kept the offered one in");
        assertThat(forked.err()).doesNotContain("\tat ");
        assertThat(get(b.url() + "/api/log/checkpoints/latest")).doesNotContain("witness-one.example");
        assertThat(Files.list(state).map(p -> p.getFileName().toString()))
                .anyMatch(n -> n.contains(".refused-" + bSize + "-"));

        Run verifyFork = verify(b.url(), b.vkey(), "--state", seen.toString());
        assertThat(verifyFork.code()).as(verifyFork.toString()).isEqualTo(1);
        assertThat(verifyFork.out()).contains("signature: ok").contains("consistency 4 → " + bSize + ": FAILED")
                .contains("root mismatch");
        assertThat(Files.readString(seen)).isEqualTo(cosignedBefore);

        // The witness state is untouched by the refusals: the real log goes on being cosigned.
        append(a, 3); // 4 + 5 = 9
        Run onA = witness(a, "w1.key", state);
        assertThat(onA.code()).as(onA.toString()).isZero();
        assertThat(onA.out()).contains("size 9").contains("cosigned");
    }

    @Test
    void aSecondRootForACosignedSizeIsRefusedAndARunningWitnessKeepsRefusing() throws Exception {
        Log a = start("a", List.of(w1), 0, null);
        append(a, 2); // size 4
        Path state = temp.resolve("w1-state");
        Path seen = temp.resolve("verifier.state");
        assertThat(witness(a, "w1.key", state).code()).isZero();
        assertThat(verify(a.url(), a.vkey(), "--state", seen.toString()).code()).isZero();

        Log b = start("b", List.of(w1), 0, a.data());
        append(b, 2); // size 4, other entries
        Run same = witness(b, "w1.key", state);
        assertThat(same.code()).as(same.toString()).isEqualTo(1);
        assertThat(same.out()).contains("REFUSED: a second root for size 4");
        Run verifySame = verify(b.url(), b.vkey(), "--state", seen.toString());
        assertThat(verifySame.code()).isEqualTo(1);
        assertThat(verifySame.out()).contains("consistency 4 → 4: FAILED — a second root for size 4");

        // Without --once it keeps running and keeps refusing, round after round, and never posts.
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int[] code = {-1};
        Thread loop = new Thread(() -> {
            CommandLine cl = Main.commandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            code[0] = cl.execute("witness", "run", "--log", b.url(), "--key", keys.resolve("w1.key").toString(),
                    "--state", state.toString(), "--interval", "100ms");
        });
        loop.start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (out.toString().split("REFUSED", -1).length < 4 && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        loop.interrupt();
        loop.join(10_000);
        assertThat(loop.isAlive()).isFalse();
        assertThat(out.toString().split("REFUSED", -1).length).as(out.toString()).isGreaterThanOrEqualTo(4);
        assertThat(out.toString()).doesNotContain(" cosigned (");
        // the full report with both checkpoints is written once, not every round
        assertThat(err.toString().split("cosigned before:", -1).length).isEqualTo(2);
        assertThat(code[0]).isZero();
        assertThat(get(b.url() + "/api/log/checkpoints/latest")).doesNotContain("witness-one.example");
    }

    @Test
    void tamperedEntriesCheckpointsAndWrongKeysFailWithExitCode1() throws Exception {
        Log log = start("a", List.of(), 0, null);
        append(log, 5); // size 7
        assertThat(verify(log.url(), log.vkey(), "--entry", "3", "--full").code()).isZero();

        // An entry served with one byte changed: its inclusion proof leads to another root.
        String proxy = tamperingProxy(log.url(), (path, body) -> path.equals("/api/log/entries")
                ? tamperEntry(body, 3, t -> t.replace("\"edition\":2", "\"edition\":3")) : body);
        Run entry = verify(proxy, log.vkey(), "--entry", "3");
        assertThat(entry.code()).as(entry.toString()).isEqualTo(1);
        assertThat(entry.out()).containsPattern("inclusion of 3: FAILED — root mismatch: expected [0-9a-f]{64}, "
                + "computed [0-9a-f]{64}");
        Run whole = verify(proxy, log.vkey(), "--full");
        assertThat(whole.code()).as(whole.toString()).isEqualTo(1);
        assertThat(whole.out()).containsPattern("full: 7 entries, root MISMATCH — the checkpoint says [0-9a-f]{64}, "
                + "the entries give [0-9a-f]{64}");
        assertThat(whole.out() + whole.err()).doesNotContain("\tat ");

        // A checkpoint with another root: the log's signature no longer holds.
        String forged = tamperingProxy(log.url(), (path, body) -> {
            if (!path.equals("/api/log/checkpoint")) {
                return body;
            }
            String[] lines = body.split("\n", 4);
            return lines[0] + "\n" + lines[1] + "\n" + Base64.getEncoder().encodeToString(new byte[32]) + "\n"
                    + lines[3];
        });
        Run badSig = verify(forged, log.vkey());
        assertThat(badSig.code()).as(badSig.toString()).isEqualTo(1);
        assertThat(badSig.out()).contains("signature: FAILED — no valid signature by " + log.origin() + "+");

        // A key of the same name but another secret, and a key for another log.
        Run otherKey = verify(log.url(), SigningKey.generate(log.origin()).vkey());
        assertThat(otherKey.code()).as(otherKey.toString()).isEqualTo(1);
        assertThat(otherKey.out()).contains("signature: FAILED");
        Run otherLog = verify(log.url(), SigningKey.generate("another.example/log").vkey());
        assertThat(otherLog.code()).isEqualTo(1);
        assertThat(otherLog.out()).contains("the checkpoint is for origin '" + log.origin()
                + "' but --key is for 'another.example/log'");

        // A witness given the wrong log key refuses, and does not pin anything.
        Path state = temp.resolve("w-state");
        Run witnessWrong = pujiang("witness", "run", "--once", "--log", log.url(), "--key",
                keys.resolve("w1.key").toString(), "--state", state.toString(), "--vkey",
                SigningKey.generate(log.origin()).vkey());
        assertThat(witnessWrong.code()).as(witnessWrong.toString()).isEqualTo(1);
        assertThat(witnessWrong.out()).contains("REFUSED: the log's signature does not verify");

        // Unreachable: 2, one line, no stack trace.
        Run down = verify("http://127.0.0.1:" + freePort(), log.vkey());
        assertThat(down.code()).isEqualTo(2);
        assertThat(down.err()).contains("cannot reach the log").doesNotContain("Exception");
        assertThat(down.err().lines().count()).isEqualTo(1);
    }

    @Test
    void fullRecomputesTheRootOverSeveralPagesInParallel() throws Exception {
        Log log = start("a", List.of(), 0, null);
        append(log, 2498); // 2500 entries: three pages
        Run full = verify(log.url(), log.vkey(), "--full", "--parallel", "3");
        assertThat(full.code()).as(full.toString()).isZero();
        assertThat(full.out()).containsPattern(
                "full: 2500 entries, root matches, kinds \\{register=1, mint=1, transfer=2498}, [0-9.]+ s");
        Run one = verify(log.url(), log.vkey(), "--full", "--parallel", "1", "--entry", "2499", "--entry", "1000");
        assertThat(one.code()).as(one.toString()).isZero();
        assertThat(one.out()).contains("inclusion of 2499: ok (transfer)").contains("inclusion of 1000: ok (transfer)");
    }
}
