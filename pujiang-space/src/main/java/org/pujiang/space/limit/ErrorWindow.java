package org.pujiang.space.limit;

/**
 * Remembers when the last {@code limit} errors happened, and says when {@code limit} of them fall
 * within {@code windowNanos}: the abuse rule. Owned by one thread.
 */
public final class ErrorWindow {
    private final long[] times;
    private final long windowNanos;
    private int next;
    private int count;

    public ErrorWindow(int limit, long windowNanos) {
        if (limit < 1 || windowNanos < 0) {
            throw new IllegalArgumentException("need limit >= 1 and window >= 0, got " + limit + ", " + windowNanos);
        }
        this.times = new long[limit];
        this.windowNanos = windowNanos;
    }

    /** Records an error at {@code nowNanos}; true when it makes {@code limit} errors within the window. */
    public boolean record(long nowNanos) {
        times[next] = nowNanos;
        next = (next + 1) % times.length;
        if (count < times.length) {
            count++;
        }
        // after the write, times[next] is the oldest of the last `limit` errors
        return count == times.length && nowNanos - times[next] <= windowNanos;
    }
}
