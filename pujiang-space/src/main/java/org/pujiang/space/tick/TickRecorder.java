package org.pujiang.space.tick;

/**
 * Records tick durations into a ring of the last {@code window} values. Written by the tick thread;
 * {@link #snapshot()} is also called by it (the space publishes the copy for other threads).
 */
public final class TickRecorder {
    private final long[] ring;
    private int next;
    private long count;
    private long max;

    public TickRecorder(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1, got " + window);
        }
        this.ring = new long[window];
    }

    public void record(long nanos) {
        ring[next] = nanos;
        next = (next + 1) % ring.length;
        count++;
        if (nanos > max) {
            max = nanos;
        }
    }

    public TickTimes snapshot() {
        int n = (int) Math.min(count, ring.length);
        long[] out = new long[n];
        int start = (next - n + ring.length) % ring.length;
        for (int i = 0; i < n; i++) {
            out[i] = ring[(start + i) % ring.length];
        }
        return new TickTimes(out, count, max);
    }
}
