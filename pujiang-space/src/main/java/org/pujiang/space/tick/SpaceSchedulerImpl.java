package org.pujiang.space.tick;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/** {@link SpaceScheduler} on a {@link ScheduledThreadPoolExecutor}: each target re-schedules itself after each tick. */
final class SpaceSchedulerImpl implements SpaceScheduler {
    private final ScheduledThreadPoolExecutor executor;
    private final LongSupplier clock;
    private final CopyOnWriteArrayList<Entry> entries = new CopyOnWriteArrayList<>();

    SpaceSchedulerImpl(int threads, LongSupplier clock) {
        if (threads < 1 || threads > 1024) {
            throw new IllegalArgumentException("threads must be 1..1024, got " + threads);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "pujiang-tick-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = new ScheduledThreadPoolExecutor(threads, factory);
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public Ticket schedule(String name, Tickable target, int tickHz) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(target, "target");
        if (tickHz < 1 || tickHz > 1000) {
            throw new IllegalArgumentException("tickHz must be 1..1000, got " + tickHz);
        }
        Entry e = new Entry(name, target, tickHz, clock.getAsLong());
        entries.add(e);
        e.submit(0);
        return e;
    }

    @Override
    public List<Ticket> tickets() {
        return entries.stream().filter(e -> !e.cancelled).map(e -> (Ticket) e).toList();
    }

    @Override
    public void close() {
        for (Entry e : entries) {
            e.cancel();
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    final class Entry implements Ticket, Runnable {
        private final String name;
        private final Tickable target;
        private final int tickHz;
        private final long period;
        // written by the thread running the tick; each run happens-after the previous via the executor
        private long deadline;
        private volatile long ticks;
        private volatile long overruns;
        private volatile long skipped;
        private volatile long failures;
        private volatile boolean cancelled;
        private volatile ScheduledFuture<?> future;

        Entry(String name, Tickable target, int tickHz, long start) {
            this.name = name;
            this.target = target;
            this.tickHz = tickHz;
            this.period = 1_000_000_000L / tickHz;
            this.deadline = start;
        }

        void submit(long delayNanos) {
            if (cancelled || executor.isShutdown()) {
                return;
            }
            try {
                future = executor.schedule(this, delayNanos, TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                cancelled = true;
            }
        }

        @Override
        public void run() {
            if (cancelled) {
                return;
            }
            try {
                target.tick(clock.getAsLong());
            } catch (Throwable t) {
                failures++;
            }
            ticks++;
            long after = clock.getAsLong();
            long next = deadline + period;
            if (next <= after) {
                // behind: restart the grid from now instead of replaying the missed ticks
                overruns++;
                skipped += (after - next) / period;
                next = after;
            }
            deadline = next;
            submit(next - after);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int tickHz() {
            return tickHz;
        }

        @Override
        public long ticks() {
            return ticks;
        }

        @Override
        public long overruns() {
            return overruns;
        }

        @Override
        public long skippedTicks() {
            return skipped;
        }

        @Override
        public long failures() {
            return failures;
        }

        @Override
        public void cancel() {
            cancelled = true;
            ScheduledFuture<?> f = future;
            if (f != null) {
                f.cancel(false);
            }
            entries.remove(this);
        }

        @Override
        public boolean cancelled() {
            return cancelled;
        }

        @Override
        public String toString() {
            return "Ticket[" + name + " @" + tickHz + "Hz ticks=" + ticks + " overruns=" + overruns + "]";
        }
    }
}
