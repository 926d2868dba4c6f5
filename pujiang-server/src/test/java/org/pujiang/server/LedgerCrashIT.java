package org.pujiang.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pujiang.ledger.asset.AssetBook;
import org.pujiang.ledger.asset.AssetId;
import org.pujiang.ledger.asset.AssetPolicy;
import org.pujiang.ledger.asset.EditionView;
import org.pujiang.ledger.asset.EntryFormatException;
import org.pujiang.ledger.asset.LedgerEntry;
import org.pujiang.ledger.checkpoint.Checkpoint;
import org.pujiang.ledger.checkpoint.FormatException;
import org.pujiang.ledger.checkpoint.NoteVerifier;
import org.pujiang.ledger.checkpoint.SignedNote;
import org.pujiang.ledger.tree.CompactRange;
import org.pujiang.ledger.tree.Hashes;
import org.pujiang.ledger.tree.ProofException;
import org.pujiang.ledger.tree.Verification;
import org.pujiang.server.config.ServerConfig;
import org.pujiang.server.testing.ApiClient;
import org.pujiang.server.testing.ApiClient.Res;
import org.pujiang.server.testing.TestAssets;
import org.pujiang.server.testing.TestDatabase;

/**
 * Crash safety of the asset log (issue #6): "acknowledged" must mean "durable". The packaged server
 * ({@code bin/pujiang serve}, as LauncherIT runs it) takes a stream of concurrent transfers and is killed with
 * SIGKILL at a random moment, again and again on the same data dir; after each restart every transfer it answered
 * 200 must be in the log at the index it named, with exactly the edition, sender and recipient asked for, the log
 * must extend (RFC 9162 §2.1.4 consistency) the last checkpoint a client saw before the kill, every entry must
 * decode and the whole log must replay into a valid asset state. Once on H2 and once on PostgreSQL when
 * {@code PUJIANG_TEST_PG_URL} is set (skipped otherwise, failed when CI=true, as the other PostgreSQL tests).
 *
 * <p>Knobs (system properties): {@code ledger.crash.rounds} (H2, default 20), {@code ledger.crash.pg-rounds}
 * (default 5), {@code ledger.crash.seed} (the kill moments; printed on each run), {@code ledger.crash.jar} (another
 * server jar, e.g. one with a durability bug planted, to see that this test catches it).
 *
 * <p>Runs on the JUnit thread, with {@value #THREADS} transfer threads and one checkpoint watcher during a round.
 */
class LedgerCrashIT {
    private static final Path HOME = Path.of(System.getProperty("pujiang.home", "..")).toAbsolutePath().normalize();
    private static final Pattern READY = Pattern.compile("Pujiang is ready at (http://127\\.0\\.0\\.1:\\d+)/");
    private static final String ADMIN_PASSWORD = "crash-admin-password";
    private static final int EDITIONS = 64;
    private static final int THREADS = 8;
    private static final int PAGE = 1000;

    @TempDir
    Path temp;

    @Test
    void acknowledgedTransfersSurviveKillNineOnH2() throws Exception {
        new Run(null, temp.resolve("h2-data"), Integer.getInteger("ledger.crash.rounds", 20)).go();
    }

