package org.pujiang.space;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pujiang.protocol.message.ErrorCode;
import org.pujiang.protocol.message.ModerationAction;
import org.pujiang.protocol.message.VoiceKind;
import org.pujiang.space.RecordingSink.Voice;

class VoiceTest {
    @Test
    void aSignalIsRelayedWithTheSenderInTheReceiversNumbering() {
        SpaceHarness h = new SpaceHarness();
        RecordingSink a = h.joinAt(1, 0, 0);
        RecordingSink b = h.joinAt(2, 2, 0);
        h.tick();
        h.offer(new SpaceCommand.VoiceSignal(1, a.localOf(2).orElseThrow(), VoiceKind.OFFER, "v=0 sdp"));
        h.tick();
        assertThat(b.all(Voice.class)).containsExactly(new Voice(b.localOf(1).orElseThrow(), VoiceKind.OFFER, "v=0 sdp"));
        assertThat(a.all(Voice.class)).isEmpty();
    }

    @Test
    void aSignalToSomeoneOutOfViewOrWhoDoesNotSeeTheSenderIsRefused() {
        // K = 1: A sees B (10 m), B sees C (2 m) but not A
        SpaceHarness h = new SpaceHarness(SpaceConfig.defaults().withK(1));
        RecordingSink a = h.joinAt(1, 0, 0);
        RecordingSink b = h.joinAt(2, 10, 0);
        h.joinAt(3, 12, 0);
        h.tick();
        assertThat(a.sees(2)).isTrue();
        assertThat(b.sees(1)).isFalse();
        h.offer(new SpaceCommand.VoiceSignal(1, a.localOf(2).orElseThrow(), VoiceKind.OFFER, "sdp"));
        h.offer(new SpaceCommand.VoiceSignal(1, 42, VoiceKind.OFFER, "sdp"));
        h.tick();
        assertThat(b.all(Voice.class)).isEmpty();
        assertThat(a.errorCodes()).containsExactly(ErrorCode.NO_SUCH_ENTITY, ErrorCode.NO_SUCH_ENTITY);
    }

    @Test
    void aMutedClientCannotSignalAndOversizedPayloadsAreRefused() {
        SpaceHarness h = new SpaceHarness();
        h.join(1, "host", "Host", true, 0);
        h.teleport(1, 0, 0, 0);
        RecordingSink b = h.joinAt(2, 2, 0);
        h.tick();
        h.offer(new SpaceCommand.VoiceSignal(2, b.localOf(1).orElseThrow(), VoiceKind.ICE, "x".repeat(20_000)));
        h.offer(new SpaceCommand.Moderate(1, ModerationAction.MUTE, h.sink(1).localOf(2).orElseThrow(), ""));
        h.offer(new SpaceCommand.VoiceSignal(2, b.localOf(1).orElseThrow(), VoiceKind.ICE, "c"));
        h.tick();
        assertThat(b.errorCodes()).containsExactly(ErrorCode.TOO_LARGE, ErrorCode.MUTED, ErrorCode.MUTED);
        assertThat(h.sink(1).all(Voice.class)).isEmpty();
    }
}
