package org.pujiang.space.tick;

/** Something advanced by explicit time. Implementations state which thread may call {@link #tick}. */
@FunctionalInterface
public interface Tickable {
    /** Advances to {@code nowNanos}, a monotonic time (the scheduler passes {@code System.nanoTime()}). */
    void tick(long nowNanos);
}
