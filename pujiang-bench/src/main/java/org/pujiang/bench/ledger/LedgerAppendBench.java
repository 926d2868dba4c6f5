package org.pujiang.bench.ledger;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.pujiang.bench.Durations;
import org.pujiang.ledger.checkpoint.SigningKey;
import org.pujiang.server.config.ServerConfig;
import org.pujiang.server.ledger.LogOverloadedException;
import org.pujiang.server.ledger.LogWriter;
import org.pujiang.server.storage.jdbc.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pujiang-bench ledger-append}: how many entries a second the log's single writer makes durable, and how long
 * an append waits for its acknowledgement. Opens the server's own {@link Database} (migrations included) on a fresh
 * H2 file or PostgreSQL database per run, the server's {@link LogWriter} with a fresh key, and has {@code --producers}
 * threads append realistic canonical transfer entries ({@link EntryGenerator}, about 250 bytes), each keeping up to
 * {@code --outstanding} appends unacknowledged. An append counts when its future completes, which the writer does
 * only after the batch's transaction is committed (and on H2 synced). Prints each run and the median of the runs.
 */
@Command(name = "ledger-append", mixinStandardHelpOptions = true,
        description = "Durable appends per second through the log writer (the server's LogWriter and Database), "
                + "with ack latency, on H2 or PostgreSQL.")
public final class LedgerAppendBench implements Callable<Integer> {
    @Mixin
    LedgerStore store;

    @Option(names = "--entries", defaultValue = "300000", description = "Entries per run. Default: ${DEFAULT-VALUE}.")
    int entries;

    @Option(names = "--producers", defaultValue = "64", description = "Appending threads. Default: ${DEFAULT-VALUE}.")
    int producers;

    @Option(names = "--outstanding", defaultValue = "256",
            description = "Unacknowledged appends per producer at most. Default: ${DEFAULT-VALUE}.")
    int outstanding;

    @Option(names = "--runs", defaultValue = "3", description = "Runs, each on a fresh database. Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--max-batch", defaultValue = "8192", description = "The writer's ledger.max-batch. Default: ${DEFAULT-VALUE}.")
    int maxBatch;

    @Option(names = "--queue", defaultValue = "65536", description = "The writer's ledger.queue. Default: ${DEFAULT-VALUE}.")
    int queue;

    @Option(names = "--checkpoint-interval", defaultValue = "1s", converter = Durations.Converter.class,
            description = "The writer's ledger.checkpoint-interval. Default: ${DEFAULT-VALUE}.")
    Duration checkpointInterval;

    @Option(names = "--keep", description = "Keep each run's database (H2 files, PostgreSQL databases).")
    boolean keep;

    @Option(names = "--json", description = "Print the report as one JSON object (the last line).")
    boolean json;

    /** One run's figures. */
    record RunResult(long entries, double seconds, double perSecond, double p50Ms, double p99Ms, double maxMs,
            long batches, double entriesPerBatch, long overloaded, long failed, long failedBatches) {
        JsonObject json() {
            return new JsonObject().put("entries", entries).put("seconds", seconds).put("appendsPerSec", perSecond)
                    .put("p50Ms", p50Ms).put("p99Ms", p99Ms).put("maxMs", maxMs).put("batches", batches)
                    .put("entriesPerBatch", entriesPerBatch).put("overloaded", overloaded).put("failed", failed)
                    .put("failedBatches", failedBatches);
        }
    }

