package org.pujiang.bench.crowd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CrowdPartsTest {
    private static final double[][] POIS = {{10, 10}, {-20, 5}, {0, -30}};

    @Test
    void walkerStaysInBoundsAndUnderTheSpeedLimit() {
        for (long seed = 0; seed < 50; seed++) {
            // A small box so that the walls are hit often; a POI outside it too.
            Walker w = new Walker(seed, -15, 15, -10, 10, 14, 1.5, -9, new double[][] {{100, 100}, {0, 0}});
            double px = w.x();
            double pz = w.z();
            boolean moved = false;
            boolean paused = false;
            for (int i = 0; i < 2000; i++) { // 100 s at 20 Hz
                double dt = 0.05;
                w.step(dt);
                assertTrue(w.x() >= -15 && w.x() <= 15, "x " + w.x());
                assertTrue(w.z() >= -10 && w.z() <= 10, "z " + w.z());
                assertEquals(1.5, w.y());
                double v = Math.hypot(w.x() - px, w.z() - pz) / dt;
                assertTrue(v <= Walker.MAX_SPEED + 1e-9, "speed " + v);
                assertTrue(w.speed() <= Walker.MAX_SPEED);
                moved |= v > 0.5;
                paused |= w.paused();
                px = w.x();
                pz = w.z();
            }
            assertTrue(moved, "walks");
            assertTrue(paused, "pauses now and then");
        }
    }

    @Test
    void walkerHeadingChangesSmoothly() {
        Walker w = new Walker(7, -2000, 2000, -2000, 2000, 0, 0, 0, POIS);
        double h = w.heading();
        for (int i = 0; i < 2000; i++) {
            w.step(0.05);
            double turn = Math.abs(Walker.wrap(w.heading() - h));
            assertTrue(turn < 0.2, "turned " + turn + " rad in 50 ms");
            h = w.heading();
        }
    }

    @Test
    void walkerFlocksTowardsPointsOfInterest() {
        double total = 0;
        for (long seed = 0; seed < 20; seed++) {
            Walker w = new Walker(seed, -2000, 2000, -2000, 2000, 100, 0, 100, new double[][] {{0, 0}});
            for (int i = 0; i < 20 * 240; i++) {
                w.step(0.05);
            }
            total += Math.hypot(w.x(), w.z());
        }
        // Started 141 m away; after four minutes at walking pace the crowd is gathered near the point.
        assertTrue(total / 20 < 40, "mean distance " + total / 20);
    }

    @Test
    void matcherFindsTheFirstSendTimeOfARelayedPosition() {
        SentPositions s = new SentPositions();
        s.record(SentPositions.key(1.234f, 0f, -5.678f), 1000);
        s.record(SentPositions.key(1.234f, 0f, -5.678f), 2000); // paused: same position again
        s.record(SentPositions.key(1.30f, 0f, -5.70f), 3000);
        // The server relays centimetres: 1.234 m -> 123 cm, -5.678 m -> -568 cm.
        assertEquals(1000, s.sentAt(SentPositions.key(123, 0, -568)));
        assertEquals(3000, s.sentAt(SentPositions.key(130, 0, -570)));
        assertEquals(-1, s.sentAt(SentPositions.key(131, 0, -570)));
    }

    @Test
    void matcherForgetsAfterItsRingWraps() {
        SentPositions s = new SentPositions();
        for (int i = 0; i < SentPositions.SLOTS + 10; i++) {
            s.record(SentPositions.key(i, -i, 2 * i), i * 10L);
        }
        assertEquals(-1, s.sentAt(SentPositions.key(5, -5, 10)));
        int last = SentPositions.SLOTS + 9;
        assertEquals(last * 10L, s.sentAt(SentPositions.key(last, -last, 2 * last)));
        assertTrue(SentPositions.key(1, 2, 3) != SentPositions.key(3, 2, 1));
        assertTrue(SentPositions.key(-1, 0, 0) != SentPositions.key(1, 0, 0));
    }

    @Test
    void scraperReadsThisSpacesGauges() {
        String text = """
                # HELP pujiang_space_tick_last_seconds
                pujiang_space_tick_last_seconds{space="other"} 0.5
                pujiang_space_tick_last_seconds{space="abc"} 0.004
                pujiang_space_tick_p99_seconds{space="abc"} 0.012
                process_cpu_usage 0.25
                """;
        MetricsScraper m = new MetricsScraper();
        m.add(text, "abc");
        assertEquals(List.of(4.0), m.lastMs);
        assertEquals(List.of(12.0), m.p99Ms);
        assertEquals(List.of(0.25), m.serverCpu);
        assertEquals(2.0, MetricsScraper.percentile(List.of(3.0, 1.0, 2.0), 50));
        assertEquals(3.0, MetricsScraper.percentile(List.of(3.0, 1.0, 2.0), 99));
    }
}
