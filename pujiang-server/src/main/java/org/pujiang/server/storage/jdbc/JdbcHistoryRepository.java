package org.pujiang.server.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import org.pujiang.server.storage.history.HistoryRepository;
import org.pujiang.server.storage.history.TelemetryPoint;
import org.pujiang.server.storage.history.TelemetryValue;

/**
 * Telemetry history in the {@code telemetry} table (V3__telemetry.sql). The same SQL runs on H2 and
 * PostgreSQL; on PostgreSQL the table is partitioned by month, and {@link TelemetryPartitions}
 * creates partitions ahead of the rows that need them and drops whole ones for retention.
 */
final class JdbcHistoryRepository implements HistoryRepository {
    private static final String INSERT = "INSERT INTO telemetry (twin_id, property, ts, num_value, text_value)"
            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    /**
     * PostgreSQL: the whole batch as one statement over arrays, several times faster than a JDBC batch of
     * single-row inserts, and its update count is exactly the rows inserted. The instant goes as epoch
     * milliseconds and is turned into a timestamp with integer arithmetic, so no rounding creeps in.
     */
    private static final String INSERT_ARRAYS = "WITH ins AS ("
            + "INSERT INTO telemetry (twin_id, property, ts, num_value, text_value)"
            + " SELECT t, p, TIMESTAMPTZ 'epoch' + m * INTERVAL '1 millisecond', n, x"
            + " FROM unnest(?::varchar[], ?::varchar[], ?::bigint[], ?::float8[], ?::varchar[]) AS u(t, p, m, n, x)"
            + " ON CONFLICT DO NOTHING RETURNING twin_id, property, ts, num_value),"
            // Rows for minutes already rolled up (before the mark, the 6th parameter) are added to their rollups
            // here, from exactly the rows inserted; the rest waits for the minute to close.
            + " late AS (INSERT INTO telemetry_rollup (twin_id, property, minute_start, min_v, max_v, sum_v, n)"
            + " SELECT twin_id, property, date_trunc('minute', ts), MIN(num_value), MAX(num_value), SUM(num_value),"
            + " COUNT(*) FROM ins WHERE num_value IS NOT NULL AND ts < TIMESTAMPTZ 'epoch' + ? * INTERVAL '1 millisecond'"
            + " GROUP BY twin_id, property, date_trunc('minute', ts)"
            + " ON CONFLICT (twin_id, property, minute_start) DO UPDATE SET"
            + " min_v = LEAST(telemetry_rollup.min_v, EXCLUDED.min_v),"
            + " max_v = GREATEST(telemetry_rollup.max_v, EXCLUDED.max_v),"
            + " sum_v = telemetry_rollup.sum_v + EXCLUDED.sum_v, n = telemetry_rollup.n + EXCLUDED.n RETURNING 1)"
            + " SELECT (SELECT COUNT(*) FROM ins), (SELECT COUNT(*) FROM late)";
    /** The rollup of one minute, from all its raw rows: replaces whatever rollup the minute had. */
    private static final String ROLLUP_SELECT = "SELECT twin_id, property, date_trunc('minute', ts), MIN(num_value),"
            + " MAX(num_value), SUM(num_value), COUNT(*) FROM telemetry";
    private static final String ROLLUP_UPSERT = " ON CONFLICT (twin_id, property, minute_start) DO UPDATE SET"
            + " min_v = EXCLUDED.min_v, max_v = EXCLUDED.max_v, sum_v = EXCLUDED.sum_v, n = EXCLUDED.n";
    /** Minutes are rolled up once they are this far in the past: late values within it need no second pass. */
    static final long ROLLUP_LAG_MS = 2 * 60_000;
    private static final long ROLLUP_EVERY_MS = 10_000;
    private static final long MINUTE_MS = 60_000;
    private static final int DELETE_CHUNK = 500;
    // Same key order as the primary key: concurrent writers lock index entries in one order.
    private static final Comparator<TelemetryPoint> KEY_ORDER = Comparator.comparing(TelemetryPoint::twin)
            .thenComparing(TelemetryPoint::property).thenComparing(TelemetryPoint::ts);

    private final Jdbi jdbi;
    private final TelemetryPartitions partitions; // null on H2
    /** PostgreSQL: every minute before this (epoch ms) is rolled up; read by queries, moved by the writer. */
    private volatile long rollupMarkMs = Long.MIN_VALUE;
    private long nextRollupMs;

    JdbcHistoryRepository(Jdbi jdbi, boolean postgres) {
        this.jdbi = jdbi;
        this.partitions = postgres ? new TelemetryPartitions(jdbi) : null;
    }

