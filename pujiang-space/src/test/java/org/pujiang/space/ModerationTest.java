package org.pujiang.space;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pujiang.protocol.message.ChatScope;
import org.pujiang.protocol.message.EntityKind;
import org.pujiang.protocol.message.ErrorCode;
import org.pujiang.protocol.message.ModerationAction;
import org.pujiang.space.RecordingSink.ChatLine;
import org.pujiang.space.RecordingSink.Goodbye;

class ModerationTest {
    private static SpaceHarness hostAndGuest() {
        SpaceHarness h = new SpaceHarness();
        h.join(1, "owner", "Owner", true, 0);
        h.teleport(1, 0, 0, 0);
        h.joinAt(2, 3, 0);
        h.joinAt(3, -3, 0);
        h.tick();
        return h;
    }

    @Test
    void onlyAHostMayModerate() {
        SpaceHarness h = hostAndGuest();
        RecordingSink guest = h.sink(2);
        h.offer(new SpaceCommand.Moderate(2, ModerationAction.KICK, guest.localOf(1).orElseThrow(), "bye"));
        h.tick();
        assertThat(guest.errorCodes()).containsExactly(ErrorCode.FORBIDDEN);
        assertThat(h.sink(1).goodbye()).isEmpty();
    }

    @Test
    void muteAndUnmute() {
        SpaceHarness h = hostAndGuest();
        int guestInHost = h.sink(1).localOf(2).orElseThrow();
        h.offer(new SpaceCommand.Moderate(1, ModerationAction.MUTE, guestInHost, ""));
        h.offer(new SpaceCommand.Chat(2, ChatScope.SPACE, 0, "muted?"));
        h.tick();
        assertThat(h.sink(3).all(ChatLine.class)).isEmpty();
        h.offer(new SpaceCommand.Moderate(1, ModerationAction.UNMUTE, guestInHost, ""));
        h.offer(new SpaceCommand.Chat(2, ChatScope.SPACE, 0, "back"));
        h.tick();
        assertThat(h.sink(3).all(ChatLine.class)).extracting(ChatLine::text).containsExactly("back");
    }

    @Test
    void aKickSaysGoodbyeRemovesTheAvatarAndAllowsNoResume() {
        SpaceHarness h = hostAndGuest();
        RecordingSink guest = h.sink(2);
        h.offer(new SpaceCommand.Moderate(1, ModerationAction.KICK, h.sink(1).localOf(2).orElseThrow(), "spam"));
        h.tick();
        assertThat(guest.goodbye()).contains(new Goodbye(ErrorCode.KICKED, "spam"));
        assertThat(h.sink(3).sees(guest.selfEntityId())).isFalse();
        assertThat(h.metrics().avatars()).isEqualTo(2);
        RecordingSink back = h.join(22, "user-2", "name-2", false, guest.resumeKey);
        h.tick();
        assertThat(back.selfEntityId()).isNotEqualTo(guest.selfEntityId());
    }

    @Test
    void aHostCannotModerateItselfOrAnObject() {
        SpaceHarness h = hostAndGuest();
        h.offer(new SpaceCommand.AddObject(9, "lamp", 1, 0, 1, 0));
        h.tick();
        RecordingSink host = h.sink(1);
        h.offer(new SpaceCommand.Moderate(1, ModerationAction.KICK, host.selfLocalId, ""));
        int lamp = host.all(RecordingSink.Enter.class).stream()
                .filter(e -> e.kind() == org.pujiang.protocol.message.EntityKind.OBJECT).findFirst().orElseThrow().localId();
        h.offer(new SpaceCommand.Moderate(1, ModerationAction.MUTE, lamp, ""));
        h.tick();
        assertThat(host.errorCodes()).containsExactly(ErrorCode.INVALID_INPUT, ErrorCode.NO_SUCH_ENTITY);
    }
}
