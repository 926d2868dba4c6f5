package org.pujiang.space;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pujiang.protocol.message.ChatScope;
import org.pujiang.protocol.message.ErrorCode;
import org.pujiang.protocol.message.ModerationAction;
import org.pujiang.space.RecordingSink.ChatLine;

class ChatTest {
    private static SpaceHarness threeClients(SpaceConfig config) {
        SpaceHarness h = new SpaceHarness(config);
        h.joinAt(1, 0, 0);
        h.joinAt(2, 10, 0);
        h.joinAt(3, 200, 0); // far away
        h.tick();
        return h;
    }

    @Test
    void spaceChatReachesEveryoneWithTheSenderInEachOnesNumbering() {
        SpaceHarness h = threeClients(SpaceConfig.defaults());
        h.offer(new SpaceCommand.Chat(1, ChatScope.SPACE, 0, "hello all"));
        h.tick();
        RecordingSink a = h.sink(1);
        RecordingSink b = h.sink(2);
        RecordingSink c = h.sink(3);
        assertThat(a.all(ChatLine.class)).singleElement()
                .satisfies(l -> assertThat(l.fromLocalId()).isEqualTo(a.selfLocalId));
        assertThat(b.all(ChatLine.class)).singleElement().satisfies(l -> {
            assertThat(l.fromLocalId()).isEqualTo(b.localOf(1).orElseThrow());
            assertThat(l.text()).isEqualTo("hello all");
            assertThat(l.fromName()).isEqualTo("name-1");
            assertThat(l.scope()).isEqualTo(ChatScope.SPACE);
        });
        // out of view: no local id, but the space-wide id and the name
        assertThat(c.all(ChatLine.class)).singleElement().satisfies(l -> {
            assertThat(l.fromLocalId()).isZero();
            assertThat(l.fromEntityId()).isEqualTo(a.selfEntityId());
        });
        assertThat(h.metrics().chatsDelivered()).isEqualTo(3);
    }

    @Test
    void nearbyChatGoesByDistanceNotByTheKCap() {
        SpaceHarness h = threeClients(SpaceConfig.defaults().withK(1));
        h.joinAt(4, 0, 20);
        h.tick();
        h.offer(new SpaceCommand.Chat(1, ChatScope.NEARBY, 0, "psst"));
        h.tick();
        assertThat(h.sink(1).all(ChatLine.class)).hasSize(1);
        assertThat(h.sink(2).all(ChatLine.class)).hasSize(1);
        assertThat(h.sink(4).all(ChatLine.class)).hasSize(1); // not in 1's view (K = 1) but within 30 m
        assertThat(h.sink(1).sees(4)).isFalse();
        assertThat(h.sink(3).all(ChatLine.class)).isEmpty();
    }

    @Test
    void directChatReachesTheTargetAndEchoesToTheSender() {
        SpaceHarness h = threeClients(SpaceConfig.defaults());
        RecordingSink a = h.sink(1);
        h.offer(new SpaceCommand.Chat(1, ChatScope.DIRECT, a.localOf(2).orElseThrow(), "just you"));
        h.offer(new SpaceCommand.Chat(1, ChatScope.DIRECT, 77, "nobody"));
        h.tick();
        assertThat(h.sink(2).all(ChatLine.class)).extracting(ChatLine::text).containsExactly("just you");
        assertThat(a.all(ChatLine.class)).extracting(ChatLine::text).containsExactly("just you");
        assertThat(h.sink(3).all(ChatLine.class)).isEmpty();
        assertThat(a.errorCodes()).containsExactly(ErrorCode.NO_SUCH_ENTITY);
    }

    @Test
    void textIsCleanedAndLimited() {
        SpaceHarness h = threeClients(SpaceConfig.defaults());
        h.offer(new SpaceCommand.Chat(1, ChatScope.SPACE, 0, "  he\u0000ll\u202Eo\u0007 世界\n"));
        h.offer(new SpaceCommand.Chat(1, ChatScope.SPACE, 0, "字".repeat(501)));
        h.offer(new SpaceCommand.Chat(1, ChatScope.SPACE, 0, "\u0001\u0002 "));
        h.tick();
        assertThat(h.sink(2).all(ChatLine.class)).extracting(ChatLine::text).containsExactly("hello 世界");
        assertThat(h.sink(1).errorCodes()).containsExactly(ErrorCode.TOO_LARGE, ErrorCode.INVALID_INPUT);
        // exactly 500 code points, some outside the BMP, pass
        h.tick();
        String longest = "😀".repeat(250) + "字".repeat(250);
        h.offer(new SpaceCommand.Chat(1, ChatScope.SPACE, 0, longest));
        h.tick();
        assertThat(h.sink(2).all(ChatLine.class)).extracting(ChatLine::text).last().isEqualTo(longest);
    }

    @Test
    void aMutedClientsChatIsRefusedAndNotDelivered() {
        SpaceHarness h = new SpaceHarness();
        h.join(1, "host", "Host", true, 0);
        h.teleport(1, 0, 0, 0);
        h.joinAt(2, 3, 0);
        h.tick();
        h.offer(new SpaceCommand.Moderate(1, ModerationAction.MUTE, h.sink(1).localOf(2).orElseThrow(), "calm down"));
        h.tick();
        h.offer(new SpaceCommand.Chat(2, ChatScope.SPACE, 0, "can you hear me"));
        h.tick();
        assertThat(h.sink(1).all(ChatLine.class)).isEmpty();
        assertThat(h.sink(2).errorCodes()).containsExactly(ErrorCode.MUTED, ErrorCode.MUTED);
        assertThat(h.sink(2).all(RecordingSink.Error.class).get(0).message()).isEqualTo("calm down");
        List<ChatLine> none = h.sink(2).all(ChatLine.class);
        assertThat(none).isEmpty();
    }
}
