package org.pujiang.space.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MpscInboxTest {
    @Test
    void fifoBoundedAndRefusesWithoutThrowing() {
        MpscInbox<Integer> q = new MpscInbox<>(5);
        assertThat(q.capacity()).isEqualTo(8);
        for (int i = 0; i < 8; i++) {
            assertThat(q.offer(i)).isTrue();
        }
        assertThat(q.offer(8)).isFalse();
        assertThat(q.offer(null)).isFalse();
        assertThat(q.refused()).isEqualTo(2);
        List<Integer> out = new ArrayList<>();
        assertThat(q.drain(out::add)).isEqualTo(8);
        assertThat(out).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(q.offer(9)).isTrue();
        assertThat(q.size()).isEqualTo(1);
    }

    @Test
    void aDrainTakesOnlyWhatWasThereWhenItStarted() {
        MpscInbox<Integer> q = new MpscInbox<>(16);
        q.offer(1);
        q.offer(2);
        List<Integer> out = new ArrayList<>();
        q.drain(e -> {
            out.add(e);
            q.offer(e + 10); // a producer racing the drain
        });
        assertThat(out).containsExactly(1, 2);
        assertThat(q.size()).isEqualTo(2);
    }

    @Test
    void manyProducersOneConsumerLoseNothingAndKeepEachProducersOrder() throws Exception {
        int producers = 4;
        int perProducer = 200_000;
        MpscInbox<long[]> q = new MpscInbox<>(1024);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger accepted = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int id = p;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perProducer; i++) {
                    if (q.offer(new long[] {id, i})) {
                        accepted.incrementAndGet();
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        long[] lastSeen = {-1, -1, -1, -1};
        int[] received = {0};
        boolean[] ordered = {true};
        start.countDown();
        while (threads.stream().anyMatch(Thread::isAlive) || q.size() > 0) {
            q.drain(e -> {
                int p = (int) e[0];
                if (e[1] <= lastSeen[p]) {
                    ordered[0] = false;
                }
                lastSeen[p] = e[1];
                received[0]++;
            });
        }
        for (Thread t : threads) {
            t.join();
        }
        q.drain(e -> received[0]++);
        assertThat(ordered[0]).isTrue();
        assertThat(received[0]).isEqualTo(accepted.get());
        assertThat((long) accepted.get() + q.refused()).isEqualTo((long) producers * perProducer);
    }
}
