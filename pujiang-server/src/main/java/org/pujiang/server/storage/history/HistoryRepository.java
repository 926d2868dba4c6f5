package org.pujiang.server.storage.history;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The stored telemetry history. Blocking and thread-safe; writes should go through one
 * {@link HistoryWriter}, which batches them. Time ranges are half-open: {@code from} inclusive,
 * {@code to} exclusive.
 */
public interface HistoryRepository extends HistorySink {
    /** The most points {@link #range} returns in one call. */
    int MAX_RANGE_LIMIT = 100_000;

    /**
     * One downsampling bucket, {@code [start, start + bucket)}, over the numeric values in it.
     *
     * @param count the number of numeric values, at least 1 (empty buckets are not returned)
     */
    record Bucket(Instant start, double min, double max, double avg, long count) {}

    /**
     * What a retention run removed.
     *
     * @param rowsDeleted rows removed by DELETE statements
     * @param partitionsDropped PostgreSQL partitions dropped whole, each entirely older than the
     *     cutoff (their rows are not counted in {@code rowsDeleted})
     */
    record RetentionResult(long rowsDeleted, List<String> partitionsDropped) {}

    /**
     * Points of one property of one twin in {@code [from, to)}, oldest first, at most {@code limit}.
     * To page on, ask again from the last point's ts plus one millisecond.
     *
     * @param limit 1..{@link #MAX_RANGE_LIMIT}
     */
    List<TelemetryPoint> range(String twin, String property, Instant from, Instant to, int limit);

    /**
     * Min, max, average and count of the numeric values in {@code [from, to)}, per bucket of
     * {@code bucket} length aligned at {@code from}: bucket k is {@code [from + k*bucket, from +
     * (k+1)*bucket)}, so a point exactly on a boundary belongs to the later bucket. Computed by the
     * database. Empty buckets are left out; text values are ignored. Oldest bucket first.
     *
     * @param bucket at least one millisecond, a whole number of milliseconds
     */
    List<Bucket> downsample(String twin, String property, Instant from, Instant to, Duration bucket);

    /**
     * Rolls up the minutes that closed at least two minutes before {@code now} and were not rolled up yet
     * (PostgreSQL; nothing on H2). The history writer calls it every few seconds on its own thread; call it
     * only from the thread that appends.
     */
    void rollUp(Instant now);

    /** Deletes the points of the given twins older than {@code cutoff} (ts &lt; cutoff). */
    RetentionResult deleteOlderThan(Collection<String> twins, Instant cutoff);

    /**
     * Deletes every point older than {@code cutoff}. On PostgreSQL, monthly partitions that end at or
     * before the cutoff are dropped whole; only the rest is deleted row by row.
     */
    RetentionResult deleteAllOlderThan(Instant cutoff);
}
