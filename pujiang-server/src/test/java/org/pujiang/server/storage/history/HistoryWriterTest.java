package org.pujiang.server.storage.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pujiang.server.storage.history.HistoryWriter.Offer;
import org.pujiang.server.storage.history.HistoryWriter.Options;

/** The batching writer against a fake sink: no database, no timing assertions. */
class HistoryWriterTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Fast retries, so that failure tests do not wait. */
    private static final Options FAST = Options.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(2));

    private final List<HistoryWriter> writers = new ArrayList<>();

    @AfterEach
    void closeWriters() {
        writers.forEach(HistoryWriter::close);
    }

    private HistoryWriter start(HistorySink sink, Options options) {
        HistoryWriter w = HistoryWriter.start(sink, options);
        writers.add(w);
        return w;
    }

    private static TelemetryPoint point(int i) {
        return TelemetryPoint.numeric("twin", "p", T0.plusMillis(i), i);
    }

    /** Records every batch it is given; fails a call when {@code failure} says so for the batch. */
    private static final class FakeSink implements HistorySink {
        final List<List<TelemetryPoint>> batches = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger calls = new AtomicInteger();
        volatile Predicate<List<TelemetryPoint>> failure = b -> false;
        volatile RuntimeException error = new RuntimeException(new SQLException("value too long", "22001"));
        volatile CountDownLatch entered = new CountDownLatch(1);
        volatile CountDownLatch release;

        @Override
        public AppendResult append(List<TelemetryPoint> points) {
            calls.incrementAndGet();
            entered.countDown();
            CountDownLatch r = release;
            if (r != null) {
                try {
                    r.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            if (failure.test(points)) {
                throw error;
            }
            batches.add(points);
            return new AppendResult(points.size(), 0);
        }

        List<TelemetryPoint> written() {
            synchronized (batches) {
                return batches.stream().flatMap(List::stream).toList();
            }
        }
    }

    @Test
    void batchesAreBoundedAndKeepTheAcceptedOrder() throws Exception {
        FakeSink sink = new FakeSink();
        HistoryWriter w = start(sink, Options.defaults().withMaxBatch(64));
        List<TelemetryPoint> offered = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            offered.add(point(i));
            assertThat(w.offer(point(i))).isEqualTo(Offer.ACCEPTED);
        }
        assertThat(w.flush(WAIT)).isTrue();
        assertThat(sink.written()).isEqualTo(offered);
        assertThat(sink.batches).allSatisfy(b -> assertThat(b).hasSizeBetween(1, 64));
        HistoryWriter.Stats s = w.stats();
        assertThat(s.accepted()).isEqualTo(1_000);
        assertThat(s.written()).isEqualTo(1_000);
        assertThat(s.batches()).isEqualTo(sink.batches.size()).isGreaterThanOrEqualTo(16);
        assertThat(s.queued()).isZero();
    }

    @Test
    void concurrentProducersLoseNothing() throws Exception {
        FakeSink sink = new FakeSink();
        HistoryWriter w = start(sink, Options.defaults().withCapacity(50_000).withMaxBatch(500));
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int base = t * 5_000;
            producers.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 5_000; i++) {
                    assertThat(w.offer(point(base + i))).isEqualTo(Offer.ACCEPTED);
                }
            }));
        }
        for (Thread p : producers) {
            p.join();
        }
        w.close();
        assertThat(new HashSet<>(sink.written())).hasSize(40_000);
        assertThat(sink.written()).hasSize(40_000);
        assertThat(w.stats().written()).isEqualTo(40_000);
    }

    @Test
    void aFullQueueRefusesAtOnceAndAcceptedPointsAreAllWritten() throws Exception {
        FakeSink sink = new FakeSink();
        sink.release = new CountDownLatch(1);
        HistoryWriter w = start(sink, Options.defaults().withCapacity(5).withMaxBatch(10).withMaxDelay(Duration.ZERO));
        assertThat(w.offer(point(0))).isEqualTo(Offer.ACCEPTED);
        assertThat(sink.entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue(); // the writer holds point 0
        for (int i = 1; i <= 5; i++) {
            assertThat(w.offer(point(i))).isEqualTo(Offer.ACCEPTED);
        }
        assertThat(w.offer(point(6))).isEqualTo(Offer.FULL);
        assertThat(w.offer(point(7))).isEqualTo(Offer.FULL);
        sink.release.countDown();
        w.close();
        assertThat(sink.written()).containsExactly(point(0), point(1), point(2), point(3), point(4), point(5));
        HistoryWriter.Stats s = w.stats();
        assertThat(s.accepted()).isEqualTo(6);
        assertThat(s.refused()).isEqualTo(2);
        assertThat(s.written()).isEqualTo(6);
    }

    @Test
    void flushWaitsForThePointsAcceptedBeforeIt() throws Exception {
        FakeSink sink = new FakeSink();
        sink.release = new CountDownLatch(1);
        HistoryWriter w = start(sink, Options.defaults().withMaxDelay(Duration.ZERO));
        w.offer(point(0));
        assertThat(sink.entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        w.offer(point(1));
        CompletableFuture<Void> flushed = w.flush();
        assertThat(flushed).isNotDone(); // the sink has not returned yet
        sink.release.countDown();
        flushed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(sink.written()).containsExactly(point(0), point(1));
    }

    @Test
    void transientFailuresAreRetriedUntilTheBatchIsWritten() throws Exception {
        FakeSink sink = new FakeSink();
        AtomicInteger failuresLeft = new AtomicInteger(3);
        sink.error = new RuntimeException(new SQLTransientConnectionException("pool timeout"));
        sink.failure = b -> failuresLeft.getAndDecrement() > 0;
        HistoryWriter w = start(sink, FAST);
        for (int i = 0; i < 10; i++) {
            w.offer(point(i));
        }
        assertThat(w.flush(WAIT)).isTrue();
        assertThat(sink.written()).hasSize(10);
        HistoryWriter.Stats s = w.stats();
        assertThat(s.writeFailures()).isEqualTo(3);
        assertThat(s.written()).isEqualTo(10);
        assertThat(s.dropped()).isZero();
    }

    @Test
    void aPermanentFailureIsSplitUntilOnlyThePoisonPointIsDropped() throws Exception {
        FakeSink sink = new FakeSink();
        TelemetryPoint poison = TelemetryPoint.numeric("twin", "poison", T0, 0);
        sink.failure = b -> b.contains(poison);
        HistoryWriter w = start(sink, FAST.withMaxDelay(Duration.ofHours(1)));
        for (int i = 0; i < 20; i++) {
            w.offer(i == 13 ? poison : point(i));
        }
        assertThat(w.flush(WAIT)).isTrue();
        HistoryWriter.Stats s = w.stats();
        assertThat(s.written()).isEqualTo(19);
        assertThat(s.dropped()).isEqualTo(1);
        assertThat(sink.written()).hasSize(19).doesNotContain(poison);
        assertThat(s.writeFailures()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void closeDrainsAndThenRefuses() {
        FakeSink sink = new FakeSink();
        HistoryWriter w = start(sink, Options.defaults().withMaxDelay(Duration.ofHours(1)).withMaxBatch(1_000));
        for (int i = 0; i < 100; i++) {
            w.offer(point(i));
        }
        w.close();
        w.close(); // idempotent
        assertThat(sink.written()).hasSize(100);
        assertThat(w.offer(point(100))).isEqualTo(Offer.CLOSED);
        assertThat(w.flush()).isDone();
        assertThat(w.stats().refused()).isEqualTo(1);
    }

    @Test
    void closeGivesUpOnADeadSinkAfterItsTimeoutAndCountsWhatItDropped() {
        FakeSink sink = new FakeSink();
        sink.error = new RuntimeException(new SQLException("connection refused", "08001"));
        sink.failure = b -> true;
        HistoryWriter w = start(sink, FAST.withCloseTimeout(Duration.ZERO).withMaxDelay(Duration.ofHours(1)));
        for (int i = 0; i < 10; i++) {
            w.offer(point(i));
        }
        w.close();
        HistoryWriter.Stats s = w.stats();
        assertThat(s.written()).isZero();
        assertThat(s.dropped()).isEqualTo(10);
        assertThat(s.accepted()).isEqualTo(s.written() + s.duplicates() + s.dropped());
    }

    @Test
    void transientFailuresAreTheConnectionsNotTheData() {
        assertThat(HistoryWriter.isTransient(new RuntimeException(new SQLException("gone", "08006")))).isTrue();
        assertThat(HistoryWriter.isTransient(new SQLException("serialization", "40001"))).isTrue();
        assertThat(HistoryWriter.isTransient(new SQLException("shutdown", "57P01"))).isTrue();
        assertThat(HistoryWriter.isTransient(new SQLTransientConnectionException("pool timeout"))).isTrue();
        BatchUpdateException batch = new BatchUpdateException("batch aborted", null, 0, new int[0], null);
        batch.setNextException(new SQLException("deadlock", "40P01"));
        assertThat(HistoryWriter.isTransient(new RuntimeException(batch))).isTrue();
        assertThat(HistoryWriter.isTransient(new RuntimeException(new SQLException("duplicate", "23505")))).isFalse();
        assertThat(HistoryWriter.isTransient(new IllegalStateException("bug"))).isFalse();
    }
}
