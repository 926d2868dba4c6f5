package org.pujiang.space.tick;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The one place with real time and sleeps: a few spaces over well under a second each. */
class SpaceSchedulerTest {
    /** Counts ticks and checks that no two ever overlap. */
    static final class Probe implements Tickable {
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger overlaps = new AtomicInteger();
        final AtomicLong ticks = new AtomicLong();
        final long sleepMillis;
        volatile long lastNanos;
        volatile boolean nonMonotonic;

        Probe(long sleepMillis) {
            this.sleepMillis = sleepMillis;
        }

        @Override
        public void tick(long nowNanos) {
            if (inside.incrementAndGet() != 1) {
                overlaps.incrementAndGet();
            }
            if (nowNanos < lastNanos) {
                nonMonotonic = true;
            }
            lastNanos = nowNanos;
            ticks.incrementAndGet();
            if (sleepMillis > 0) {
                try {
                    Thread.sleep(sleepMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            inside.decrementAndGet();
        }
    }

    @Test
    void spacesTickAtTheirOwnRatesAndNeverConcurrently() throws Exception {
        Probe a = new Probe(0);
        Probe b = new Probe(2);
        Probe c = new Probe(0);
        try (SpaceScheduler s = SpaceScheduler.create(2)) {
            s.schedule("a", a, 20);
            s.schedule("b", b, 50);
            s.schedule("c", c, 100);
            Thread.sleep(600);
            assertThat(s.tickets()).hasSize(3);
        }
        // expected 13, 31 and 61: low bounds are generous (shared CI machines stall), high bounds
        // are tight (a schedule that replays missed ticks would overshoot them)
        assertThat(a.ticks.get()).isBetween(7L, 14L);
        assertThat(b.ticks.get()).isBetween(16L, 33L);
        assertThat(c.ticks.get()).isBetween(30L, 64L);
        for (Probe p : new Probe[] {a, b, c}) {
            assertThat(p.overlaps.get()).isZero();
            assertThat(p.nonMonotonic).isFalse();
        }
    }

    @Test
    void aSlowSpaceNeitherBlocksOthersNorIsReplayedInABurst() throws Exception {
        Probe slow = new Probe(120); // wants 20 Hz, takes 120 ms a tick
        Probe fast = new Probe(0);
        SpaceScheduler.Ticket slowTicket;
        try (SpaceScheduler s = SpaceScheduler.create(2)) {
            slowTicket = s.schedule("slow", slow, 20);
            s.schedule("fast", fast, 50);
            Thread.sleep(700);
        }
        assertThat(fast.ticks.get()).isBetween(20L, 37L); // ~36 expected: unaffected by the slow one
        assertThat(slow.ticks.get()).isBetween(3L, 7L); // ~6, not 14: no catch-up burst
        assertThat(slowTicket.overruns()).isGreaterThanOrEqualTo(3);
        assertThat(slowTicket.skippedTicks()).isGreaterThanOrEqualTo(3);
        assertThat(slow.overlaps.get()).isZero();
    }

    @Test
    void aTickThatThrowsIsCountedAndTheScheduleGoesOn() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        SpaceScheduler.Ticket t;
        try (SpaceScheduler s = SpaceScheduler.create(1)) {
            t = s.schedule("bad", now -> {
                if (calls.incrementAndGet() % 2 == 0) {
                    throw new IllegalStateException("boom");
                }
            }, 50);
            Thread.sleep(300);
            t.cancel();
            int after = calls.get();
            Thread.sleep(100);
            assertThat(calls.get()).isLessThanOrEqualTo(after + 1);
            assertThat(s.tickets()).isEmpty();
        }
        assertThat(t.failures()).isGreaterThanOrEqualTo(5);
        assertThat(t.ticks()).isGreaterThan(t.failures());
        assertThat(t.cancelled()).isTrue();
    }
}
