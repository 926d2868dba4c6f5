package org.pujiang.space.interest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LongSelectTest {
    @Test
    void theFirstKAreTheKSmallest() {
        SplittableRandom r = new SplittableRandom(5);
        for (int round = 0; round < 500; round++) {
            int n = 1 + r.nextInt(300);
            int k = 1 + r.nextInt(n);
            long[] a = new long[n + 3];
            for (int i = 0; i < n; i++) {
                a[i] = r.nextInt(round % 2 == 0 ? 50 : 1_000_000); // duplicates in half the rounds
            }
            long[] sorted = Arrays.copyOf(a, n);
            Arrays.sort(sorted);
            long kth = LongSelect.smallest(a, n, k);
            assertThat(kth).isEqualTo(sorted[k - 1]);
            long[] first = Arrays.copyOf(a, k);
            Arrays.sort(first);
            assertThat(first).containsExactly(Arrays.copyOf(sorted, k));
        }
    }
}
