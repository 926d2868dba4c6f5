package org.pujiang.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.pujiang.server.storage.history.HistoryRepository;
import org.pujiang.server.storage.history.HistoryRepository.Bucket;
import org.pujiang.server.storage.history.HistorySink;
import org.pujiang.server.storage.history.HistoryWriter;
import org.pujiang.server.storage.history.HistoryWriter.Offer;
import org.pujiang.server.storage.history.TelemetryPoint;
import org.pujiang.server.storage.history.TelemetryValue;
import org.pujiang.server.storage.jdbc.Database;
import org.pujiang.server.testing.TestDatabase;

/**
 * Telemetry history against a real database, once per kind (H2 and PostgreSQL subclasses). Tests
 * share one database: each uses its own twin ids, and only the retention test deletes across twins,
 * in 2001, before every other test's data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HistoryContract {
    private static final Duration WAIT = Duration.ofSeconds(60);

    TestDatabase testDb;
    Database db;
    HistoryRepository history;

    abstract TestDatabase.Kind kind();

    @BeforeAll
    void open(@TempDir Path temp) {
        testDb = TestDatabase.create(kind(), temp);
        db = Database.open(testDb.config(), temp, null);
        history = db.history();
    }

    @AfterAll
    void close() {
        if (db != null) {
            db.close();
        }
        if (testDb != null) {
            testDb.close();
        }
    }

    private static String newTwin(String what) {
        return what + "-" + System.nanoTime();
    }

    private static TelemetryPoint num(String twin, String property, Instant ts, double v) {
        return TelemetryPoint.numeric(twin, property, ts, v);
    }

    private List<TelemetryPoint> all(String twin, String property) {
        return history.range(twin, property, Instant.EPOCH, TelemetryPoint.MAX_TS, HistoryRepository.MAX_RANGE_LIMIT);
    }

    @Test
    void tenThousandPointsThroughTheWriterReadBackInOrder() throws Exception {
        String twin = newTwin("press");
        // 5,000 minutes from 30 January: the points cross into February (two partitions on PostgreSQL).
        Instant base = Instant.parse("2026-01-30T00:00:00Z");
        List<TelemetryPoint> points = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            points.add(num(twin, "temp", base.plusSeconds(60L * i), i));
            points.add(num(twin, "pressure", base.plusSeconds(60L * i), -i));
        }
        Collections.shuffle(points, new Random(42));
        HistoryWriter writer = HistoryWriter.start(history,
                HistoryWriter.Options.defaults().withCapacity(20_000).withMaxBatch(500));
        try {
            for (TelemetryPoint p : points) {
                assertThat(writer.offer(p)).isEqualTo(Offer.ACCEPTED);
            }
            assertThat(writer.flush(WAIT)).isTrue();
            HistoryWriter.Stats s = writer.stats();
            assertThat(s.accepted()).isEqualTo(10_000);
            assertThat(s.written()).isEqualTo(10_000);
            assertThat(s.refused()).isZero();
            assertThat(s.duplicates()).isZero();
            assertThat(s.dropped()).isZero();
            assertThat(s.writeFailures()).isZero();
            assertThat(s.batches()).isGreaterThanOrEqualTo(20);
        } finally {
            writer.close();
        }
        List<TelemetryPoint> temp = all(twin, "temp");
        assertThat(temp).hasSize(5_000);
        for (int i = 0; i < temp.size(); i++) {
            assertThat(temp.get(i)).isEqualTo(num(twin, "temp", base.plusSeconds(60L * i), i));
        }
        assertThat(all(twin, "pressure")).hasSize(5_000).allSatisfy(p -> assertThat(p.property()).isEqualTo("pressure"));
        assertThat(history.range(twin, "temp", base, TelemetryPoint.MAX_TS, 100)).isEqualTo(temp.subList(0, 100));
        if (kind() == TestDatabase.Kind.POSTGRES) {
            // The months of the data, plus the month after, created ahead.
            assertThat(partitions()).contains("telemetry_p202601", "telemetry_p202602", "telemetry_p202603");
        }
    }

    @Test
    void downsampleComputesBucketsInTheDatabase() {
        String twin = newTwin("ds");
        Instant from = Instant.parse("2026-03-01T00:00:00Z");
        Instant to = from.plusMillis(4_000);
        history.append(List.of(
                num(twin, "p", from.minusMillis(1), 100), // before from: left out
                num(twin, "p", from, 1),
                num(twin, "p", from.plusMillis(500), 5),
                num(twin, "p", from.plusMillis(999), 3),
                num(twin, "p", from.plusMillis(1_000), 10), // on a boundary: the later bucket
                num(twin, "p", from.plusMillis(1_500), 20),
                // nothing in [2000, 3000): no bucket
                num(twin, "p", from.plusMillis(3_000), -4),
                TelemetryPoint.text(twin, "p", from.plusMillis(3_500), "text is not downsampled"),
                num(twin, "p", from.plusMillis(3_999), 4),
                num(twin, "p", to, 1_000), // at to: left out
                num(twin, "other", from.plusMillis(10), 7_777)));

        assertThat(history.downsample(twin, "p", from, to, Duration.ofSeconds(1))).containsExactly(
                new Bucket(from, 1, 5, 3, 3),
                new Bucket(from.plusMillis(1_000), 10, 20, 15, 2),
                new Bucket(from.plusMillis(3_000), -4, 4, 0, 2));
        // Buckets are aligned at from: 1.5 s buckets put 1000 in the first and 1500 in the second.
        assertThat(history.downsample(twin, "p", from, to, Duration.ofMillis(1_500))).containsExactly(
                new Bucket(from, 1, 10, 4.75, 4),
                new Bucket(from.plusMillis(1_500), 20, 20, 20, 1),
                new Bucket(from.plusMillis(3_000), -4, 4, 0, 2));
        // One bucket over everything, and a window with nothing in it.
        assertThat(history.downsample(twin, "p", from, to, Duration.ofHours(1)))
                .containsExactly(new Bucket(from, -4, 20, 39.0 / 7, 7));
        assertThat(history.downsample(twin, "p", to.plusMillis(1), to.plusSeconds(60), Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void minuteBucketsMatchTheRawValuesWhateverTheStorePathAndRetentionCutsBoth() {
        // Three hours and a bit of one-second values, some sent twice; on PostgreSQL whole-minute buckets are
        // answered from the minute rollups and the unfinished last minute from the raw rows.
        String twin = newTwin("roll");
        Instant from = Instant.parse("2026-03-02T00:00:00Z");
        int seconds = 3 * 3600 + 45;
        List<TelemetryPoint> points = new java.util.ArrayList<>();
        for (int i = 0; i < seconds; i++) {
            points.add(num(twin, "p", from.plusSeconds(i), (i * 7) % 101));
        }
        for (int i = 0; i < points.size(); i += 2000) {
            history.append(points.subList(i, Math.min(points.size(), i + 2000)));
        }
        assertThat(history.append(points.subList(100, 400)).inserted()).as("sent again: ignored").isZero();
        Instant to = from.plusSeconds(seconds);
        Duration bucket = Duration.ofMinutes(5);
        List<Bucket> expected = new java.util.ArrayList<>();
        for (long b = 0; b * 300 < seconds; b++) {
            double min = Double.MAX_VALUE;
            double max = -Double.MAX_VALUE;
            double sum = 0;
            int n = 0;
            for (long i = b * 300; i < Math.min(seconds, (b + 1) * 300); i++) {
                double v = (i * 7) % 101;
                min = Math.min(min, v);
                max = Math.max(max, v);
                sum += v;
                n++;
            }
            expected.add(new Bucket(from.plus(bucket.multipliedBy(b)), min, max, sum / n, n));
        }
        List<Bucket> got = history.downsample(twin, "p", from, to, bucket);
        assertThat(got).hasSize(expected.size());
        for (int i = 0; i < got.size(); i++) {
            Bucket g = got.get(i);
            Bucket e = expected.get(i);
            assertThat(g.start()).isEqualTo(e.start());
            assertThat(g.count()).as("bucket %d", i).isEqualTo(e.count());
            assertThat(g.min()).isEqualTo(e.min());
            assertThat(g.max()).isEqualTo(e.max());
            assertThat(g.avg()).isCloseTo(e.avg(), org.assertj.core.data.Offset.offset(1e-9));
        }
        // Retention: everything before the second hour goes, from the raw rows and the rollups alike.
        history.deleteOlderThan(List.of(twin), from.plusSeconds(3600));
        List<Bucket> after = history.downsample(twin, "p", from, to, Duration.ofHours(1));
        assertThat(after).extracting(Bucket::count).containsExactly(3600L, 3600L, 45L);
    }

    @Test
    void recentMinutesAreRolledUpOnceClosedAndAnswersStayTheSame() {
        String twin = newTwin("live");
        Instant now = Instant.now();
        Instant from = Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), 60_000) * 60_000).minus(Duration.ofMinutes(10));
        List<TelemetryPoint> points = new java.util.ArrayList<>();
        for (int i = 0; i < 600; i++) {
            points.add(num(twin, "p", from.plusSeconds(i), i % 13));
        }
        history.append(points);
        Instant to = from.plusSeconds(600);
        List<Bucket> before = history.downsample(twin, "p", from, to, Duration.ofMinutes(2));
        assertThat(before).extracting(Bucket::count).containsExactly(120L, 120L, 120L, 120L, 120L);
        // The minutes close: the writer rolls them up, and the answer does not change.
        history.rollUp(now.plus(Duration.ofMinutes(15)));
        assertThat(history.downsample(twin, "p", from, to, Duration.ofMinutes(2))).isEqualTo(before);
        // A late value for a rolled-up minute is rolled up again at once.
        history.append(List.of(num(twin, "p", from.plusMillis(500), 1000)));
        List<Bucket> after = history.downsample(twin, "p", from, to, Duration.ofMinutes(2));
        assertThat(after.getFirst().count()).isEqualTo(121);
        assertThat(after.getFirst().max()).isEqualTo(1000);
    }

    @Test
    void rangeIsFromInclusiveToExclusive() {
        String twin = newTwin("range");
        Instant from = Instant.parse("2026-04-01T00:00:00Z");
        Instant to = from.plusSeconds(10);
        history.append(List.of(num(twin, "p", from.minusMillis(1), 0), num(twin, "p", from, 1),
                num(twin, "p", from.plusMillis(1), 2), num(twin, "p", to.minusMillis(1), 3), num(twin, "p", to, 4)));
        assertThat(history.range(twin, "p", from, to, 100)).extracting(TelemetryPoint::value).containsExactly(
                TelemetryValue.of(1), TelemetryValue.of(2), TelemetryValue.of(3));
        assertThat(history.range(twin, "p", from, from, 100)).isEmpty();
        assertThat(history.range(twin, "p", to, from, 100)).isEmpty();
        assertThat(history.range(twin, "q", from, to, 100)).isEmpty();
    }

    @Test
    void duplicatesKeepTheFirstValueAndTextAndBooleansRoundTrip() {
        String twin = newTwin("dup");
        Instant t = Instant.parse("2026-05-05T05:05:05.123456Z"); // stored at millisecond precision
        assertThat(history.append(List.of(num(twin, "p", t, 1), num(twin, "p", t, 2))))
                .isEqualTo(new HistorySink.AppendResult(1, 1));
        assertThat(history.append(List.of(num(twin, "p", t, 3)))).isEqualTo(new HistorySink.AppendResult(0, 1));
        assertThat(history.append(List.of(
                TelemetryPoint.text(twin, "state", t, "运行中 running"),
                new TelemetryPoint(twin, "on", t, TelemetryValue.of(true)))))
                .isEqualTo(new HistorySink.AppendResult(2, 0));
        assertThat(all(twin, "p")).containsExactly(num(twin, "p", Instant.parse("2026-05-05T05:05:05.123Z"), 1));
        assertThat(all(twin, "state")).extracting(TelemetryPoint::value).containsExactly(TelemetryValue.of("运行中 running"));
        assertThat(all(twin, "on")).extracting(TelemetryPoint::value).containsExactly(TelemetryValue.of(1.0));
    }

    @Test
    void retentionDeletesOnlyOlderPoints() throws SQLException {
        String a = newTwin("ret-a");
        String b = newTwin("ret-b");
        List<Instant> times = List.of(Instant.parse("2001-01-15T00:00:00Z"), Instant.parse("2001-02-15T00:00:00Z"),
                Instant.parse("2001-03-10T00:00:00Z"), Instant.parse("2001-03-20T00:00:00Z"),
                Instant.parse("2001-04-05T00:00:00Z"));
        List<TelemetryPoint> points = new ArrayList<>();
        for (Instant t : times) {
            points.add(num(a, "p", t, 1));
            points.add(num(b, "p", t, 2));
        }
        points.add(num(a, "p", Instant.parse("2026-06-01T00:00:00Z"), 3));
        history.append(points);
        Instant cutoff = Instant.parse("2001-03-15T00:00:00Z");

        HistoryRepository.RetentionResult byTwin = history.deleteOlderThan(List.of(a, "no-such-twin"), cutoff);
        assertThat(byTwin.rowsDeleted()).isEqualTo(3);
        assertThat(byTwin.partitionsDropped()).isEmpty();
        assertThat(all(a, "p")).extracting(TelemetryPoint::ts)
                .containsExactly(times.get(3), times.get(4), Instant.parse("2026-06-01T00:00:00Z"));
        assertThat(all(b, "p")).hasSize(5);

        HistoryRepository.RetentionResult everything = history.deleteAllOlderThan(cutoff);
        if (kind() == TestDatabase.Kind.POSTGRES) {
            // January and February end before the cutoff: dropped whole. March is cut row by row.
            assertThat(everything.partitionsDropped()).containsExactly("telemetry_p200101", "telemetry_p200102");
            assertThat(everything.rowsDeleted()).isEqualTo(1);
            assertThat(partitions()).doesNotContain("telemetry_p200101", "telemetry_p200102").contains("telemetry_p200103");
        } else {
            assertThat(everything.partitionsDropped()).isEmpty();
            assertThat(everything.rowsDeleted()).isEqualTo(3);
        }
        assertThat(all(b, "p")).extracting(TelemetryPoint::ts).containsExactly(times.get(3), times.get(4));
        assertThat(all(a, "p")).hasSize(3);

        // Late data for a month retention dropped is still stored: its partition comes back.
        assertThat(history.append(List.of(num(b, "p", Instant.parse("2001-02-20T00:00:00Z"), 9))).inserted()).isEqualTo(1);
        if (kind() == TestDatabase.Kind.POSTGRES) {
            // Another node dropped a partition this one had seen: the insert looks again and recreates it.
            try (Connection c = connect(); Statement st = c.createStatement()) {
                st.execute("DROP TABLE telemetry_p200104");
            }
            assertThat(history.append(List.of(num(b, "p", Instant.parse("2001-04-06T00:00:00Z"), 9))).inserted())
                    .isEqualTo(1);
        }
        // PostgreSQL: Feb 20, Mar 20, Apr 6 (Apr 5 went with the dropped partition); H2: Feb 20, Mar 20, Apr 5.
        assertThat(all(b, "p")).hasSize(3);
    }

    @Test
    void aFullQueueRefusesAndEveryAcceptedPointIsWritten() throws Exception {
        String twin = newTwin("full");
        Instant base = Instant.parse("2026-07-01T00:00:00Z");
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        // The first batch holds the writer inside the sink until released, so that the queue fills.
        HistorySink gated = batch -> {
            if (first.getAndSet(false)) {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            return history.append(batch);
        };
        HistoryWriter writer = HistoryWriter.start(gated,
                HistoryWriter.Options.defaults().withCapacity(100).withMaxBatch(10).withMaxDelay(Duration.ZERO));
        try {
            assertThat(writer.offer(num(twin, "p", base, 0))).isEqualTo(Offer.ACCEPTED);
            assertThat(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            for (int i = 1; i <= 100; i++) {
                assertThat(writer.offer(num(twin, "p", base.plusSeconds(i), i))).isEqualTo(Offer.ACCEPTED);
            }
            assertThat(writer.offer(num(twin, "p", base.plusSeconds(101), 101))).isEqualTo(Offer.FULL);
            assertThat(writer.stats().refused()).isEqualTo(1);
            assertThat(writer.stats().queued()).isEqualTo(100);
            release.countDown();
            assertThat(writer.flush(WAIT)).isTrue();
            assertThat(writer.stats().written()).isEqualTo(101);
        } finally {
            release.countDown();
            writer.close();
        }
        assertThat(all(twin, "p")).hasSize(101).extracting(p -> p.ts()).doesNotContain(base.plusSeconds(101));
    }

    @Test
    void closeDrainsWithoutAFlush() {
        String twin = newTwin("close");
        Instant base = Instant.parse("2026-08-01T00:00:00Z");
        // A batch would wait an hour for more points: only close() makes the writer write them.
        HistoryWriter writer = HistoryWriter.start(history, HistoryWriter.Options.defaults().withCapacity(10_000)
                .withMaxBatch(100_000).withMaxDelay(Duration.ofHours(1)));
        for (int i = 0; i < 1_234; i++) {
            assertThat(writer.offer(num(twin, "p", base.plusMillis(i), i))).isEqualTo(Offer.ACCEPTED);
        }
        writer.close();
        assertThat(writer.offer(num(twin, "p", base.minusSeconds(1), 0))).isEqualTo(Offer.CLOSED);
        HistoryWriter.Stats s = writer.stats();
        assertThat(s.accepted()).isEqualTo(1_234);
        assertThat(s.written()).isEqualTo(1_234);
        assertThat(s.queued()).isZero();
        assertThat(s.batches()).isEqualTo(1);
        assertThat(all(twin, "p")).hasSize(1_234);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(testDb.config().url(), testDb.config().user(), testDb.config().password());
    }

    private List<String> partitions() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                        + " WHERE i.inhparent = 'telemetry'::regclass")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
