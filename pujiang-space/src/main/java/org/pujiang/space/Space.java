package org.pujiang.space;

import java.util.List;
import org.pujiang.space.object.ObjectState;
import org.pujiang.space.tick.Tickable;

/**
 * One live space: its avatars, shared objects and clients, advanced one tick at a time.
 *
 * <p>Threading. A space is a single-writer owner. {@link #offer} may be called from any thread at any
 * time: it puts a command in a bounded lock-free inbox and returns false (counted) when the inbox is
 * full. {@link #tick} must be called by one thread at a time (a {@code SpaceScheduler} guarantees it);
 * entering it concurrently throws {@link IllegalStateException}. Every {@link ClientSink} call happens
 * inside {@code tick}. {@link #metrics}, {@link #objects} and {@link #objectsVersion} read copies
 * published at the end of each tick and are safe from any thread.
 *
 * <p>A tick: drain the inbox (apply commands in order), expire resumable avatars and idle holds, let
 * each agent act ({@link AgentActor}), then for each client: check its backlog, recompute its interest set, send exits, enters and the due state
 * updates; finally clear this tick's change masks and publish metrics and object snapshots. The engine
 * does no I/O and reads no clock except the metrics stopwatch.
 */
public sealed interface Space extends Tickable permits SpaceImpl {

    static Space create(SpaceConfig config) {
        return new SpaceImpl(config, SpaceEnvironment.system());
    }

    static Space create(SpaceConfig config, SpaceEnvironment environment) {
        return new SpaceImpl(config, environment);
    }

    /** Queues a command for the next tick; false when the inbox is full or the command is null. Any thread. */
    boolean offer(SpaceCommand command);

    /** Runs one tick at {@code nowNanos} (monotonic, non-decreasing). One thread at a time. */
    @Override
    void tick(long nowNanos);

    SpaceConfig config();

    /** Counters and gauges as of the last tick. Any thread. */
    SpaceMetrics metrics();

    /** Every shared object as of the last tick, for persistence. Any thread. */
    List<ObjectState> objects();

    /**
     * Grows by one in each tick in which an object was added, removed or moved: a server persists
     * {@link #objects()} when this changes. Any thread.
     */
    long objectsVersion();
}
