package org.pujiang.space.tick;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TickTimesTest {
    @Test
    void keepsTheLastWindowOldestFirst() {
        TickRecorder r = new TickRecorder(4);
        assertThat(r.snapshot().lastNanos()).isZero();
        for (long n = 1; n <= 6; n++) {
            r.record(n * 100);
        }
        TickTimes t = r.snapshot();
        assertThat(t.recentNanos()).containsExactly(300, 400, 500, 600);
        assertThat(t.count()).isEqualTo(6);
        assertThat(t.maxNanos()).isEqualTo(600);
        assertThat(t.lastNanos()).isEqualTo(600);
        assertThat(t.percentileNanos(50)).isEqualTo(400);
        assertThat(t.percentileNanos(100)).isEqualTo(600);
        assertThat(t.meanNanos()).isEqualTo(450.0);
    }
}