    /**
     * The Flyway placeholders of V3__telemetry.sql for a database kind: PostgreSQL partitions the
     * table by time and indexes ts with BRIN; H2 has a plain table and a b-tree on ts.
     */
    static Map<String, String> migrationPlaceholders(boolean postgres) {
        return postgres
                ? Map.of("telemetry_partitioning", "PARTITION BY RANGE (ts)", "telemetry_ts_index_method", "USING BRIN")
                : Map.of("telemetry_partitioning", "", "telemetry_ts_index_method", "");
    }

    @Override
    public AppendResult append(List<TelemetryPoint> points) {
        if (points.isEmpty()) {
            return AppendResult.NONE;
        }
        List<TelemetryPoint> sorted = new ArrayList<>(points);
        sorted.sort(KEY_ORDER);
        if (partitions == null) {
            return insert(sorted);
        }
        partitions.ensureFor(sorted);
        long now = System.currentTimeMillis();
        if (now >= nextRollupMs) {
            // On the writer's own thread, between inserts: no insert can slip in behind the mark as it moves.
            nextRollupMs = now + ROLLUP_EVERY_MS;
            rollUp(Instant.ofEpochMilli(now));
        }
        try {
            return insert(sorted);
        } catch (RuntimeException e) {
            // Another node (or retention) dropped a partition this node had seen: look again, once.
            if (!TelemetryPartitions.isNoPartitionForRow(e)) {
                throw e;
            }
            partitions.forget();
            partitions.ensureFor(sorted);
            return insert(sorted);
        }
    }

    private AppendResult insert(List<TelemetryPoint> points) {
        if (partitions != null) {
            return insertArrays(points);
        }
        return jdbi.inTransaction(h -> {
            Connection c = h.getConnection();
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                for (TelemetryPoint p : points) {
                    ps.setString(1, p.twin());
                    ps.setString(2, p.property());
                    ps.setObject(3, p.ts().atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
                    switch (p.value()) {
                        case TelemetryValue.Numeric n -> {
                            ps.setDouble(4, n.value());
                            ps.setNull(5, Types.VARCHAR);
                        }
                        case TelemetryValue.Text t -> {
                            ps.setNull(4, Types.DOUBLE);
                            ps.setString(5, t.value());
                        }
                    }
                    ps.addBatch();
                }
                int inserted = 0;
                int duplicates = 0;
                for (int n : ps.executeBatch()) {
                    // 0: ON CONFLICT DO NOTHING skipped it. SUCCESS_NO_INFO (a driver that rewrites
                    // batches) says nothing: count it as inserted.
                    if (n == 0) {
                        duplicates++;
                    } else if (n > 0 || n == Statement.SUCCESS_NO_INFO) {
                        inserted += n > 0 ? n : 1;
                    }
                }
                return new AppendResult(inserted, duplicates);
            } catch (SQLException e) {
                throw new InsertFailedException(e);
            }
        });
    }