    @Override
    public Integer call() throws Exception {
        String problem = store.problem(false);
        if (problem == null && (entries < 1 || producers < 1 || outstanding < 1 || runs < 1)) {
            problem = "--entries, --producers, --outstanding and --runs must be 1 or more";
        }
        if (problem != null) {
            System.err.println("ledger-append: " + problem);
            return 2;
        }
        byte[][] pool = entryPool(4096);
        int avgBytes = (int) Arrays.stream(pool).mapToInt(b -> b.length).average().orElse(0);
        List<RunResult> results = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            RunResult r = run(run, pool);
            results.add(r);
            if (!json) {
                System.out.printf(Locale.ROOT, "run %d: %,d entries in %.2f s = %,.0f durable appends/s; ack p50 %.1f ms,"
                        + " p99 %.1f ms, max %.1f ms; %,d batches (%.0f entries/batch)%s%n", run, r.entries(),
                        r.seconds(), r.perSecond(), r.p50Ms(), r.p99Ms(), r.maxMs(), r.batches(), r.entriesPerBatch(),
                        r.overloaded() + r.failed() + r.failedBatches() == 0 ? "" : "; overloaded " + r.overloaded()
                                + ", failed " + r.failed() + ", failed batches " + r.failedBatches());
            }
        }
        RunResult median = results.stream().sorted(Comparator.comparingDouble(RunResult::perSecond))
                .toList().get(results.size() / 2);
        double p50 = median(results.stream().mapToDouble(RunResult::p50Ms).toArray());
        double p99 = median(results.stream().mapToDouble(RunResult::p99Ms).toArray());
        JsonArray each = new JsonArray();
        results.forEach(r -> each.add(r.json()));
        JsonObject report = new JsonObject().put("db", store.db.name()).put("entries", entries)
                .put("producers", producers).put("outstanding", outstanding).put("entryBytes", avgBytes)
                .put("maxBatch", maxBatch).put("runs", runs)
                .put("appendsPerSec", median(results.stream().mapToDouble(RunResult::perSecond).toArray()))
                .put("p50Ms", p50).put("p99Ms", p99)
                .put("entriesPerBatch", median.entriesPerBatch()).put("batches", median.batches())
                .put("failed", results.stream().mapToLong(r -> r.failed() + r.failedBatches()).sum())
                .put("each", each);
        if (json) {
            System.out.println(report.encode());
        } else {
            System.out.printf(Locale.ROOT, "ledger-append on %s, %d producers × %d outstanding, entries of ~%d bytes:"
                    + " median of %d runs %,.0f durable appends/s, ack p50 %.1f ms, p99 %.1f ms, %.0f entries/batch%n",
                    store.db, producers, outstanding, avgBytes, runs, report.getDouble("appendsPerSec"), p50, p99,
                    median.entriesPerBatch());
        }
        return report.getLong("failed") == 0 ? 0 : 1;
    }

    /** Realistic entries: consistent transfers between 1000 accounts, as the server would write them. */
    static byte[][] entryPool(int n) {
        EntryGenerator g = new EntryGenerator(42, 1000, 10_000, System.currentTimeMillis(),
                "sha256:" + "ab".repeat(32), 4096);
        g.next();
        g.next(); // register and mint: a pool of transfers
        byte[][] pool = new byte[n][];
        for (int i = 0; i < n; i++) {
            pool[i] = g.next();
        }
        return pool;
    }

    private RunResult run(int run, byte[][] pool) throws Exception {
        Path dir = store.dataDir != null ? store.dataDir.resolve("append-run-" + run)
                : Files.createTempDirectory("pujiang-ledger-append");
        String jdbcUrl = store.db == LedgerStore.Kind.pg ? store.createDatabase("pj_bench_append_") : "";
        ServerConfig config = store.config(dir, jdbcUrl);
        Database database = Database.open(config.database(), config.dataDir(), null);
        LogWriter writer = null;
        try {
            writer = LogWriter.open(database.ledger(), SigningKey.generate("bench.local/append"), "bench.local/append",
                    Clock.systemUTC(), checkpointInterval, queue, maxBatch);
            writer.start();
            return load(writer, pool);
        } finally {
            if (writer != null) {
                writer.close();
            }
            database.close();
            if (!keep) {
                if (!jdbcUrl.isEmpty()) {
                    store.dropDatabase(jdbcUrl);
                }
                if (store.db == LedgerStore.Kind.h2) {
                    deleteTree(dir);
                }
            }
        }
    }

    private RunResult load(LogWriter writer, byte[][] pool) throws InterruptedException {
        Histogram latency = new ConcurrentHistogram(TimeUnit.MINUTES.toNanos(5), 3);
        AtomicLong overloaded = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(entries);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int share = entries / producers + (p < entries % producers ? 1 : 0);
            int offset = p * 997;
            threads.add(Thread.ofPlatform().name("append-producer-" + p).start(() -> {
                Semaphore window = new Semaphore(outstanding);
                try {
                    go.await();
                    for (int i = 0; i < share; i++) {
                        window.acquire();
                        byte[] entry = pool[(offset + i) % pool.length];
                        while (true) {
                            long t0 = System.nanoTime();
                            CompletableFuture<Long> f = writer.append(entry);
                            if (f.isCompletedExceptionally() && f.exceptionNow() instanceof LogOverloadedException) {
                                overloaded.incrementAndGet();
                                Thread.sleep(1);
                                continue;
                            }
                            f.whenComplete((index, e) -> {
                                if (e == null) {
                                    latency.recordValue(System.nanoTime() - t0);
                                } else {
                                    failed.incrementAndGet();
                                    firstFailure.compareAndSet(null, e);
                                }
                                window.release();
                                done.countDown();
                            });
                            break;
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        long batchesBefore = writer.batches();
        long failedBatchesBefore = writer.failedBatches();
        long t0 = System.nanoTime();
        go.countDown();
        if (!done.await(30, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the appends did not complete within 30 minutes");
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        for (Thread t : threads) {
            t.join();
        }
        if (firstFailure.get() != null) {
            System.err.println("ledger-append: " + failed.get() + " appends failed; the first: " + firstFailure.get());
        }
        long batches = writer.batches() - batchesBefore;
        long ok = entries - failed.get();
        return new RunResult(entries, seconds, ok / seconds, ms(latency.getValueAtPercentile(50)),
                ms(latency.getValueAtPercentile(99)), ms(latency.getMaxValue()), batches,
                batches == 0 ? 0 : (double) ok / batches, overloaded.get(), failed.get(),
                writer.failedBatches() - failedBatchesBefore);
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
