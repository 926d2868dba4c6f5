package org.pujiang.space;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pujiang.protocol.message.ChatScope;
import org.pujiang.protocol.message.ErrorCode;
import org.pujiang.protocol.message.VoiceKind;
import org.pujiang.space.RecordingSink.ChatLine;
import org.pujiang.space.RecordingSink.Goodbye;

class RateLimitTest {
    @Test
    void movesBeyondTheBucketAreDroppedWithOneErrorASecond() {
        SpaceHarness h = new SpaceHarness(); // 30 moves/s, burst 30
        RecordingSink a = h.joinAt(1, 0, 0);
        h.tick();
        for (int i = 0; i < 60; i++) {
            h.move(1, 0, 0, 0.001f * i);
        }
        h.tick();
        assertThat(h.metrics().movesApplied()).isEqualTo(30);
        assertThat(h.metrics().movesRateLimited()).isEqualTo(30);
        assertThat(a.errorCodes()).containsExactly(ErrorCode.RATE_LIMITED);

        // a steady 40/s for 2 s: about 30/s get through, and the client hears of it about once a second
        a.clear();
        long before = h.metrics().movesApplied();
        for (int t = 0; t < 40; t++) {
            h.move(1, 0, 0, 0);
            h.move(1, 0, 0, 0);
            h.tick();
        }
        assertThat(h.metrics().movesApplied() - before).isBetween(58L, 62L);
        assertThat(a.errorCodes()).hasSizeBetween(1, 2).containsOnly(ErrorCode.RATE_LIMITED);
    }

    @Test
    void chatIsTwoASecondWithABurstOfFive() {
        SpaceHarness h = new SpaceHarness();
        RecordingSink a = h.joinAt(1, 0, 0);
        h.tick();
        for (int i = 0; i < 8; i++) {
            h.offer(new SpaceCommand.Chat(1, ChatScope.SPACE, 0, "spam " + i));
        }
        h.tick();
        assertThat(a.all(ChatLine.class)).hasSize(5);
        h.run(1);
        for (int i = 0; i < 8; i++) {
            h.offer(new SpaceCommand.Chat(1, ChatScope.SPACE, 0, "more " + i));
        }
        h.tick();
        assertThat(a.all(ChatLine.class)).hasSize(7);
    }

    @Test
    void voiceIsTwentyASecond() {
        SpaceHarness h = new SpaceHarness();
        RecordingSink a = h.joinAt(1, 0, 0);
        RecordingSink b = h.joinAt(2, 1, 0);
        h.tick();
        for (int i = 0; i < 30; i++) {
            h.offer(new SpaceCommand.VoiceSignal(1, a.localOf(2).orElseThrow(), VoiceKind.ICE, "candidate " + i));
        }
        h.tick();
        assertThat(b.all(RecordingSink.Voice.class)).hasSize(20);
        assertThat(a.errorCodes()).containsExactly(ErrorCode.RATE_LIMITED);
    }

    @Test
    void tenFaultsWithinTenSecondsEndInGoodbye() {
        SpaceHarness h = new SpaceHarness();
        RecordingSink a = h.joinAt(1, 0, 0);
        RecordingSink b = h.joinAt(2, 1, 0);
        h.tick();
        for (int i = 0; i < 9; i++) {
            h.offer(new SpaceCommand.Move(1, 100 + i, Float.NaN, 0, 0, 0, 0, 0, 0, 0, 0, 0));
            h.run(1);
        }
        assertThat(a.goodbye()).isEmpty();
        h.offer(new SpaceCommand.Move(1, 200, Float.NaN, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        h.tick();
        assertThat(a.goodbye()).map(Goodbye::code).contains(ErrorCode.KICKED);
        assertThat(h.metrics().clients()).isEqualTo(1);
        assertThat(h.metrics().avatars()).isEqualTo(1);
        assertThat(b.sees(1)).isFalse();
    }

    @Test
    void faultsSpreadOverMoreThanTheWindowAreForgiven() {
        SpaceHarness h = new SpaceHarness();
        RecordingSink a = h.joinAt(1, 0, 0);
        h.tick();
        for (int i = 0; i < 30; i++) {
            h.offer(new SpaceCommand.Move(1, 100 + i, Float.NaN, 0, 0, 0, 0, 0, 0, 0, 0, 0));
            h.run(1.2);
        }
        assertThat(a.goodbye()).isEmpty();
    }

    @Test
    void floodingMovesForTenSecondsEndsInGoodbye() {
        SpaceHarness h = new SpaceHarness();
        RecordingSink a = h.joinAt(1, 0, 0);
        h.tick();
        int ticks = 0;
        while (a.goodbye().isEmpty() && ticks < 400) {
            for (int i = 0; i < 5; i++) {
                h.move(1, 0, 0, 0);
            }
            h.tick();
            ticks++;
        }
        assertThat(a.goodbye()).map(Goodbye::code).contains(ErrorCode.KICKED);
        // one RATE_LIMITED a second: the tenth comes after nine seconds or so
        assertThat(ticks).isBetween(170, 200);
        assertThat(a.errorCodes()).hasSize(10);
    }
}
