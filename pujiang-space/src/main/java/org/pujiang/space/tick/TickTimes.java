package org.pujiang.space.tick;

import java.util.Arrays;

/**
 * How long recent ticks took: a copy of the last ticks' durations (oldest first), the number of
 * ticks ever recorded and the longest one. Percentiles are computed on demand by the reader.
 */
public record TickTimes(long[] recentNanos, long count, long maxNanos) {
    public TickTimes {
        recentNanos = recentNanos.clone();
    }

    @Override
    public long[] recentNanos() {
        return recentNanos.clone();
    }

    /** The latest tick's duration, or 0 before the first. */
    public long lastNanos() {
        return recentNanos.length == 0 ? 0 : recentNanos[recentNanos.length - 1];
    }

    /** The {@code p}-th percentile (0..100) of the recent durations, nearest rank; 0 when empty. */
    public long percentileNanos(double p) {
        if (recentNanos.length == 0) {
            return 0;
        }
        long[] sorted = recentNanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    public double meanNanos() {
        return recentNanos.length == 0 ? 0 : Arrays.stream(recentNanos).average().orElse(0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TickTimes t && count == t.count && maxNanos == t.maxNanos
                && Arrays.equals(recentNanos, t.recentNanos);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(count) * 31 + Arrays.hashCode(recentNanos);
    }

    @Override
    public String toString() {
        return "TickTimes[count=" + count + ", last=" + lastNanos() + "ns, p50=" + percentileNanos(50) + "ns, p99="
                + percentileNanos(99) + "ns, max=" + maxNanos + "ns]";
    }
}
