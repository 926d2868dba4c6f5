package org.pujiang.bench.ledger;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.pujiang.ledger.checkpoint.Checkpoint;
import org.pujiang.ledger.checkpoint.NoteVerifier;
import org.pujiang.ledger.checkpoint.SignedNote;
import org.pujiang.ledger.tree.Hashes;
import org.pujiang.ledger.tree.Verification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pujiang-bench ledger-proofs}: how long a running server takes to answer proof requests over a log of
 * {@code --size} entries: {@code GET /api/log/proof/inclusion} (a random index) and
 * {@code GET /api/log/proof/consistency} (a random earlier size to {@code --size}), first one at a time, then from
 * {@code --concurrency} threads at once. Times are the client's (request sent to last byte), recorded in
 * HdrHistograms. Before timing, {@code --check} inclusion proofs are verified (RFC 9162 §2.1.3.2) against the
 * published checkpoint, signed by the key the server publishes, so that what is timed is a correct answer.
 */
@Command(name = "ledger-proofs", mixinStandardHelpOptions = true,
        description = "Latency of the log's inclusion and consistency proofs on a running server, sequential and "
                + "concurrent.")
public final class LedgerProofsBench implements Callable<Integer> {
    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "The server. Default: ${DEFAULT-VALUE}.")
    String url;

    @Option(names = "--size", description = "The tree size to prove in. Default: the published checkpoint's.")
    Long size;

    @Option(names = "--queries", defaultValue = "2000", description = "Timed queries per kind and phase. Default: ${DEFAULT-VALUE}.")
    int queries;

    @Option(names = "--concurrency", defaultValue = "16", description = "Threads of the concurrent phase. Default: ${DEFAULT-VALUE}.")
    int concurrency;

    @Option(names = "--warmup", defaultValue = "300", description = "Untimed queries of each kind first. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--check", defaultValue = "20", description = "Inclusion proofs verified before timing. Default: ${DEFAULT-VALUE}.")
    int check;

    @Option(names = "--seed", defaultValue = "7")
    long seed;

    @Option(names = "--json", description = "Print the report as one JSON object (the last line).")
    boolean json;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** A phase's figures. */
    record Phase(String kind, int threads, long queries, double seconds, double p50Ms, double p99Ms, double maxMs,
            double meanHashes) {
        JsonObject json() {
            return new JsonObject().put("kind", kind).put("threads", threads).put("queries", queries)
                    .put("perSec", Math.round(queries / seconds)).put("p50Ms", p50Ms).put("p99Ms", p99Ms)
                    .put("maxMs", maxMs).put("meanHashes", meanHashes);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (queries < 1 || concurrency < 1 || warmup < 0 || check < 0) {
            System.err.println("ledger-proofs: --queries and --concurrency must be 1 or more");
            return 2;
        }
        url = url.replaceAll("/+$", "");
        NoteVerifier key = NoteVerifier.parse(new JsonObject(get("/api/log/key")).getString("vkey"));
        SignedNote note = SignedNote.parse(get("/api/log/checkpoint"));
        if (!note.verifiedBy(key)) {
            System.err.println("ledger-proofs: the published checkpoint is not signed by the log's key " + key.vkey());
            return 1;
        }
        Checkpoint cp = Checkpoint.parse(note.body());
        long n = size == null ? cp.size() : size;
        if (n < 2) {
            System.err.println("ledger-proofs: the log has " + n + " entries; fill it first (pujiang-bench ledger-fill)");
            return 2;
        }
        if (n == cp.size()) {
            verifySome(cp, Math.min(check, (int) n));
        } else {
            System.err.println("ledger-proofs: --size " + n + " is not the checkpoint's size " + cp.size()
                    + "; proofs are timed but not verified");
        }
        LongFunction<String> inclusion = r -> "/api/log/proof/inclusion?size=" + n + "&index=" + Math.floorMod(r, n);
        LongFunction<String> consistency = r -> "/api/log/proof/consistency?to=" + n + "&from="
                + (1 + Math.floorMod(r, n));
        List<Phase> phases = new ArrayList<>();
        for (int threads : concurrency == 1 ? new int[] {1} : new int[] {1, concurrency}) {
            phases.add(phase("inclusion", inclusion, threads));
            phases.add(phase("consistency", consistency, threads));
        }
        JsonArray out = new JsonArray();
        phases.forEach(p -> out.add(p.json()));
        JsonObject report = new JsonObject().put("url", url).put("size", n).put("phases", out);
        if (json) {
            System.out.println(report.encode());
        } else {
            System.out.printf(Locale.ROOT, "proofs over a log of %,d entries at %s (checked %d inclusion proofs):%n",
                    n, url, n == cp.size() ? Math.min(check, n) : 0);
            for (Phase p : phases) {
                System.out.printf(Locale.ROOT, "  %-11s × %2d threads: %,6d queries, %,7.0f /s, p50 %6.2f ms, p99 %6.2f"
                        + " ms, max %7.2f ms (%.1f hashes a proof)%n", p.kind(), p.threads(), p.queries(),
                        p.queries() / p.seconds(), p.p50Ms(), p.p99Ms(), p.maxMs(), p.meanHashes());
            }
        }
        return 0;
    }

    /** Fetches entries and their inclusion proofs and verifies them against the checkpoint. */
    private void verifySome(Checkpoint cp, int count) throws Exception {
        SplittableRandom r = new SplittableRandom(seed ^ 0x5eed);
        for (int i = 0; i < count; i++) {
            long index = i == 0 ? cp.size() - 1 : r.nextLong(cp.size());
            JsonArray entries = new JsonObject(get("/api/log/entries?start=" + index + "&end=" + (index + 1)))
                    .getJsonArray("entries");
            byte[] leaf = Hashes.leaf(Base64.getDecoder().decode(entries.getJsonObject(0).getString("data")));
            JsonObject proof = new JsonObject(get("/api/log/proof/inclusion?index=" + index + "&size=" + cp.size()));
            List<byte[]> hashes = new ArrayList<>();
            for (Object h : proof.getJsonArray("hashes")) {
                hashes.add(Base64.getDecoder().decode((String) h));
            }
            Verification.inclusion(index, cp.size(), leaf, hashes, cp.root());
        }
    }

    private Phase phase(String kind, LongFunction<String> path, int threads) throws Exception {
        SplittableRandom seeds = new SplittableRandom(seed + kind.hashCode() + threads);
        for (int i = 0; i < warmup; i++) {
            get(path.apply(seeds.nextLong()));
        }
        Histogram latency = new ConcurrentHistogram(Duration.ofMinutes(1).toNanos(), 3);
        AtomicLong hashes = new AtomicLong();
        AtomicLong next = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            SplittableRandom mine = seeds.split();
            workers.add(Thread.ofPlatform().name("proofs-" + t).start(() -> {
                try {
                    while (next.getAndIncrement() < queries && failure.get() == null) {
                        String p = path.apply(mine.nextLong());
                        long s = System.nanoTime();
                        String body = get(p);
                        latency.recordValue(System.nanoTime() - s);
                        hashes.addAndGet(new JsonObject(body).getJsonArray("hashes").size());
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        for (Thread w : workers) {
            w.join();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (failure.get() != null) {
            throw failure.get();
        }
        return new Phase(kind, threads, queries, seconds, ms(latency.getValueAtPercentile(50)),
                ms(latency.getValueAtPercentile(99)), ms(latency.getMaxValue()), (double) hashes.get() / queries);
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }

    private String get(String path) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(60)).GET().build();
        HttpResponse<String> answer = http.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer.body();
    }
}
