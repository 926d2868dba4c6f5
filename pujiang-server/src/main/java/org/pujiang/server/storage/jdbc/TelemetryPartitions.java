package org.pujiang.server.storage.jdbc;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.pujiang.server.storage.history.TelemetryPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monthly partitions of {@code telemetry} on PostgreSQL, named {@code telemetry_pYYYYMM} and
 * covering {@code [first of the month, first of the next month)} in UTC. There is no default
 * partition: a row for a month without a partition fails, so {@link #ensureFor} creates the months a
 * batch needs (and the month after each, ahead of time) before the batch is inserted. Creation is
 * idempotent and safe when several nodes race. Thread-safe.
 */
final class TelemetryPartitions {
    private static final Logger log = LoggerFactory.getLogger(TelemetryPartitions.class);
    private static final Pattern NAME = Pattern.compile("telemetry_p(\\d{4})(\\d{2})");

    private final Jdbi jdbi;
    private final Set<YearMonth> known = ConcurrentHashMap.newKeySet();
    private volatile boolean loaded;

    TelemetryPartitions(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    static String name(YearMonth m) {
        return String.format("telemetry_p%04d%02d", m.getYear(), m.getMonthValue());
    }

    static YearMonth month(Instant t) {
        return YearMonth.from(t.atOffset(ZoneOffset.UTC));
    }

    /** Creates the partitions for the months of {@code points} and the month after each, where missing. */
    void ensureFor(List<TelemetryPoint> points) {
        if (!loaded) {
            known.addAll(list());
            loaded = true;
        }
        Set<YearMonth> needed = new TreeSet<>();
        for (TelemetryPoint p : points) {
            YearMonth m = month(p.ts());
            if (!known.contains(m)) {
                needed.add(m);
                if (m.getYear() < 9999 || m.getMonthValue() < 12) {
                    needed.add(m.plusMonths(1));
                }
            }
        }
        for (YearMonth m : needed) {
            if (!known.contains(m)) {
                create(m);
                known.add(m);
            }
        }
    }

    /** Forgets what was seen, so that the next {@link #ensureFor} reads the catalogue again. */
    void forget() {
        loaded = false;
        known.clear();
    }

    /** The months that have a partition now. */
    List<YearMonth> list() {
        List<String> names = jdbi.withHandle(h -> h.createQuery("SELECT c.relname FROM pg_inherits i"
                        + " JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'telemetry'::regclass")
                .mapTo(String.class).list());
        List<YearMonth> months = new ArrayList<>();
        for (String n : names) {
            Matcher m = NAME.matcher(n);
            if (m.matches()) {
                months.add(YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
            }
        }
        return months;
    }

    /** Drops the partitions that end at or before {@code cutoff}: all their rows are older. */
    List<String> dropEndingBy(Instant cutoff) {
        List<String> dropped = new ArrayList<>();
        for (YearMonth m : new TreeSet<>(list())) {
            Instant end = m.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            if (end.isAfter(cutoff)) {
                continue;
            }
            known.remove(m);
            jdbi.useHandle(h -> h.execute("DROP TABLE IF EXISTS " + name(m)));
            dropped.add(name(m));
        }
        if (!dropped.isEmpty()) {
            log.info("telemetry retention dropped partitions {}", dropped);
        }
        return dropped;
    }

    private void create(YearMonth m) {
        String from = m.atDay(1) + " 00:00:00+00";
        String to = m.plusMonths(1).atDay(1) + " 00:00:00+00";
        String sql = "CREATE TABLE IF NOT EXISTS " + name(m) + " PARTITION OF telemetry FOR VALUES FROM ('" + from
                + "') TO ('" + to + "')";
        try {
            jdbi.useHandle(h -> h.execute(sql));
            log.debug("telemetry partition {} ready", name(m));
        } catch (RuntimeException e) {
            // Two nodes creating the same partition at once: the loser sees a duplicate in the catalogue.
            if ((JdbcHistoryRepository.isSqlState(e, "42P07") || JdbcHistoryRepository.isSqlState(e, "23505"))
                    && list().contains(m)) {
                return;
            }
            throw e;
        }
    }

    /** PostgreSQL's "no partition of relation found for row" (SQLSTATE 23514 with that text). */
    static boolean isNoPartitionForRow(Throwable t) {
        return JdbcHistoryRepository.sqlExceptions(t).stream().anyMatch(e -> "23514".equals(e.getSQLState())
                && String.valueOf(e.getMessage()).contains("no partition"));
    }
}
