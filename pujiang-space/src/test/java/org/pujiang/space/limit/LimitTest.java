package org.pujiang.space.limit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LimitTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBucketStartsFullAndRefillsAtItsRate() {
        TokenBucket b = new TokenBucket(2, 5);
        int taken = 0;
        while (b.tryTake(0)) {
            taken++;
        }
        assertThat(taken).isEqualTo(5);
        assertThat(b.tryTake(SECOND / 4)).isFalse();
        assertThat(b.tryTake(SECOND / 2)).isTrue();
        assertThat(b.available(100 * SECOND)).isEqualTo(5.0);
    }

    @Test
    void theErrorWindowTripsOnTheLimitWithinTheWindowOnly() {
        ErrorWindow w = new ErrorWindow(3, 10 * SECOND);
        assertThat(w.record(0)).isFalse();
        assertThat(w.record(5 * SECOND)).isFalse();
        assertThat(w.record(11 * SECOND)).isFalse(); // the first is 11 s old
        assertThat(w.record(12 * SECOND)).isTrue(); // 5, 11, 12
    }
}
