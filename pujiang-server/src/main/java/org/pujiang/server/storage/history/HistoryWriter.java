package org.pujiang.server.storage.history;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of telemetry history: any thread {@link #offer}s points, one thread of its own
 * drains them in batches (up to {@link Options#maxBatch} points, or what arrived within
 * {@link Options#maxDelay} of the first) and hands each batch to the sink in one call, which stores
 * it in one transaction.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>{@code offer} never blocks: it answers {@link Offer#FULL} when the bounded queue is full
 *       and {@link Offer#CLOSED} once {@link #close} has begun.
 *   <li>An {@link Offer#ACCEPTED} point is written, or counted in {@link Stats#dropped} and logged
 *       as an error; it is never lost silently. Points are written in the order they were accepted
 *       (each batch sorted by key inside its transaction).
 *   <li>A failed batch is retried with exponential backoff. Transient failures (connection lost,
 *       pool timeout, serialization failure, server shutting down: SQLSTATE classes 08, 40, 53,
 *       57) are retried until they succeed; meanwhile the queue fills and offers are refused, which
 *       is the back-pressure the ingestion layer passes on. Any other failure is retried
 *       {@link Options#attemptsBeforeSplit} times, then the batch is split in halves until the
 *       points that fail on their own are isolated: only those are dropped.
 *   <li>{@link #close} drains every accepted point. If the sink still fails when
 *       {@link Options#closeTimeout} has passed, what is left is dropped (counted and logged) so
 *       that shutdown ends. After close, {@code accepted == written + duplicates + dropped}.
 * </ul>
 */
public final class HistoryWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HistoryWriter.class);

    /** What {@link #offer} did with a point. */
    public enum Offer {
        /** Queued: it will be written (or, on a permanent failure, counted as dropped and logged). */
        ACCEPTED,
        /** Refused, the queue is full: the writer is behind or the database is failing. Nothing kept. */
        FULL,
        /** Refused, the writer is closing or closed. Nothing kept. */
        CLOSED;

        public boolean accepted() {
            return this == ACCEPTED;
        }
    }

    /**
     * @param capacity the most points queued and not yet taken into a batch
     * @param maxBatch the most points in one batch (one transaction)
     * @param maxDelay how long a batch waits for more points after its first, unless it is full or
     *     a flush or close is asked for
     * @param initialBackoff the wait before the first retry of a failed batch; it doubles per retry
     * @param maxBackoff the longest wait between retries
     * @param attemptsBeforeSplit attempts at a batch that fails permanently before it is split
     * @param closeTimeout how long {@link #close} keeps retrying a failing sink before dropping the rest
     */
    public record Options(int capacity, int maxBatch, Duration maxDelay, Duration initialBackoff, Duration maxBackoff,
            int attemptsBeforeSplit, Duration closeTimeout) {
        public Options {
            if (capacity < 1 || maxBatch < 1 || attemptsBeforeSplit < 1) {
                throw new IllegalArgumentException("capacity, maxBatch and attemptsBeforeSplit must be positive");
            }
            for (Duration d : List.of(maxDelay, initialBackoff, maxBackoff, closeTimeout)) {
                if (d.isNegative()) {
                    throw new IllegalArgumentException("durations must not be negative: " + d);
                }
            }
        }

        public static Options defaults() {
            return new Options(100_000, 5_000, Duration.ofMillis(50), Duration.ofMillis(50), Duration.ofSeconds(5), 3,
                    Duration.ofSeconds(30));
        }

        public Options withCapacity(int capacity) {
            return new Options(capacity, maxBatch, maxDelay, initialBackoff, maxBackoff, attemptsBeforeSplit, closeTimeout);
        }

        public Options withMaxBatch(int maxBatch) {
            return new Options(capacity, maxBatch, maxDelay, initialBackoff, maxBackoff, attemptsBeforeSplit, closeTimeout);
        }

        public Options withMaxDelay(Duration maxDelay) {
            return new Options(capacity, maxBatch, maxDelay, initialBackoff, maxBackoff, attemptsBeforeSplit, closeTimeout);
        }

        public Options withBackoff(Duration initial, Duration max) {
            return new Options(capacity, maxBatch, maxDelay, initial, max, attemptsBeforeSplit, closeTimeout);
        }

        public Options withCloseTimeout(Duration closeTimeout) {
            return new Options(capacity, maxBatch, maxDelay, initialBackoff, maxBackoff, attemptsBeforeSplit, closeTimeout);
        }
    }

    /**
     * A snapshot of the counters, all since start.
     *
     * @param accepted points accepted by {@link #offer}
     * @param refused points refused by {@link #offer} (queue full or closed)
     * @param written points stored
     * @param duplicates points the database ignored: a value for their key was already stored
     * @param batches successful sink calls (transactions)
     * @param writeFailures failed sink calls, each retried or split
     * @param dropped accepted points given up on after permanent failures or at close
     * @param queued points waiting in the queue now
     */
    public record Stats(long accepted, long refused, long written, long duplicates, long batches, long writeFailures,
            long dropped, int queued) {}

    private final HistorySink sink;
    private final Options options;
    private final ArrayBlockingQueue<TelemetryPoint> queue;
    /** Queue slots not reserved by an offer: the queue's capacity minus what it holds or is being put. */
    private final AtomicInteger room;
    /** The longest the writer thread parks before it looks at its queue and requests again. */
    private static final long PARK_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> flushRequests = new ConcurrentLinkedQueue<>();
    private final Thread thread;

    // Offers in progress, so that close() can wait until none can still put a point after the drain.
    private final AtomicInteger offering = new AtomicInteger();
    private volatile boolean closed;
    private volatile long closeDeadlineNanos;
    private volatile boolean terminated;
    // Set by the writer thread while it parks with nothing to do: offers then wake it.
    private volatile boolean idle;

    private final LongAdder accepted = new LongAdder();
    private final LongAdder refused = new LongAdder();
    // Written by the writer thread only.
    private volatile long written;
    private volatile long duplicates;
    private volatile long batches;
    private volatile long writeFailures;
    private volatile long dropped;
    private long taken;

    private HistoryWriter(HistorySink sink, Options options, String name) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.options = Objects.requireNonNull(options, "options");
        this.queue = new ArrayBlockingQueue<>(options.capacity());
        this.room = new AtomicInteger(options.capacity());
        this.thread = Thread.ofPlatform().name(name).daemon(true).unstarted(this::run);
    }

    /** Starts a writer with its own thread. Close it before the sink's database. */
    public static HistoryWriter start(HistorySink sink, Options options) {
        HistoryWriter w = new HistoryWriter(sink, options, "pujiang-history-writer");
        w.thread.start();
        return w;
    }

    /** Queues a point for writing. Never blocks; see {@link Offer}. */
    public Offer offer(TelemetryPoint point) {
        Objects.requireNonNull(point, "point");
        return offerAll(List.of(point));
    }

    /**
     * Queues all the points or none of them: a device's payload is accepted whole or refused whole, so its
     * history must not be kept in part. Never blocks.
     */
    public Offer offerAll(List<TelemetryPoint> points) {
        int n = points.size();
        if (n == 0) {
            return closed ? Offer.CLOSED : Offer.ACCEPTED;
        }
        offering.incrementAndGet();
        try {
            if (closed) {
                refused.add(n);
                return Offer.CLOSED;
            }
            // Reserve room first, so that concurrent callers cannot each get half in.
            while (true) {
                int free = room.get();
                if (free < n) {
                    refused.add(n);
                    return Offer.FULL;
                }
                if (room.compareAndSet(free, free - n)) {
                    break;
                }
            }
            for (TelemetryPoint p : points) {
                if (!queue.offer(Objects.requireNonNull(p, "point"))) {
                    throw new IllegalStateException("history queue refused a reserved point");
                }
            }
            accepted.add(n);
        } finally {
            offering.decrementAndGet();
        }
        if (idle) {
            LockSupport.unpark(thread);
        }
        return Offer.ACCEPTED;
    }

    /** Takes up to {@code max} queued points into {@code into} and frees their room. */
    private int take(List<TelemetryPoint> into, int max) {
        int n = queue.drainTo(into, max);
        room.addAndGet(n);
        return n;
    }

    /**
     * Completes once every point accepted before this call is written or dropped. While the sink
     * keeps failing transiently, that is not before it recovers (or the writer is closed).
     */
    public CompletableFuture<Void> flush() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        flushRequests.add(f);
        if (terminated) {
            f.complete(null);
        }
        LockSupport.unpark(thread);
        return f;
    }

    public Stats stats() {
        return new Stats(accepted.sum(), refused.sum(), written, duplicates, batches, writeFailures, dropped, queue.size());
    }

    /**
     * Refuses further offers, writes every accepted point, and stops the thread. Waits for that,
     * which is at most about {@link Options#closeTimeout} plus one sink call when the sink fails.
     * Idempotent.
     */
    @Override
    public void close() {
        if (!closed) {
            closeDeadlineNanos = System.nanoTime() + options.closeTimeout().toNanos();
            closed = true;
            // An offer that read closed == false may still be putting its point: wait for it.
            while (offering.get() != 0) {
                Thread.onSpinWait();
            }
        }
        LockSupport.unpark(thread);
        if (Thread.currentThread() == thread) {
            return;
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- the writer thread ----

    /** A flush waits for everything taken so far plus what was queued when the writer saw it. */
    private record PendingFlush(CompletableFuture<Void> future, long target) {}

    private void run() {
        List<PendingFlush> pending = new ArrayList<>();
        List<TelemetryPoint> batch = new ArrayList<>(Math.min(options.maxBatch(), 16_384));
        try {
            while (true) {
                for (CompletableFuture<Void> f; (f = flushRequests.poll()) != null; ) {
                    pending.add(new PendingFlush(f, taken + queue.size()));
                }
                // Everything taken so far is written or dropped here.
                for (var it = pending.iterator(); it.hasNext(); ) {
                    PendingFlush p = it.next();
                    if (p.target() <= taken) {
                        p.future().complete(null);
                        it.remove();
                    }
                }
                boolean closing = closed; // read before the queue: once closed, nothing more is added
                if (queue.isEmpty()) {
                    if (closing) {
                        return;
                    }
                    idle = true;
                    if (queue.isEmpty() && flushRequests.isEmpty() && !closed) {
                        // bounded, so that a wake-up lost to a race costs at most one slice, not a hang
                        LockSupport.parkNanos(this, PARK_SLICE_NANOS);
                    }
                    idle = false;
                    continue;
                }
                if (!closing && pending.isEmpty() && queue.size() < options.maxBatch()) {
                    linger();
                }
                take(batch, options.maxBatch());
                taken += batch.size();
                write(batch, true);
                batch.clear();
            }
        } catch (Throwable t) {
            // Only a bug gets here: report what could not be written rather than lose it silently.
            log.error("history writer stopped by an unexpected error", t);
            List<TelemetryPoint> rest = new ArrayList<>(batch);
            take(rest, Integer.MAX_VALUE);
            drop(rest, t);
        } finally {
            terminated = true;
            closed = true;
            for (PendingFlush p : pending) {
                p.future().complete(null);
            }
            for (CompletableFuture<Void> f; (f = flushRequests.poll()) != null; ) {
                f.complete(null);
            }
        }
    }

    /** Waits up to maxDelay for the batch to fill; a flush or close ends the wait. */
    private void linger() {
        long deadline = System.nanoTime() + options.maxDelay().toNanos();
        while (!closed && flushRequests.isEmpty() && queue.size() < options.maxBatch()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            // in slices: a flush or close is seen within one slice even if its unpark was missed
            LockSupport.parkNanos(this, Math.min(left, PARK_SLICE_NANOS));
        }
    }

    /** Writes the batch, retrying, splitting or dropping as the class comment says. Never throws. */
    private void write(List<TelemetryPoint> points, boolean whole) {
        long backoff = options.initialBackoff().toNanos();
        int permanentFailures = 0;
        while (true) {
            try {
                HistorySink.AppendResult r = sink.append(List.copyOf(points));
                written += r.inserted();
                duplicates += r.duplicates();
                batches++;
                int unaccounted = points.size() - r.inserted() - r.duplicates();
                if (unaccounted != 0) {
                    log.warn("history sink reported {} points for a batch of {}", r.inserted() + r.duplicates(),
                            points.size());
                }
                return;
            } catch (RuntimeException e) {
                writeFailures++;
                boolean transientFailure = isTransient(e);
                if (closed && System.nanoTime() - closeDeadlineNanos >= 0) {
                    log.error("history writer closing: sink still failing after the close timeout ({})", rootMessage(e));
                    List<TelemetryPoint> rest = new ArrayList<>(points);
                    take(rest, Integer.MAX_VALUE);
                    taken += rest.size() - points.size();
                    drop(rest, e);
                    return;
                }
                if (!transientFailure) {
                    permanentFailures++;
                    // A sub-batch splits at once: its parent already had its retries.
                    if (!whole || permanentFailures >= options.attemptsBeforeSplit()) {
                        log.warn("history batch of {} points failed {} times ({}); {}", points.size(), permanentFailures,
                                rootMessage(e), points.size() > 1 ? "splitting it" : "dropping the point");
                        if (points.size() == 1) {
                            drop(points, e);
                        } else {
                            int half = points.size() / 2;
                            write(new ArrayList<>(points.subList(0, half)), false);
                            write(new ArrayList<>(points.subList(half, points.size())), false);
                        }
                        return;
                    }
                }
                log.warn("history batch of {} points failed ({}{}); retrying in {} ms", points.size(),
                        transientFailure ? "transient: " : "", rootMessage(e), TimeUnit.NANOSECONDS.toMillis(backoff));
                sleep(backoff);
                backoff = Math.min(backoff * 2, Math.max(options.maxBackoff().toNanos(), 1));
            }
        }
    }

    private void sleep(long nanos) {
        long deadline = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
            if (closed && System.nanoTime() - closeDeadlineNanos >= 0) {
                return;
            }
            // close() unparks: the loop then re-checks the deadline.
            LockSupport.parkNanos(this, left);
        }
    }

    private void drop(List<TelemetryPoint> points, Throwable cause) {
        if (points.isEmpty()) {
            return;
        }
        dropped += points.size();
        TelemetryPoint first = points.get(0);
        log.error("history: dropped {} accepted points (first: twin {} property {} ts {}): {}", points.size(),
                first.twin(), first.property(), first.ts(), rootMessage(cause));
    }

    /**
     * Whether retrying can help: the connection or the server failed, not the statement or the data.
     * SQLSTATE classes 08 (connection), 40 (rollback: serialization, deadlock), 53 (insufficient
     * resources), 57 (operator intervention, e.g. shutdown), and JDBC's transient/recoverable types
     * (which include HikariCP's pool timeout).
     */
    static boolean isTransient(Throwable t) {
        int seen = 0;
        for (Throwable c = t; c != null && seen < 32; c = c.getCause() == c ? null : c.getCause()) {
            // A JDBC batch chains the statement's own error as the next exception.
            for (Throwable n = c; n != null && seen++ < 32; n = n instanceof SQLException s ? s.getNextException() : null) {
                if (n instanceof SQLTransientException || n instanceof SQLRecoverableException) {
                    return true;
                }
                if (n instanceof SQLException sql && sql.getSQLState() != null) {
                    String s = sql.getSQLState();
                    if (s.startsWith("08") || s.startsWith("40") || s.startsWith("53") || s.startsWith("57")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
    }

    /** Waits for {@link #flush()}; for tests and shutdown paths off the event loop. */
    public boolean flush(Duration timeout) throws InterruptedException {
        try {
            flush().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
