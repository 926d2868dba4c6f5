package org.pujiang.server.ledger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.pujiang.ledger.checkpoint.Checkpoint;
import org.pujiang.ledger.checkpoint.SignedNote;
import org.pujiang.ledger.checkpoint.SigningKey;
import org.pujiang.ledger.log.LogAppender;
import org.pujiang.ledger.log.LogWrite;
import org.pujiang.ledger.tree.Proofs;
import org.pujiang.server.storage.LedgerRepository;
import org.pujiang.server.storage.LedgerRepository.StoredCheckpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log's single writer. One thread, {@code ledger-writer}, owns the log's tail and everything a proposal touches
 * when it runs: it takes proposals off a bounded queue in order, lets each decide its entry (so two proposals that
 * race, such as two transfers of one edition, are decided one after the other against the same state), appends the
 * batch, stores it in one durable transaction, and only then tells each proposal its index. It signs a checkpoint
 * of the committed tree at most every {@code checkpointInterval} while entries are pending, and never one that is
 * not an extension of the previous (the tree it signs is always its own committed tree, which only grows).
 *
 * <p>Other threads call {@link #offer}, {@link #append} and the getters only.
 */
public final class LogWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LogWriter.class);

    /** Work run on the writer thread, in the order offered. */
    public interface Proposal {
        /**
         * Decides this proposal's entry, if any. Runs on the writer thread; state it changes is owned by that thread.
         *
         * @param index the index the entry will have if returned
         * @return the entry's bytes, or null for no entry (the proposal answered its caller itself)
         */
        byte[] propose(long index);

        /** The entry is durably stored at {@code index}. Runs on the writer thread: be quick. */
        void appended(long index);

        /**
         * The batch holding the entry could not be stored; nothing of it is in the log. (A failure reported after the
         * batch was committed is answered with {@link #appended}: the writer checks the store.)
         */
        void failed(RuntimeException cause);
    }

    /** Told, on the writer thread, after a failed batch: state decided by its proposals must be rebuilt. */
    public interface Rollback {
        void rolledBack();
    }

    /** The committed tree and the newest checkpoint, as published after each step. */
    public record Tail(long size, byte[] root, StoredCheckpoint checkpoint) {}

    private static final Proposal WAKE = new Proposal() {
        @Override
        public byte[] propose(long index) {
            return null;
        }

        @Override
        public void appended(long index) {}

        @Override
        public void failed(RuntimeException cause) {}
    };

    private final LedgerRepository store;
    private final SigningKey key;
    private final String origin;
    private final Clock clock;
    private final Duration checkpointInterval;
    private final int maxBatch;
    private final BlockingQueue<Proposal> queue;
    private final Thread thread;
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong appended = new AtomicLong();
    private final AtomicLong failedBatches = new AtomicLong();
    private volatile Tail tail;
    private volatile boolean running = true;
    private Rollback rollback = () -> {};
    private LogAppender appender;
    private Instant lastSignedAt = Instant.EPOCH;

    private LogWriter(LedgerRepository store, SigningKey key, String origin, Clock clock, Duration checkpointInterval,
            int queueCapacity, int maxBatch) {
        this.store = store;
        this.key = key;
        this.origin = origin;
        this.clock = clock;
        this.checkpointInterval = checkpointInterval;
        this.maxBatch = maxBatch;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.appender = LogReader.restore(store);
        StoredCheckpoint latest = store.latestCheckpoint().orElse(null);
        checkConsistent(latest);
        this.tail = new Tail(appender.size(), appender.root(), latest);
        this.thread = Thread.ofPlatform().name("ledger-writer").daemon(true).unstarted(this::run);
    }

    /**
     * Opens the log: restores its tail from the store, checks it against the newest checkpoint, and starts the
     * writer thread once {@link #start} is called.
     *
     * @throws IllegalStateException when the stored tree does not extend the newest signed checkpoint (the store
     *     was changed or lost data): the log must not sign anything, so it does not start
     */
    public static LogWriter open(LedgerRepository store, SigningKey key, String origin, Clock clock,
            Duration checkpointInterval, int queueCapacity, int maxBatch) {
        return new LogWriter(store, key, origin, clock, checkpointInterval, queueCapacity, maxBatch);
    }

    /** Sets who rebuilds decided state after a failed batch; call before {@link #start}. */
    public void onRollback(Rollback rollback) {
        this.rollback = rollback;
    }

    public void start() {
        thread.start();
    }

    /** The stored tree must be an extension of what the log last signed. */
    private void checkConsistent(StoredCheckpoint latest) {
        if (latest == null) {
            return;
        }
        if (latest.size() > appender.size()) {
            throw new IllegalStateException("the log signed a checkpoint of " + latest.size()
                    + " entries but the store holds only " + appender.size() + ": entries were lost");
        }
        byte[] root = Proofs.root(latest.size(), LogReader.nodes(store));
        if (!java.util.Arrays.equals(root, latest.root())) {
            throw new IllegalStateException("the stored tree of " + latest.size()
                    + " entries does not have the root of the checkpoint the log signed: the store was changed");
        }
        lastSignedAt = latest.createdAt();
    }

    /** @return false when the queue is full (the caller answers "overloaded"); the proposal is not run then */
    public boolean offer(Proposal proposal) {
        return running && queue.offer(proposal);
    }

    /**
     * Appends a ready-made entry.
     *
     * @return its index once durable; completes exceptionally with {@link LogOverloadedException} when the queue is
     *     full, or with the store's failure
     */
    public CompletableFuture<Long> append(byte[] entry) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        Proposal p = new Proposal() {
            @Override
            public byte[] propose(long index) {
                return entry;
            }

            @Override
            public void appended(long index) {
                done.complete(index);
            }

            @Override
            public void failed(RuntimeException cause) {
                done.completeExceptionally(cause);
            }
        };
        if (!offer(p)) {
            done.completeExceptionally(new LogOverloadedException());
        }
        return done;
    }

    public Tail tail() {
        return tail;
    }

    public String origin() {
        return origin;
    }

    public SigningKey key() {
        return key;
    }

    public int queued() {
        return queue.size();
    }

    public long batches() {
        return batches.get();
    }

    public long appendedEntries() {
        return appended.get();
    }

    public long failedBatches() {
        return failedBatches.get();
    }

    private void run() {
        List<Proposal> batch = new ArrayList<>(maxBatch);
        List<Proposal> withEntry = new ArrayList<>(maxBatch);
        List<byte[]> entries = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Proposal first = queue.poll(pollMillis(), TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, maxBatch - 1);
                    step(batch, withEntry, entries);
                }
                signIfDue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("the log writer failed a step; it goes on", e);
            } finally {
                batch.clear();
                withEntry.clear();
                entries.clear();
            }
        }
    }

    private long pollMillis() {
        if (appender.size() == signedSize()) {
            return 1000;
        }
        long due = Duration.between(clock.instant(), lastSignedAt.plus(checkpointInterval)).toMillis();
        return Math.max(1, due);
    }

    private long signedSize() {
        StoredCheckpoint cp = tail.checkpoint();
        return cp == null ? 0 : cp.size();
    }

    private void step(List<Proposal> batch, List<Proposal> withEntry, List<byte[]> entries) {
        long next = appender.size();
        for (Proposal p : batch) {
            byte[] entry;
            try {
                entry = p.propose(next);
            } catch (RuntimeException e) {
                log.error("a log proposal failed to decide", e);
                p.failed(e);
                continue;
            }
            if (entry != null) {
                withEntry.add(p);
                entries.add(entry);
                next++;
            }
        }
        if (entries.isEmpty()) {
            return;
        }
        long first = appender.size();
        LogWrite write;
        try {
            write = appender.append(entries);
        } catch (IllegalArgumentException tooLong) { // an entry over 65535 bytes; the appender took none of them
            rollback.rolledBack();
            for (Proposal p : withEntry) {
                p.failed(tooLong);
            }
            return;
        }
        try {
            store.store(write, clock.instant());
        } catch (RuntimeException e) {
            LogAppender stored = null;
            try {
                stored = LogReader.restore(store);
            } catch (RuntimeException again) {
                log.error("cannot reload the log's tail; appends will fail until the store answers", again);
            }
            if (stored != null && stored.size() == write.toSize()
                    && java.util.Arrays.equals(stored.root(), write.root())) {
                // The failure came after the commit (H2's CHECKPOINT SYNC, or a lost reply to COMMIT): the batch is
                // in the log and later entries build on it, so it must be answered as appended, not as failed.
                log.error("storing a batch of {} log entries reported a failure after it was committed; the"
                        + " entries are in the log", entries.size(), e);
                appender = stored;
            } else {
                failedBatches.incrementAndGet();
                log.error("could not store a batch of {} log entries; none of them is in the log", entries.size(), e);
                if (stored != null) {
                    appender = stored;
                    tail = new Tail(stored.size(), stored.root(), tail.checkpoint());
                }
                // State first, answers after: whoever hears of the failure and asks again sees the state undone.
                rollback.rolledBack();
                for (Proposal p : withEntry) {
                    p.failed(e);
                }
                return;
            }
        }
        tail = new Tail(write.toSize(), write.root(), tail.checkpoint());
        batches.incrementAndGet();
        appended.addAndGet(entries.size());
        for (int i = 0; i < withEntry.size(); i++) {
            withEntry.get(i).appended(first + i);
        }
    }

    private void signIfDue() {
        Instant now = clock.instant();
        long size = appender.size();
        if (size == signedSize() || now.isBefore(lastSignedAt.plus(checkpointInterval))) {
            return;
        }
        signNow(now);
    }

    /** Signs the committed tree (writer thread only). */
    private void signNow(Instant now) {
        Tail t = tail;
        Checkpoint checkpoint = new Checkpoint(origin, t.size(), t.root());
        String note = SignedNote.sign(checkpoint.body(), key).format();
        StoredCheckpoint stored = new StoredCheckpoint(t.size(), t.root(), note, now);
        store.saveCheckpoint(stored);
        lastSignedAt = now;
        tail = new Tail(t.size(), t.root(), stored);
    }

    /** Stops taking proposals, finishes those queued, signs what is pending and stops the thread. */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        // Wake it without Thread.interrupt: an interrupt inside H2's file I/O closes the database's file channel.
        queue.offer(WAKE);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (!thread.isAlive() && appender.size() > signedSize()) {
                signNow(clock.instant());
            }
        } catch (RuntimeException e) {
            log.warn("could not sign the last checkpoint on close", e);
        }
        Proposal left;
        while ((left = queue.poll()) != null) {
            left.failed(new LogClosedException());
        }
    }
}
