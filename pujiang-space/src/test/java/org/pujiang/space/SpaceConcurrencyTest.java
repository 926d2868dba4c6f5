package org.pujiang.space;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.pujiang.space.tick.SpaceScheduler;

/** Real spaces on the scheduler, fed from other threads: offers never block or throw, ticks never overlap. */
class SpaceConcurrencyTest {
    @Test
    void spacesOnTheSchedulerTakeCommandsFromManyThreads() throws Exception {
        List<Space> spaces = new ArrayList<>();
        List<SpaceScheduler.Ticket> tickets = new ArrayList<>();
        AtomicLong offered = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> producers = new ArrayList<>();
        try (SpaceScheduler scheduler = SpaceScheduler.create(2)) {
            for (int i = 0; i < 3; i++) {
                Space space = Space.create(SpaceConfig.defaults().withTickHz(30 + i * 10));
                spaces.add(space);
                tickets.add(scheduler.schedule("space-" + i, space, space.config().tickHz()));
                for (int c = 0; c < 20; c++) {
                    space.offer(new SpaceCommand.Join(c, "u" + c, "n" + c, false, 0, new RecordingSink()));
                }
            }
            for (int p = 0; p < 3; p++) {
                int id = p;
                Thread t = new Thread(() -> {
                    int seq = 0;
                    while (!stop.get()) {
                        seq++;
                        for (Space space : spaces) {
                            long client = (seq + id) % 20;
                            if (space.offer(new SpaceCommand.Move(client, seq * 3 + id, seq % 10, 0, 0, 0, 0, 0, 0, 0,
                                    0, 0))) {
                                offered.incrementAndGet();
                            }
                        }
                        Thread.onSpinWait();
                    }
                });
                t.start();
                producers.add(t);
            }
            Thread.sleep(400);
            stop.set(true);
            for (Thread t : producers) {
                t.join();
            }
        }
        for (int i = 0; i < 3; i++) {
            assertThat(tickets.get(i).failures()).as("failed ticks of space %d", i).isZero();
            SpaceMetrics m = spaces.get(i).metrics();
            assertThat(m.clients()).isEqualTo(20);
            assertThat(m.tick()).isPositive();
        }
        assertThat(offered.get()).isPositive();
    }
}