    private AppendResult insertArrays(List<TelemetryPoint> points) {
        return jdbi.inTransaction(h -> {
            Connection c = h.getConnection();
            int size = points.size();
            String[] twins = new String[size];
            String[] properties = new String[size];
            Long[] millis = new Long[size];
            Double[] numbers = new Double[size];
            String[] texts = new String[size];
            for (int i = 0; i < size; i++) {
                TelemetryPoint p = points.get(i);
                twins[i] = p.twin();
                properties[i] = p.property();
                millis[i] = p.ts().toEpochMilli();
                switch (p.value()) {
                    case TelemetryValue.Numeric n -> numbers[i] = n.value();
                    case TelemetryValue.Text t -> texts[i] = t.value();
                }
            }
            try (PreparedStatement ps = c.prepareStatement(INSERT_ARRAYS)) {
                ps.setArray(1, c.createArrayOf("varchar", twins));
                ps.setArray(2, c.createArrayOf("varchar", properties));
                ps.setArray(3, c.createArrayOf("bigint", millis));
                ps.setArray(4, c.createArrayOf("float8", numbers));
                ps.setArray(5, c.createArrayOf("varchar", texts));
                ps.setLong(6, mark(h));
                int inserted;
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    inserted = rs.getInt(1);
                }
                return new AppendResult(inserted, size - inserted);
            } catch (SQLException e) {
                throw new InsertFailedException(e);
            }
        });
    }

    private long mark(org.jdbi.v3.core.Handle h) {
        long mark = rollupMarkMs;
        if (mark == Long.MIN_VALUE) {
            mark = h.createQuery("SELECT mark_ms FROM telemetry_rollup_mark WHERE id = 1").mapTo(Long.class).one();
            rollupMarkMs = mark;
        }
        return mark;
    }

    @Override
    public void rollUp(Instant now) {
        if (partitions == null) {
            return;
        }
        long target = Math.floorDiv(now.toEpochMilli() - ROLLUP_LAG_MS, MINUTE_MS) * MINUTE_MS;
        long moved = jdbi.inTransaction(h -> {
            long mark = mark(h);
            if (target <= mark) {
                return mark;
            }
            h.createUpdate("INSERT INTO telemetry_rollup (twin_id, property, minute_start, min_v, max_v, sum_v, n) "
                            + ROLLUP_SELECT + " WHERE ts >= :from AND ts < :to AND num_value IS NOT NULL"
                            + " GROUP BY twin_id, property, date_trunc('minute', ts)" + ROLLUP_UPSERT)
                    .bind("from", Sql.ts(Instant.ofEpochMilli(mark))).bind("to", Sql.ts(Instant.ofEpochMilli(target)))
                    .execute();
            h.createUpdate("UPDATE telemetry_rollup_mark SET mark_ms = :m WHERE id = 1").bind("m", target).execute();
            return target;
        });
        rollupMarkMs = moved;
    }

    /** A batch insert failed; nothing of the batch was stored. The cause is the driver's exception. */
    static final class InsertFailedException extends RuntimeException {
        InsertFailedException(SQLException cause) {
            super("telemetry batch insert failed: " + cause.getMessage(), cause);
        }
    }

    @Override
    public List<TelemetryPoint> range(String twin, String property, Instant from, Instant to, int limit) {
        checkRange(twin, property, from, to);
        if (limit < 1 || limit > MAX_RANGE_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_RANGE_LIMIT + ", got " + limit);
        }
        if (!from.isBefore(to)) {
            return List.of();
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT ts, num_value, text_value FROM telemetry"
                        + " WHERE twin_id = :twin AND property = :property AND ts >= :from AND ts < :to"
                        + " ORDER BY ts LIMIT :limit")
                .bind("twin", twin).bind("property", property).bind("from", Sql.ts(from)).bind("to", Sql.ts(to))
                .bind("limit", limit)
                .map((rs, ctx) -> {
                    double n = rs.getDouble("num_value");
                    TelemetryValue v = rs.wasNull() ? new TelemetryValue.Text(rs.getString("text_value"))
                            : new TelemetryValue.Numeric(n);
                    return new TelemetryPoint(twin, property, Sql.instant(rs, "ts"), v);
                })
                .list());
    }

    @Override
    public List<Bucket> downsample(String twin, String property, Instant from, Instant to, Duration bucket) {
        checkRange(twin, property, from, to);
        Objects.requireNonNull(bucket, "bucket");
        long bucketMs = bucket.toMillis();
        if (bucketMs < 1 || !Duration.ofMillis(bucketMs).equals(bucket)) {
            throw new IllegalArgumentException("bucket must be a positive whole number of milliseconds, got " + bucket);
        }
        if (!from.isBefore(to)) {
            return List.of();
        }
        long fromMs = from.toEpochMilli();
        if (partitions != null && bucketMs % MINUTE_MS == 0 && fromMs % MINUTE_MS == 0) {
            return downsampleFromRollups(twin, property, from, to, bucketMs);
        }
        // Epoch milliseconds exactly: EXTRACT(EPOCH) is NUMERIC seconds on both databases and ts has
        // millisecond precision, so ROUND only removes representation noise. Every ts is >= from, so
        // integer division is floor: a point on a boundary starts the later bucket.
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT (CAST(ROUND(EXTRACT(EPOCH FROM ts) * 1000) AS BIGINT) - :fromMs) / :bucketMs AS bucket,"
                        + " MIN(num_value) AS min_v, MAX(num_value) AS max_v, AVG(num_value) AS avg_v,"
                        + " COUNT(num_value) AS n"
                        + " FROM telemetry"
                        + " WHERE twin_id = :twin AND property = :property AND ts >= :from AND ts < :to"
                        + " AND num_value IS NOT NULL"
                        + " GROUP BY bucket ORDER BY bucket")
                .bind("fromMs", fromMs).bind("bucketMs", bucketMs)
                .bind("twin", twin).bind("property", property).bind("from", Sql.ts(from)).bind("to", Sql.ts(to))
                .map((rs, ctx) -> new Bucket(Instant.ofEpochMilli(fromMs + rs.getLong("bucket") * bucketMs),
                        rs.getDouble("min_v"), rs.getDouble("max_v"), rs.getDouble("avg_v"), rs.getLong("n")))
                .list());
    }

    /**
     * PostgreSQL, buckets of whole minutes starting on a minute: the rolled-up minutes (before the mark) from the
     * rollups, the rest from the raw rows. Every minute lies inside one bucket, so the answer is the
     * same as from the raw rows, and costs one row per minute instead of one per value.
     */
    private List<Bucket> downsampleFromRollups(String twin, String property, Instant from, Instant to, long bucketMs) {
        long fromMs = from.toEpochMilli();
        long mark = rollupMarkMs == Long.MIN_VALUE ? jdbi.withHandle(this::mark) : rollupMarkMs;
        Instant cut = Instant.ofEpochMilli(Math.max(fromMs, Math.min(mark, to.toEpochMilli() / MINUTE_MS * MINUTE_MS)));
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT b AS bucket, MIN(mn) AS min_v, MAX(mx) AS max_v, SUM(s) / SUM(c) AS avg_v, SUM(c) AS n"
                        + " FROM (SELECT (CAST(EXTRACT(EPOCH FROM minute_start) * 1000 AS BIGINT) - :fromMs) / :bucketMs AS b,"
                        + " min_v AS mn, max_v AS mx, sum_v AS s, n AS c FROM telemetry_rollup"
                        + " WHERE twin_id = :twin AND property = :property AND minute_start >= :from AND minute_start < :cut"
                        + " UNION ALL"
                        + " SELECT (CAST(ROUND(EXTRACT(EPOCH FROM ts) * 1000) AS BIGINT) - :fromMs) / :bucketMs,"
                        + " num_value, num_value, num_value, 1 FROM telemetry"
                        + " WHERE twin_id = :twin AND property = :property AND ts >= :cut AND ts < :to"
                        + " AND num_value IS NOT NULL) x"
                        + " GROUP BY b ORDER BY b")
                .bind("fromMs", fromMs).bind("bucketMs", bucketMs)
                .bind("twin", twin).bind("property", property).bind("from", Sql.ts(from)).bind("cut", Sql.ts(cut))
                .bind("to", Sql.ts(to))
                .map((rs, ctx) -> new Bucket(Instant.ofEpochMilli(fromMs + rs.getLong("bucket") * bucketMs),
                        rs.getDouble("min_v"), rs.getDouble("max_v"), rs.getDouble("avg_v"), rs.getLong("n")))
                .list());
    }

    @Override
    public RetentionResult deleteOlderThan(Collection<String> twins, Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        List<String> ids = twins.stream().distinct().toList();
        long deleted = 0;
        for (int i = 0; i < ids.size(); i += DELETE_CHUNK) {
            List<String> chunk = ids.subList(i, Math.min(ids.size(), i + DELETE_CHUNK));
            deleted += jdbi.withHandle(h -> h.createUpdate(
                            "DELETE FROM telemetry WHERE twin_id IN (<twins>) AND ts < :cutoff")
                    .bindList("twins", chunk).bind("cutoff", Sql.ts(cutoff)).execute());
            // Rollups of minutes wholly before the cutoff; the minute it falls in keeps its rollup.
            jdbi.useHandle(h -> h.createUpdate("DELETE FROM telemetry_rollup WHERE twin_id IN (<twins>)"
                            + " AND minute_start <= :last")
                    .bindList("twins", chunk).bind("last", Sql.ts(lastWholeMinuteBefore(cutoff))).execute());
        }
        return new RetentionResult(deleted, List.of());
    }

    @Override
    public RetentionResult deleteAllOlderThan(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        List<String> dropped = partitions == null ? List.of() : partitions.dropEndingBy(cutoff);
        long deleted = jdbi.withHandle(h -> h.createUpdate("DELETE FROM telemetry WHERE ts < :cutoff")
                .bind("cutoff", Sql.ts(cutoff)).execute());
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM telemetry_rollup WHERE minute_start <= :last")
                .bind("last", Sql.ts(lastWholeMinuteBefore(cutoff))).execute());
        return new RetentionResult(deleted, dropped);
    }

    /** The start of the last minute that ends at or before {@code cutoff}. */
    private static Instant lastWholeMinuteBefore(Instant cutoff) {
        return Instant.ofEpochMilli(Math.floorDiv(cutoff.toEpochMilli(), MINUTE_MS) * MINUTE_MS - MINUTE_MS);
    }

    private static void checkRange(String twin, String property, Instant from, Instant to) {
        Objects.requireNonNull(twin, "twin");
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /** Whether {@code t}, its causes or a chained next exception is an SQLException in {@code state}. */
    static boolean isSqlState(Throwable t, String state) {
        return sqlExceptions(t).stream().anyMatch(e -> state.equals(e.getSQLState()));
    }

    /** The SQLExceptions among {@code t}'s causes and their next exceptions (batch errors chain there). */
    static List<SQLException> sqlExceptions(Throwable t) {
        List<SQLException> out = new ArrayList<>();
        for (Throwable c = t; c != null && out.size() < 32; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SQLException sql) {
                for (SQLException n = sql; n != null && out.size() < 32; n = n.getNextException()) {
                    out.add(n);
                }
            }
        }
        return out;
    }
}