    @Test
    void acknowledgedTransfersSurviveKillNineOnPostgres() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.POSTGRES, temp)) {
            new Run(db.config(), temp.resolve("pg-data"), Integer.getInteger("ledger.crash.pg-rounds", 5)).go();
        }
    }

    /** A transfer the server answered 200, and what it was asked to do. */
    record Ack(int round, long index, int edition, String from, String to) {}

    /** A transfer cut off by the kill: sent, never answered. */
    record InDoubt(int edition, String from, String to) {}

    /** One server process; its output is kept (the last lines) for failure messages. */
    static final class Server {
        final Process process;
        final Deque<String> lines = new ArrayDeque<>();
        private boolean ended;

        Server(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        synchronized (lines) {
                            lines.add(line);
                            if (lines.size() > 400) {
                                lines.removeFirst();
                            }
                            lines.notifyAll();
                        }
                    }
                } catch (IOException ignored) {
                    // the process went away
                } finally {
                    synchronized (lines) {
                        ended = true;
                        lines.notifyAll();
                    }
                }
            }, "crash-server-output");
            reader.setDaemon(true);
            reader.start();
        }

        String output() {
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }

        String awaitReady(long seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            synchronized (lines) {
                while (true) {
                    for (String line : lines) {
                        Matcher m = READY.matcher(line);
                        if (m.find()) {
                            return m.group(1);
                        }
                    }
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0 || ended) {
                        throw new AssertionError("the server did not become ready within " + seconds + " s; output:\n"
                                + String.join("\n", lines));
                    }
                    lines.wait(Math.min(left, 200));
                }
            }
        }

        /** SIGKILL to the JVM and anything it started (bin/pujiang execs java, but do not rely on it). */
        void kill() throws InterruptedException {
            List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
            all.add(process.toHandle());
            for (ProcessHandle h : all) {
                h.destroyForcibly(); // SIGKILL on Linux
            }
            for (ProcessHandle h : all) {
                try {
                    h.onExit().get(30, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    throw new AssertionError("process " + h.pid() + " did not die of SIGKILL within 30 s", e);
                }
            }
        }

        /** SIGTERM and a clean stop. */
        void stop() throws InterruptedException {
            process.toHandle().destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    /** One scenario on one database: setup, then rounds of load, kill -9, restart and check. */
    private final class Run {
        final ServerConfig.Database pg;
        final Path data;
        final int rounds;
        final long seed = Long.getLong("ledger.crash.seed", System.nanoTime());
        final Random random = new Random(seed);
        final String runId = Long.toString(seed & 0xffffffL, 36);
        final List<Ack> acks = new ArrayList<>();
        /** Each edition's newest transfer in the verified log, and its index. */
        final Map<Integer, LedgerEntry.Transfer> lastTransfer = new HashMap<>();
        final Map<Integer, Long> lastIndex = new HashMap<>();

        Server server;
        ApiClient api;
        String adminToken;
        String[] userIds = new String[2];
        String[] userNames = {"crasha" + runId, "crashb" + runId};
        Map<String, String> tokens = new HashMap<>();
        String asset;
        NoteVerifier logKey;
        // What the test has verified of the log so far: every leaf in [0, verified.size()), replayed into a book.
        final CompactRange verified = CompactRange.empty();
        final AssetBook book = new AssetBook(new AssetPolicy(true, 18, Duration.ZERO, 1_000_000, true, 10_000));
        long startMillis;

        Run(ServerConfig.Database pg, Path data, int rounds) {
            this.pg = pg;
            this.data = data;
            this.rounds = rounds;
        }

        void go() throws Exception {
            System.out.printf("LedgerCrashIT %s: %d rounds, seed %d (-Dledger.crash.seed=%d repeats the kill"
                    + " moments)%n", pg == null ? "H2" : "PostgreSQL", rounds, seed, seed);
            try {
                start();
                setUp();
                check(0, null, null);
                for (int round = 1; round <= rounds; round++) {
                    round(round);
                }
                server.stop();
                server = null;
                // A clean stop after all that: the log is still whole.
                start();
                check(rounds + 1, null, null);
                checkProvenance(3);
                server.stop();
                server = null;
            } finally {
                if (server != null) {
                    server.kill();
                }
            }
        }

        void start() throws Exception {
            List<String> cmd = new ArrayList<>(List.of(HOME.resolve("bin/pujiang").toString(), "serve", "--port", "0",
                    "--mqtt-port", "0", "--data-dir", data.toString()));
            if (pg != null) {
                cmd.addAll(List.of("--db", pg.url()));
            }
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(temp.toFile());
            Map<String, String> env = pb.environment();
            env.keySet().removeIf(k -> k.startsWith("PUJIANG_"));
            env.put("PUJIANG_JAR", System.getProperty("ledger.crash.jar",
                    HOME.resolve("pujiang-server/target/pujiang.jar").toString()));
            env.put("PUJIANG_ADMIN_PASSWORD", ADMIN_PASSWORD);
            env.put("PUJIANG_DEMO_ENABLED", "false");
            env.put("PUJIANG_LOG_ACCESS", "false");
            env.put("PUJIANG_ASSETS_MIN_HOLDING", "PT0S");
            env.put("PUJIANG_ASSETS_MAX_TRANSFERS_PER_DAY", "1000000");
            env.put("PUJIANG_LEDGER_CHECKPOINT_INTERVAL", "PT0.2S");
            // Cheap password hashes: three logins a round.
            env.put("PUJIANG_AUTH_ARGON2_MEMORY_KIB", "1024");
            env.put("PUJIANG_AUTH_ARGON2_ITERATIONS", "1");
            // Quick to start and light on a shared machine; the crash behaviour does not depend on the JIT.
            env.put("PUJIANG_JAVA_OPTS", "-Xmx384m -XX:TieredStopAtLevel=1");
            if (pg != null) {
                env.put("PUJIANG_DB_USER", pg.user());
                env.put("PUJIANG_DB_PASSWORD", pg.password());
            }
            long t0 = System.nanoTime();
            server = new Server(pb.start());
            server.process.getOutputStream().close();
            api = new ApiClient(server.awaitReady(120));
            startMillis = (System.nanoTime() - t0) / 1_000_000;
            adminToken = api.login("admin", ADMIN_PASSWORD);
            NoteVerifier key = NoteVerifier.parse(api.get("/api/log/key", null).json().getString("vkey"));
            if (logKey != null) {
                assertThat(key.vkey()).as("the log keeps its key across restarts").isEqualTo(logKey.vkey());
            }
            logKey = key;
            if (asset != null) {
                for (String name : userNames) {
                    tokens.put(name, api.login(name, "pw-" + name + "-123"));
                }
            }
        }

        /** Two verified members, and an asset of {@value #EDITIONS} editions the admin mints and hands out. */
        void setUp() {
            for (int i = 0; i < 2; i++) {
                String token = api.member(userNames[i]);
                tokens.put(userNames[i], token);
                Res v = api.post("/api/me/verification", token, new JsonObject().put("realName", "张三")
                        .put("idNumber", idNumber(i == 0 ? "19880808" : "19910203", 100 + (int) Math.floorMod(seed, 800L) + i)));
                assertThat(v.status()).as(v.toString()).isEqualTo(200);
                userIds[i] = api.get("/api/me", token).json().getString("id");
            }
            Res r = upload(adminToken, "crash.png", png((int) seed), "Crash test " + runId, EDITIONS);
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            asset = r.json().getString("id");
            Res m = api.post("/api/assets/" + asset + "/mint", adminToken, new JsonObject());
            assertThat(m.status()).as(m.toString()).isEqualTo(200);
            for (int e = 1; e <= EDITIONS; e++) {
                Res t = api.post("/api/assets/" + asset + "/transfer", adminToken, new JsonObject()
                        .put("to", userIds[e % 2]).put("edition", e).put("requestId", "setup-" + runId + "-" + e));
                assertThat(t.status()).as(t.toString()).isEqualTo(200);
            }
        }

        void round(int round) throws Exception {
            // Who holds what, as the verified log says (a transfer cut off by the kill may or may not be in it).
            String[] holder = new String[EDITIONS + 1];
            AssetId id = AssetId.parse(asset);
            for (int e = 1; e <= EDITIONS; e++) {
                EditionView v = book.edition(id, e).orElseThrow();
                holder[e] = v.holder().toString();
            }
            AtomicBoolean killed = new AtomicBoolean();
            List<Ack> roundAcks = Collections.synchronizedList(new ArrayList<>());
            List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
            List<InDoubt> inDoubt = Collections.synchronizedList(new ArrayList<>());
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                threads.add(Thread.ofPlatform().name("crash-transfer-" + t).start(() -> {
                    int seq = 0;
                    while (!killed.get()) {
                        for (int e = 1 + thread; e <= EDITIONS && !killed.get(); e += THREADS) {
                            String from = holder[e];
                            String to = from.equals(userIds[0]) ? userIds[1] : userIds[0];
                            String token = tokens.get(from.equals(userIds[0]) ? userNames[0] : userNames[1]);
                            String requestId = "c-" + runId + "-" + round + "-" + thread + "-" + seq++;
                            Res r;
                            try {
                                r = api.post("/api/assets/" + asset + "/transfer", token, new JsonObject()
                                        .put("to", to).put("edition", e).put("requestId", requestId));
                            } catch (UncheckedIOException | IllegalStateException gone) {
                                if (!killed.get()) {
                                    unexpected.add("edition " + e + ": " + gone);
                                }
                                inDoubt.add(new InDoubt(e, from, to));
                                return;
                            }
                            if (r.status() != 200) {
                                if (!killed.get()) {
                                    unexpected.add("edition " + e + " " + from + " → " + to + ": " + r);
                                }
                                return;
                            }
                            JsonObject b = r.json();
                            long index = b.getLong("logIndex");
                            if (b.getInteger("edition") != e || !from.equals(b.getString("from"))
                                    || !to.equals(b.getString("to")) || b.getBoolean("replayed", false)) {
                                unexpected.add("answer for edition " + e + " " + from + " → " + to + ": " + r);
                                return;
                            }
                            roundAcks.add(new Ack(round, index, e, from, to));
                            holder[e] = to;
                        }
                    }
                }));
            }
            // The newest checkpoint a client saw before the kill; sizes it sees must never shrink.
            AtomicReference<Checkpoint> lastSeen = new AtomicReference<>();
            List<String> watcherErrors = Collections.synchronizedList(new ArrayList<>());
            Thread watcher = Thread.ofPlatform().name("crash-checkpoints").start(() -> {
                while (!killed.get()) {
                    try {
                        Checkpoint cp = checkpoint();
                        Checkpoint before = lastSeen.get();
                        if (before != null && cp.size() < before.size()) {
                            watcherErrors.add("checkpoint size went from " + before.size() + " to " + cp.size());
                        }
                        if (before == null || cp.size() >= before.size()) {
                            lastSeen.set(cp);
                        }
                        Thread.sleep(40);
                    } catch (InterruptedException e) {
                        return;
                    } catch (RuntimeException | AssertionError e) {
                        if (!killed.get()) {
                            watcherErrors.add(e.toString());
                        }
                        return;
                    }
                }
            });
            long delay = 300 + random.nextInt(1201);
            Thread.sleep(delay);
            killed.set(true);
            long sizeBeforeKill = verified.size();
            server.kill();
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(40));
            }
            watcher.join(TimeUnit.SECONDS.toMillis(40));
            String killedOutput = server.output();
            server = null;
            assertThat(unexpected).as("answers before the kill in round " + round).isEmpty();
            assertThat(watcherErrors).as("checkpoints seen in round " + round).isEmpty();
            acks.addAll(roundAcks);

            start();
            long size = check(round, roundAcks, lastSeen.get());
            // Unanswered transfers may or may not have become durable; both are allowed. Count which.
            int durable = 0;
            for (InDoubt d : inDoubt) {
                // The cut-off request was its thread's last for that edition: if durable, it is the newest entry.
                LedgerEntry.Transfer t = lastTransfer.get(d.edition());
                if (t == null) {
                    continue;
                }
                long at = lastIndex.get(d.edition());
                boolean acked = roundAcks.stream().anyMatch(a -> a.index() == at);
                if (!acked && at >= sizeBeforeKill && t.from().toString().equals(d.from())
                        && t.to().toString().equals(d.to())) {
                    durable++;
                }
            }
            System.out.printf("round %2d: killed after %4d ms, %4d transfers acknowledged, log %6d → %6d entries,"
                    + " last checkpoint seen %6d, %d cut off (%d of them durable), restart %5d ms%n", round, delay,
                    roundAcks.size(), sizeBeforeKill, size, lastSeen.get() == null ? -1 : lastSeen.get().size(),
                    inDoubt.size(), durable, startMillis);
            if (roundAcks.isEmpty() && round > 2) {
                System.out.println("round " + round + ": nothing acknowledged before the kill; server output:\n"
                        + tail(killedOutput, 20));
            }
            if (round % 5 == 0) {
                checkProvenance(2);
            }
        }

        /**
         * Checks the log after a (re)start: the published checkpoint covers the whole stored log, extends what
         * the test verified before and the last checkpoint seen before the kill, every new entry decodes and
         * replays, and every acknowledged transfer is where its answer said.
         *
         * @return the log's size
         */
        long check(int round, List<Ack> roundAcks, Checkpoint lastSeen) throws Exception {
            long size = logSize();
            Checkpoint cp = awaitCheckpoint(size);
            String where = "round " + round + " (seed " + seed + ")";
            assertThat(size).as(where + ": the log shrank below what the test verified").isGreaterThanOrEqualTo(
                    verified.size());
            if (lastSeen != null) {
                assertThat(size).as(where + ": a checkpoint of " + lastSeen.size() + " entries was published before"
                        + " the kill").isGreaterThanOrEqualTo(lastSeen.size());
                consistent(lastSeen.size(), lastSeen.root(), cp, where + ", checkpoint seen before the kill");
            }
            if (roundAcks != null && !roundAcks.isEmpty()) {
                long highest = roundAcks.stream().mapToLong(Ack::index).max().orElseThrow();
                assertThat(size).as(where + ": entry " + highest + " was acknowledged").isGreaterThan(highest);
            }
            if (verified.size() > 0) {
                consistent(verified.size(), verified.root(), cp, where + ", log verified before");
            }
            // Every new entry: decodes, replays onto the verified state, hashes into the checkpoint's root.
            long from = verified.size();
            Map<Long, LedgerEntry> fresh = new HashMap<>();
            for (long start = from; start < size; start += PAGE) {
                long end = Math.min(size, start + PAGE);
                Res r = api.get("/api/log/entries?start=" + start + "&end=" + end, null);
                assertThat(r.status()).as(where + ": entries " + start + ".." + end + ": " + r).isEqualTo(200);
                JsonArray page = r.json().getJsonArray("entries");
                assertThat(page.size()).as(where + ": entries " + start + ".." + end).isEqualTo((int) (end - start));
                for (int i = 0; i < page.size(); i++) {
                    JsonObject o = page.getJsonObject(i);
                    long index = start + i;
                    assertThat(o.getLong("index")).isEqualTo(index);
                    byte[] bytes = Base64.getDecoder().decode(o.getString("data"));
                    LedgerEntry entry;
                    try {
                        entry = LedgerEntry.decode(bytes);
                    } catch (EntryFormatException e) {
                        throw new AssertionError(where + ": log entry " + index + " does not decode ("
                                + e.getMessage() + "): " + new String(bytes, StandardCharsets.UTF_8), e);
                    }
                    try {
                        book.apply(entry, index);
                    } catch (IllegalStateException e) {
                        throw new AssertionError(where + ": log entry " + index + " does not replay: "
                                + e.getMessage(), e);
                    }
                    verified.append(Hashes.leaf(bytes));
                    fresh.put(index, entry);
                    if (entry instanceof LedgerEntry.Transfer t && t.asset().toString().equals(asset)) {
                        lastTransfer.put(t.edition(), t);
                        lastIndex.put(t.edition(), index);
                    }
                }
            }
            assertThat(verified.size()).isEqualTo(size);
            assertThat(verified.root()).as(where + ": the root of the entries served is the checkpoint's root")
                    .isEqualTo(cp.root());
            if (roundAcks != null) {
                for (Ack a : roundAcks) {
                    LedgerEntry e = fresh.get(a.index());
                    assertThat(e).as(where + ": acknowledged entry " + a.index() + " (" + a + ") is before what was"
                            + " verified at the round's start (" + from + ")").isNotNull();
                    if (!(e instanceof LedgerEntry.Transfer t) || !t.asset().toString().equals(asset)
                            || t.edition() != a.edition() || !t.from().toString().equals(a.from())
                            || !t.to().toString().equals(a.to())) {
                        throw new AssertionError(where + ": log entry " + a.index() + " was acknowledged as the"
                                + " transfer of edition " + a.edition() + " from " + a.from() + " to " + a.to()
                                + " but the log holds " + e.fields());
                    }
                }
                // Transfers of one edition were asked for one after the other (one thread each), each after the
                // previous was acknowledged: their indexes must rise in the order of the answers.
                Map<Integer, Long> last = new HashMap<>();
                synchronized (roundAcks) {
                    for (Ack a : roundAcks) {
                        Long before = last.put(a.edition(), a.index());
                        assertThat(before == null || before < a.index()).as(where + ": edition " + a.edition()
                                + " acknowledged at " + before + " and then at " + a.index()).isTrue();
                    }
                }
                // Inclusion proofs of a few acknowledged entries into the new checkpoint.
                List<Ack> some = new ArrayList<>(roundAcks);
                Collections.shuffle(some, random);
                for (Ack a : some.subList(0, Math.min(3, some.size()))) {
                    Res p = api.get("/api/log/proof/inclusion?index=" + a.index() + "&size=" + cp.size(), null);
                    assertThat(p.status()).as(p.toString()).isEqualTo(200);
                    byte[] leaf = Hashes.leaf(fresh.get(a.index()).encode());
                    try {
                        Verification.inclusion(a.index(), cp.size(), leaf, hashes(p.json()), cp.root());
                    } catch (ProofException e) {
                        throw new AssertionError(where + ": inclusion of " + a.index() + ": " + e.getMessage(), e);
                    }
                }
            }
            return size;
        }

        /** RFC 9162 §2.1.4.2: the checkpoint {@code to} extends the tree of {@code fromSize} with {@code fromRoot}. */
        void consistent(long fromSize, byte[] fromRoot, Checkpoint to, String what) {
            if (fromSize == 0) {
                return;
            }
            Res p = api.get("/api/log/proof/consistency?from=" + fromSize + "&to=" + to.size(), null);
            assertThat(p.status()).as(what + ": " + p).isEqualTo(200);
            try {
                Verification.consistency(fromSize, to.size(), fromRoot, to.root(), hashes(p.json()));
            } catch (ProofException e) {
                throw new AssertionError(what + ": the log of " + to.size() + " entries is not consistent with the"
                        + " tree of " + fromSize + ": " + e.getMessage(), e);
            }
        }

        /**
         * The provenance the server reports for a few editions agrees with the verified log and with the order in
         * which transfers of each edition were acknowledged.
         */
        void checkProvenance(int editions) {
            List<Integer> chosen = new ArrayList<>();
            for (int e = 1; e <= EDITIONS; e++) {
                chosen.add(e);
            }
            Collections.shuffle(chosen, random);
            for (int edition : chosen.subList(0, editions)) {
                // The edition's own history (found by following prev), not a page of the whole asset's.
                Res r = api.get("/api/assets/" + asset + "/provenance?edition=" + edition, adminToken);
                assertThat(r.status()).as(r.toString()).isEqualTo(200);
                assertThat(r.json().containsKey("next")).as("edition %d's history fits one page", edition).isFalse();
                JsonArray events = r.json().getJsonArray("events");
                List<JsonObject> mine = new ArrayList<>();
                for (int i = 0; i < events.size(); i++) {
                    JsonObject ev = events.getJsonObject(i);
                    if ("transfer".equals(ev.getString("kind")) && ev.getInteger("edition") == edition) {
                        mine.add(ev);
                    }
                }
                // A chain: each transfer starts where the one before ended, at rising log indexes.
                for (int i = 1; i < mine.size(); i++) {
                    JsonObject a = mine.get(i - 1);
                    JsonObject b = mine.get(i);
                    assertThat(b.getLong("logIndex")).isGreaterThan(a.getLong("logIndex"));
                    assertThat(b.getString("from")).as("edition " + edition + " at " + b.getLong("logIndex"))
                            .isEqualTo(a.getString("to"));
                    assertThat(b.getLong("prev")).isEqualTo(a.getLong("logIndex"));
                }
                List<Long> indexes = mine.stream().map(ev -> ev.getLong("logIndex")).toList();
                List<Long> acked = acks.stream().filter(a -> a.edition() == edition).map(Ack::index).toList();
                // Acknowledged one after the other, so in this order, and each one in the provenance.
                List<Long> sorted = new ArrayList<>(acked);
                Collections.sort(sorted);
                assertThat(acked).as("edition " + edition + ": acknowledged in log order").isEqualTo(sorted);
                assertThat(indexes).as("edition " + edition + ": the provenance holds every acknowledged transfer")
                        .containsAll(acked);
                EditionView now = book.edition(AssetId.parse(asset), edition).orElseThrow();
                if (!mine.isEmpty()) {
                    JsonObject newest = mine.get(mine.size() - 1);
                    assertThat(newest.getLong("logIndex")).isEqualTo(now.lastLogIndex());
                    assertThat(newest.getString("to")).isEqualTo(now.holder().toString());
                }
            }
        }

        /** The log's size as the writer holds it (the provenance answer carries it). */
        long logSize() {
            Res r = api.get("/api/assets/" + asset + "/provenance", adminToken);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            return r.json().getLong("logSize");
        }

        Checkpoint checkpoint() {
            Res r = api.get("/api/log/checkpoint", null);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            try {
                SignedNote note = SignedNote.parse(r.body());
                assertThat(note.verifiedBy(logKey)).as("the checkpoint is signed by the log's key").isTrue();
                return Checkpoint.parse(note.body());
            } catch (FormatException e) {
                throw new AssertionError("the checkpoint does not parse: " + e.getMessage() + "\n" + r.body(), e);
            }
        }

        /** The log signs a checkpoint of everything it holds within its checkpoint interval of a start. */
        Checkpoint awaitCheckpoint(long size) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (true) {
                Checkpoint cp = checkpoint();
                assertThat(cp.size()).as("the checkpoint goes beyond the log").isLessThanOrEqualTo(size);
                if (cp.size() == size) {
                    return cp;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no checkpoint of the whole log (" + size + " entries) within 15 s of the"
                            + " start; the newest covers " + cp.size() + "; server output:\n" + tail(server.output(), 40));
                }
                Thread.sleep(50);
            }
        }

        Res upload(String token, String fileName, byte[] file, String title, int editions) {
            return TestAssets.upload(api, token, fileName, file, title, Integer.toString(editions), "register-" + runId);
        }
    }

    private static String tail(String text, int lines) {
        String[] all = text.split("\n");
        return String.join("\n", Arrays.asList(all).subList(Math.max(0, all.length - lines), all.length));
    }

    private static List<byte[]> hashes(JsonObject proof) {
        List<byte[]> out = new ArrayList<>();
        for (Object h : proof.getJsonArray("hashes")) {
            out.add(Base64.getDecoder().decode((String) h));
        }
        return out;
    }

    /** A valid GB 11643 number: region 110105, a birth date (yyyyMMdd), a sequence, and its check character. */
    static String idNumber(String birth, int sequence) {
        String body = "110105" + birth + String.format("%03d", sequence);
        int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * w[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    static byte[] png(int seed) {
        return TestAssets.png(seed);
    }
}
