package org.pujiang.bench.ledger;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.pujiang.ledger.checkpoint.SigningKey;
import org.pujiang.server.config.ServerConfig;
import org.pujiang.server.ledger.ContentStore;
import org.pujiang.server.ledger.LogKey;
import org.pujiang.server.ledger.LogOverloadedException;
import org.pujiang.server.ledger.LogWriter;
import org.pujiang.server.storage.LedgerRepository;
import org.pujiang.server.storage.jdbc.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pujiang-bench ledger-fill}: fills an empty log with {@code --entries} valid entries ({@link EntryGenerator}:
 * one asset registered, all its editions minted, then transfers between {@code --accounts} accounts) through the
 * server's own {@link Database} and {@link LogWriter}, with the server's log key ({@link LogKey}, made in the data
 * dir when missing) and the asset's file in the server's content store, so that {@code pujiang serve} with the same
 * {@code --data-dir} (and {@code --db URL}) starts on it, replays it and serves proofs over it.
 *
 * <p>One producer appends in log order (each transfer's {@code prev} names an earlier index), keeping up to
 * {@code --window} appends unacknowledged; every acknowledged index is checked against the one the generator
 * assumed.
 */
@Command(name = "ledger-fill", mixinStandardHelpOptions = true,
        description = "Fill an empty log with valid asset entries for `pujiang serve` (same --data-dir / --db).")
public final class LedgerFillBench implements Callable<Integer> {
    @Mixin
    LedgerStore store;

    @Option(names = "--entries", defaultValue = "1000000", description = "Entries to append. Default: ${DEFAULT-VALUE}.")
    long entries;

    @Option(names = "--accounts", defaultValue = "1000", description = "Accounts the editions move between. Default: ${DEFAULT-VALUE}.")
    int accounts;

    @Option(names = "--editions", defaultValue = "10000", description = "Editions of the asset. Default: ${DEFAULT-VALUE}.")
    int editions;

    @Option(names = "--seed", defaultValue = "1", description = "The generator's seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--max-batch", defaultValue = "8192", description = "The writer's ledger.max-batch. Default: ${DEFAULT-VALUE}.")
    int maxBatch;

    @Option(names = "--window", defaultValue = "32768", description = "Unacknowledged appends at most. Default: ${DEFAULT-VALUE}.")
    int window;

    @Option(names = "--json", description = "Print the report as one JSON object (the last line).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        String problem = store.problem(true);
        if (problem == null && (entries < 2 || accounts < 2 || editions < 1 || window < 1)) {
            problem = "--entries must be 2 or more, --accounts 2 or more, --editions and --window 1 or more";
        }
        if (problem != null) {
            System.err.println("ledger-fill: " + problem);
            return 2;
        }
        ServerConfig config = store.config(store.dataDir, store.db == LedgerStore.Kind.pg ? store.url : "");
        JsonObject report;
        long filled;
        try (Database database = Database.open(config.database(), config.dataDir(), null)) {
            long existing = database.ledger().head().map(LedgerRepository.Head::size).orElse(0L);
            if (existing > 0) {
                System.err.println("ledger-fill: the log already holds " + existing + " entries; fill an empty one"
                        + " (a fresh --data-dir, and with --db pg a fresh database)");
                return 2;
            }
            SigningKey key = LogKey.loadOrCreate(config.dataDir(), "");
            byte[] png = png(seed);
            String hash = ContentStore.sha256(png);
            new ContentStore(config.dataDir()).put(hash, png);
            EntryGenerator generator = new EntryGenerator(seed, accounts, editions,
                    System.currentTimeMillis() - entries - 60_000, "sha256:" + hash, png.length);
            LogWriter writer = LogWriter.open(database.ledger(), key, key.name(), Clock.systemUTC(),
                    Duration.ofSeconds(1), Math.max(16, window + 16), maxBatch);
            writer.start();
            long t0 = System.nanoTime();
            String failure;
            long batches;
            try {
                failure = fill(writer, generator);
            } finally {
                writer.close(); // signs the checkpoint of everything appended
            }
            batches = writer.batches();
            double seconds = (System.nanoTime() - t0) / 1e9;
            LogWriter.Tail tail = writer.tail();
            report = new JsonObject().put("db", store.db.name()).put("entries", tail.size())
                    .put("seconds", Math.round(seconds * 100) / 100.0).put("entriesPerSec", Math.round(tail.size() / seconds))
                    .put("batches", batches).put("origin", key.name()).put("vkey", key.vkey())
                    .put("asset", generator.asset().toString())
                    .put("checkpointSize", tail.checkpoint() == null ? 0 : tail.checkpoint().size())
                    .put("dataDir", config.dataDir().toString());
            if (failure != null) {
                report.put("failure", failure);
            }
            filled = tail.size();
        }
        // After the database closed (its last log line): with --json the report is the last line.
        if (report.getString("failure") != null) {
            System.err.println("ledger-fill: " + report.getString("failure"));
        }
        if (json) {
            System.out.println(report.encode());
        } else {
            System.out.printf(Locale.ROOT, "filled %,d entries in %.1f s (%,d entries/s, %,d batches) into %s%n"
                    + "log %s%nkey %s%nasset %s%n", filled, report.getDouble("seconds"),
                    report.getLong("entriesPerSec"), report.getLong("batches"),
                    store.db == LedgerStore.Kind.pg ? org.pujiang.server.config.Settings.maskUrlPassword(store.url)
                            : config.dataDir(), report.getString("origin"), report.getString("vkey"),
                    report.getString("asset"));
        }
        return report.getString("failure") == null && filled == entries ? 0 : 1;
    }

    /** Appends every entry in order; returns why it stopped early, or null. */
    private String fill(LogWriter writer, EntryGenerator generator) throws InterruptedException {
        Semaphore inFlight = new Semaphore(window);
        AtomicReference<String> failure = new AtomicReference<>();
        long step = Math.max(1, entries / 10);
        for (long i = 0; i < entries && failure.get() == null; i++) {
            long expected = generator.produced();
            byte[] entry = generator.next();
            inFlight.acquire();
            CompletableFuture<Long> f;
            while (true) {
                f = writer.append(entry);
                if (f.isCompletedExceptionally() && f.exceptionNow() instanceof LogOverloadedException) {
                    Thread.sleep(1);
                    continue;
                }
                break;
            }
            f.whenComplete((index, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, "entry " + expected + " was not appended: " + e);
                } else if (index != expected) {
                    failure.compareAndSet(null, "entry " + expected + " got index " + index + " (a second writer?)");
                }
                inFlight.release();
            });
            if (!json && (i + 1) % step == 0) {
                System.err.printf(Locale.ROOT, "ledger-fill: %,d of %,d entries offered%n", i + 1, entries);
            }
        }
        if (!inFlight.tryAcquire(window, 30, TimeUnit.MINUTES)) {
            return "the last appends were not acknowledged within 30 minutes";
        }
        return failure.get();
    }

    /** A 2×2 PNG with correct CRCs, its pixels from {@code seed} (so each seed's file has its own hash). */
    static byte[] png(long seed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(out, "IHDR", new byte[] {0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0, 0, 0});
        byte[] raw = new byte[2 * (1 + 2 * 3)];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = i % 7 == 0 ? 0 : (byte) (seed >>> (8 * (i % 8)));
        }
        Deflater d = new Deflater();
        d.setInput(raw);
        d.finish();
        byte[] buf = new byte[256];
        int n = d.deflate(buf);
        d.end();
        chunk(out, "IDAT", java.util.Arrays.copyOf(buf, n));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(new byte[] {(byte) (data.length >> 24), (byte) (data.length >> 16), (byte) (data.length >> 8),
            (byte) data.length});
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        long c = crc.getValue();
        out.writeBytes(new byte[] {(byte) (c >> 24), (byte) (c >> 16), (byte) (c >> 8), (byte) c});
    }
}
