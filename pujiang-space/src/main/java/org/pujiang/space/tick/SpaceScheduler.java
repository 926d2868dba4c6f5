package org.pujiang.space.tick;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * Ticks many spaces on a small, bounded pool of threads, each at its own rate on a fixed schedule.
 *
 * <p>Guarantees: one target is never ticked by two threads at once (its next tick is scheduled only
 * when the current one has returned, and its ticks happen-before each other); a slow target holds one
 * pool thread and delays others only when every thread is busy; a target that falls behind is not
 * replayed in a burst: its schedule restarts from now and the missed ticks are counted
 * ({@link Ticket#overruns()}, {@link Ticket#skippedTicks()}). A tick that throws is counted
 * ({@link Ticket#failures()}) and the schedule goes on.
 *
 * <p>All methods are thread-safe.
 */
public sealed interface SpaceScheduler extends AutoCloseable permits SpaceSchedulerImpl {

    /** A scheduler with {@code threads} daemon threads on {@code System.nanoTime()}. */
    static SpaceScheduler create(int threads) {
        return new SpaceSchedulerImpl(threads, System::nanoTime);
    }

    /** As {@link #create(int)}, with the clock whose time is passed to each tick. */
    static SpaceScheduler create(int threads, LongSupplier nanoClock) {
        return new SpaceSchedulerImpl(threads, nanoClock);
    }

    /** Starts ticking {@code target} {@code tickHz} times a second, the first tick at once. */
    Ticket schedule(String name, Tickable target, int tickHz);

    /** The targets scheduled and not cancelled. */
    List<Ticket> tickets();

    /** Cancels every target and stops the threads, waiting up to a second for running ticks. */
    @Override
    void close();

    /** One scheduled target. */
    sealed interface Ticket permits SpaceSchedulerImpl.Entry {
        String name();

        int tickHz();

        /** Ticks completed (failures included). */
        long ticks();

        /** Times a tick ended after the next one was due, so that the schedule was restarted from now. */
        long overruns();

        /** Whole ticks dropped by those restarts. */
        long skippedTicks();

        /** Ticks that threw. */
        long failures();

        /** Stops future ticks; a tick already running completes. */
        void cancel();

        boolean cancelled();
    }
}
