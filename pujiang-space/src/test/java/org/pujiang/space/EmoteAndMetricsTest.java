package org.pujiang.space;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.pujiang.protocol.message.ChatScope;
import org.pujiang.protocol.message.ErrorCode;
import org.pujiang.space.RecordingSink.EmoteEvent;

class EmoteAndMetricsTest {
    @Test
    void anEmoteReachesItsViewersAndTheSender() {
        SpaceHarness h = new SpaceHarness();
        RecordingSink a = h.joinAt(1, 0, 0);
        RecordingSink b = h.joinAt(2, 3, 0);
        RecordingSink far = h.joinAt(3, 300, 0);
        h.tick();
        h.offer(new SpaceCommand.Emote(1, 7));
        h.offer(new SpaceCommand.Emote(1, 256));
        h.tick();
        assertThat(a.all(EmoteEvent.class)).containsExactly(new EmoteEvent(a.selfLocalId, 7));
        assertThat(b.all(EmoteEvent.class)).containsExactly(new EmoteEvent(b.localOf(1).orElseThrow(), 7));
        assertThat(far.all(EmoteEvent.class)).isEmpty();
        assertThat(a.errorCodes()).containsExactly(ErrorCode.INVALID_INPUT);
    }

    @Test
    void metricsCountTicksEntitiesAndTickDurations() {
        AtomicLong stopwatch = new AtomicLong();
        Space space = Space.create(SpaceConfig.defaults(),
                new SpaceEnvironment(new java.util.SplittableRandom(1), 1_000, () -> stopwatch.addAndGet(1_000)));
        RecordingSink a = new RecordingSink();
        space.offer(new SpaceCommand.Join(1, "u", "n", false, 0, a));
        space.offer(new SpaceCommand.AddObject(1, "o", 0, 0, 0, 0));
        space.tick(50_000_000);
        space.tick(100_000_000);
        SpaceMetrics m = space.metrics();
        assertThat(m.tick()).isEqualTo(2);
        assertThat(m.clients()).isEqualTo(1);
        assertThat(m.avatars()).isEqualTo(1);
        assertThat(m.objects()).isEqualTo(1);
        assertThat(m.entities()).isEqualTo(2);
        assertThat(m.enters()).isEqualTo(1);
        assertThat(m.tickTimes().count()).isEqualTo(2);
        assertThat(m.tickTimes().lastNanos()).isEqualTo(1_000);
        assertThat(m.tickTimes().percentileNanos(99)).isEqualTo(1_000);
        // server time = wall offset + tick time in ms
        space.offer(new SpaceCommand.Chat(1, ChatScope.SPACE, 0, "t"));
        space.tick(150_000_000);
        assertThat(a.all(RecordingSink.ChatLine.class).get(0).serverTimeMs()).isEqualTo(1_150);
    }
}
