package org.pujiang.server.ledger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.pujiang.ledger.asset.AssetBook;
import org.pujiang.ledger.asset.AssetCommand;
import org.pujiang.ledger.asset.AssetId;
import org.pujiang.ledger.asset.AssetPolicy;
import org.pujiang.ledger.asset.Decision;
import org.pujiang.ledger.asset.EntryFormatException;
import org.pujiang.ledger.asset.LedgerEntry;
import org.pujiang.ledger.asset.Standing;

/**
 * Digital assets on the log. The asset state (who holds which edition since when, transfers per day) is the log
 * replayed: {@link #rebuild} reads every entry at start-up, and afterwards the state lives on the log writer's thread,
 * where each command is decided against it and, when allowed, applied and appended in the same step. Two commands
 * that race (two transfers of one edition) are therefore decided one after the other, and exactly one wins. Reads go
 * through the writer's queue too ({@link #read}), so they see only what is durably in the log or decided before them.
 *
 * <p>Any thread may call the public methods; the fields are the writer thread's.
 */
public final class AssetLedger {
    /** What became of a command. */
    public sealed interface Outcome {
        /** @param replayed true when this is the answer to an earlier request with the same request id */
        record Appended(long index, LedgerEntry entry, boolean replayed) implements Outcome {}

        record Refused(String code, String message) implements Outcome {}
    }

    /** Request ids remembered per account, for answering a retried request with its first answer. */
    static final int REMEMBERED_REQUESTS = 100_000;

    private final LogWriter writer;
    private final LogReader reader;
    private final AssetPolicy policy;
    private final Clock clock;
    // writer thread only, from here on
    private AssetBook book;
    private Map<AssetId, List<Long>> events;
    private final Map<String, Long> requests = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > REMEMBERED_REQUESTS;
        }
    };

    private AssetLedger(LogWriter writer, LogReader reader, AssetPolicy policy, Clock clock) {
        this.writer = writer;
        this.reader = reader;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * Replays the log into a fresh state; call before the writer starts. Also registers itself to replay again
     * after a batch the store refused (state decided in it is then undone).
     */
    public static AssetLedger rebuild(LogWriter writer, LogReader reader, AssetPolicy policy, Clock clock) {
        AssetLedger ledger = new AssetLedger(writer, reader, policy, clock);
        ledger.replay();
        writer.onRollback(ledger::replay);
        return ledger;
    }

    private void replay() {
        AssetBook fresh = new AssetBook(policy);
        Map<AssetId, List<Long>> index = new HashMap<>();
        long size = writer.tail().size();
        for (long start = 0; start < size; start += 4096) {
            long end = Math.min(size, start + 4096);
            long i = start;
            for (byte[] bytes : reader.entries(start, end)) {
                LedgerEntry entry;
                try {
                    entry = LedgerEntry.decode(bytes);
                } catch (EntryFormatException e) {
                    throw new IllegalStateException("log entry " + i + " is not a ledger entry: " + e.getMessage());
                }
                fresh.apply(entry, i);
                index.computeIfAbsent(entry.asset(), a -> new ArrayList<>()).add(i);
                i++;
            }
        }
        this.book = fresh;
        this.events = index;
        // After a refused batch: forget the request ids whose entries never made it into the log.
        requests.values().removeIf(i -> i >= size);
    }

    /**
     * Decides a command on the writer thread and, when allowed, appends its entry.
     *
     * @param requestId the caller's id for this request, or null: a second request by the same account with the same
     *     id gets the first one's answer and appends nothing
     * @return completes when the entry is durable (or the command refused); exceptionally with
     *     {@link LogOverloadedException} when the writer's queue is full, or the store's failure
     */
    public CompletableFuture<Outcome> submit(AssetCommand command, Standing actor, Standing counterpart,
            String requestId) {
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        String requestKey = requestId == null ? null : actor.id() + "/" + requestId;
        LogWriter.Proposal p = new LogWriter.Proposal() {
            LedgerEntry entry;

            @Override
            public byte[] propose(long index) {
                if (requestKey != null) {
                    Long earlier = requests.get(requestKey);
                    if (earlier != null) {
                        done.complete(replayed(earlier));
                        return null;
                    }
                }
                Decision d = book.decide(command, actor, counterpart, clock.instant());
                if (d instanceof Decision.Refused r) {
                    done.complete(new Outcome.Refused(r.code(), r.message()));
                    return null;
                }
                entry = ((Decision.Allowed) d).entry();
                byte[] bytes = entry.encode();
                // Applied now, before it is durable, so that the next proposal in this batch sees it; a batch the
                // store refuses is undone by replaying the log (rebuild's rollback hook).
                book.apply(entry, index);
                events.computeIfAbsent(entry.asset(), a -> new ArrayList<>()).add(index);
                if (requestKey != null) {
                    requests.put(requestKey, index);
                }
                return bytes;
            }

            @Override
            public void appended(long index) {
                done.complete(new Outcome.Appended(index, entry, false));
            }

            @Override
            public void failed(RuntimeException cause) {
                done.completeExceptionally(cause);
            }
        };
        if (!writer.offer(p)) {
            done.completeExceptionally(new LogOverloadedException());
        }
        return done;
    }

    private Outcome replayed(long index) {
        byte[] bytes = reader.entries(index, index + 1).get(0);
        try {
            return new Outcome.Appended(index, LedgerEntry.decode(bytes), true);
        } catch (EntryFormatException e) {
            throw new IllegalStateException("log entry " + index + " is not a ledger entry: " + e.getMessage());
        }
    }

    /** Runs a query against the asset state on the writer thread. */
    public <T> CompletableFuture<T> read(Function<AssetBook, T> query) {
        return onWriter(() -> query.apply(book));
    }

    /** The log indexes of an asset's entries, oldest first (empty for an unknown asset). */
    public CompletableFuture<List<Long>> provenance(AssetId asset) {
        return onWriter(() -> List.copyOf(events.getOrDefault(asset, List.of())));
    }

    private <T> CompletableFuture<T> onWriter(java.util.function.Supplier<T> query) {
        CompletableFuture<T> done = new CompletableFuture<>();
        LogWriter.Proposal p = new LogWriter.Proposal() {
            @Override
            public byte[] propose(long index) {
                done.complete(query.get());
                return null;
            }

            @Override
            public void appended(long index) {}

            @Override
            public void failed(RuntimeException cause) {
                done.completeExceptionally(cause);
            }
        };
        if (!writer.offer(p)) {
            done.completeExceptionally(new LogOverloadedException());
        }
        return done;
    }

    /** Decodes stored entries (any thread). */
    public List<LedgerEntry> entries(List<Long> indexes) {
        List<byte[]> bytes = reader.entriesAt(indexes);
        List<LedgerEntry> out = new ArrayList<>(indexes.size());
        for (int i = 0; i < bytes.size(); i++) {
            try {
                out.add(LedgerEntry.decode(bytes.get(i)));
            } catch (EntryFormatException e) {
                throw new IllegalStateException("log entry " + indexes.get(i) + " is not a ledger entry: "
                        + e.getMessage());
            }
        }
        return out;
    }

    public AssetPolicy policy() {
        return policy;
    }
}
