package org.pujiang.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Records refuse what the wire cannot carry, when they are built, with the numbers involved. */
class ValidationTest {
    private static final UUID SPACE = new UUID(1, 2);

    @Test
    void stringLimitsCountUtf8BytesNotChars() {
        new Hello(1, 1, "名".repeat(170), ""); // 510 bytes
        assertThatIllegalArgumentException().isThrownBy(() -> new Hello(1, 1, "名".repeat(171), ""))
                .withMessage("token is 513 bytes of UTF-8, over the limit of 512");
        assertThatIllegalArgumentException().isThrownBy(() -> Chat.toSpace("a".repeat(1001)));
        assertThatIllegalArgumentException().isThrownBy(() -> Chat.toSpace("x\uD800y"))
                .withMessageContaining("unpaired surrogate");
        assertThatNullPointerException().isThrownBy(() -> new Hello(1, 1, null, ""));
    }

    @Test
    void versions() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Hello(0, 1, "", ""));
        assertThatIllegalArgumentException().isThrownBy(() -> new Hello(2, 1, "", ""));
        assertThatIllegalArgumentException().isThrownBy(() -> new Hello(1, 256, "", ""));
        assertThatIllegalArgumentException().isThrownBy(() -> new Welcome(0, 0, 20, "", "", ""));
    }

    @Test
    void floatsMustBeFinite() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Input(0, Float.NaN, 0, 0, 0, 0, 0, 0, 0, 0, 0))
                .withMessage("x must be finite, got NaN");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new MoveObject(1, 0, 0, 0, Float.NEGATIVE_INFINITY));
        assertThatIllegalArgumentException().isThrownBy(() -> joined(1, 0, 0, 0, Float.NaN, 1, 1, 30));
    }

    @Test
    void rangesOfIntsAndTimes() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Input(-1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new Input(0, 0, 0, 0, 0, 0, 0, 0, 0, 256, 0))
                .withMessage("anim must be in 0..255, got 256");
        assertThatIllegalArgumentException().isThrownBy(() -> new Ping(-1));
        assertThatIllegalArgumentException().isThrownBy(() -> new Ping(1L << 53));
        assertThatIllegalArgumentException().isThrownBy(() -> new Emote(256));
        assertThatIllegalArgumentException().isThrownBy(() -> new Grab(0));
        assertThatIllegalArgumentException().isThrownBy(() -> new Exit(-5));
        assertThatIllegalArgumentException().isThrownBy(() -> new Holder(1, -1));
        assertThatIllegalArgumentException().isThrownBy(() -> new State(-1, 0, List.of()));
        new Holder(1, 0);
        new ChatEvent(0, "", ChatScope.SPACE, "", 0);
    }

    @Test
    void chatTargetsFollowTheScope() {
        assertThatIllegalArgumentException().isThrownBy(() -> Chat.direct(0, "hi"))
                .withMessage("toEntity must be >= 1 for scope DIRECT, got 0");
        assertThatIllegalArgumentException().isThrownBy(() -> new Chat(ChatScope.NEARBY, 3, "hi"));
        assertThat(Chat.direct(3, "hi").toEntity()).isEqualTo(3);
    }

    @Test
    void entityUpdatesKeepFieldsOutsideTheirMaskAtZero() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new EntityUpdate(1, EntityUpdate.POS, 1, 2, 3, 4, 0, 0, 0, 0, 0))
                .withMessageContaining("fields outside mask 1 must be 0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new EntityUpdate(1, 16, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new EntityUpdate(1, EntityUpdate.ROT, 0, 0, 0, 65536, 0, 0, 0, 0, 0));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new EntityUpdate(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        assertThat(EntityUpdate.full(2, 1, 2, 3, 0, 0, 0, 0, 0, 0).withEntity(9).entity()).isEqualTo(9);
    }

    @Test
    void enterCarriesAFullStateOfTheSameEntity() {
        EntityUpdate full = EntityUpdate.full(2, 1, 2, 3, 0, 0, 0, 0, 0, 0);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Enter(3, EntityKind.AVATAR, "a", "u", full))
                .withMessage("state must be entity 3 with mask ALL, got entity 2 mask 15");
        EntityUpdate partial = EntityUpdate.of(2, EntityUpdate.POS, 1, 2, 3, 0, 0, 0, 0, 0, 0);
        assertThatIllegalArgumentException().isThrownBy(() -> new Enter(2, EntityKind.AVATAR, "a", "u", partial));
    }

    @Test
    void joinedNeedsAResumeKeyBoundsAndARadius() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Joined(SPACE, "s", 1, 0, 0, 0, 0, 1, 1, 1, 10, 30))
                .withMessageContaining("resumeKey must not be 0");
        assertThatIllegalArgumentException().isThrownBy(() -> joined(5, 0, 0, 1, 1, 1, 10, 30))
                .withMessage("bounds on x need min <= max, got 5.0 > 1.0");
        assertThatIllegalArgumentException().isThrownBy(() -> joined(0, 0, 0, 1, 1, 1, 10, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> joined(0, 0, 0, 1, 1, 1, 0, 30));
    }

    private static Joined joined(float minX, float minY, float minZ, float maxX, float maxY, float maxZ, int capacity,
            float radius) {
        return new Joined(SPACE, "s", 1, 42, minX, minY, minZ, maxX, maxY, maxZ, capacity, radius);
    }

    @Test
    void listsAreCopiedAndBounded() {
        List<PresenceEntry> entries = new ArrayList<>(List.of(new PresenceEntry("u", "n", "guest")));
        Presence presence = new Presence(entries);
        entries.clear();

        assertThat(presence.entries()).hasSize(1);
        assertThatThrownBy(() -> presence.entries().clear()).isInstanceOf(UnsupportedOperationException.class);
        List<EntityUpdate> many = Stream.iterate(1, i -> i + 1).limit(State.UPDATES_MAX + 1)
                .map(i -> EntityUpdate.of(i, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)).toList();
        assertThatIllegalArgumentException().isThrownBy(() -> new State(0, 0, many))
                .withMessage("updates has 4097 items, over the limit of 4096");
        List<EntityUpdate> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatNullPointerException().isThrownBy(() -> new State(0, 0, withNull));
    }

    @Test
    void errorCodesHaveStableNumbers() {
        Map<String, Integer> numbers = Stream.of(ErrorCode.values())
                .collect(Collectors.toMap(Enum::name, ErrorCode::code));
        assertThat(numbers).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("UNSUPPORTED_VERSION", 1), Map.entry("AUTH_FAILED", 2), Map.entry("NOT_JOINED", 3),
                Map.entry("SPACE_NOT_FOUND", 4), Map.entry("SPACE_FULL", 5), Map.entry("FORBIDDEN", 6),
                Map.entry("MALFORMED", 7), Map.entry("UNKNOWN_TYPE", 8), Map.entry("RATE_LIMITED", 9),
                Map.entry("TOO_LARGE", 10), Map.entry("OBJECT_HELD", 11), Map.entry("NO_SUCH_ENTITY", 12),
                Map.entry("MUTED", 13), Map.entry("KICKED", 14), Map.entry("TOO_SLOW", 15),
                Map.entry("SHUTTING_DOWN", 16), Map.entry("INVALID_INPUT", 17), Map.entry("ALREADY_JOINED", 18)));
        assertThat(new ErrorMessage(ErrorCode.OBJECT_HELD, "held").code()).isEqualTo(11);
        assertThat(new ErrorMessage(11, "held").errorCode()).contains(ErrorCode.OBJECT_HELD);
        assertThat(new Goodbye(999, "future").errorCode()).isEmpty();
    }

    @Test
    void enumWireValuesAreStable() {
        assertThat(Stream.of(ChatScope.values()).map(ChatScope::wire)).containsExactly(0, 1, 2);
        assertThat(ChatScope.fromWire(2)).contains(ChatScope.DIRECT);
        assertThat(ChatScope.fromWire(3)).isEmpty();
        assertThat(List.of(VoiceKind.OFFER.wire(), VoiceKind.ANSWER.wire(), VoiceKind.ICE.wire(), VoiceKind.BYE.wire()))
                .containsExactly(0, 1, 2, 3);
        assertThat(List.of(ModerationAction.MUTE.wire(), ModerationAction.UNMUTE.wire(), ModerationAction.KICK.wire()))
                .containsExactly(0, 1, 2);
        assertThat(List.of(EntityKind.AVATAR.wire(), EntityKind.AGENT.wire(), EntityKind.OBJECT.wire()))
                .containsExactly(0, 1, 2);
        assertThat(VoiceKind.fromWire(-1)).isEmpty();
    }

    @Test
    void twinMessagesNeedIdsNamesAndJson() {
        assertThatIllegalArgumentException().isThrownBy(() -> TwinCommand.desired(1, "", "p", "1"))
                .withMessage("twin must not be empty");
        assertThatIllegalArgumentException().isThrownBy(() -> TwinCommand.action(1, "t", "", "null"));
        assertThatIllegalArgumentException().isThrownBy(() -> TwinCommand.action(1, "t", "a", ""));
        assertThatIllegalArgumentException().isThrownBy(() -> TwinCommand.action(-1, "t", "a", "null"));
        assertThatIllegalArgumentException().isThrownBy(() -> TwinCommand.desired(1, "t", "p", "1".repeat(8193)))
                .withMessage("json is 8193 bytes of UTF-8, over the limit of 8192");
        assertThatNullPointerException().isThrownBy(() -> new TwinCommand(1, "t", null, "a", "null"));
        assertThatIllegalArgumentException().isThrownBy(() -> new TwinUpdate("t", "{}", -1));
        assertThatIllegalArgumentException().isThrownBy(() -> new TwinUpdate("t".repeat(257), "{}", 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new TwinReply(1, true, "twin:timeout", "", "null"))
                .withMessage("code must be empty when ok");
        assertThatIllegalArgumentException().isThrownBy(() -> new TwinReply(1, false, "", "", "null"))
                .withMessage("code must not be empty when not ok");
        assertThat(TwinReply.failure(4, "twin:device-offline", "pump-1 is offline").json()).isEqualTo("null");
        assertThat(List.of(TwinCommandKind.DESIRED.wire(), TwinCommandKind.ACTION.wire())).containsExactly(0, 1);
        assertThat(TwinCommandKind.fromWire(2)).isEmpty();
    }

    private static Say say(String text, List<SayWord> words) {
        return new Say(0, "", ChatScope.SPACE, text, "en", "", "", words, "", "", false, 0);
    }

    @Test
    void sayLinesNeedTextAndOrderedWordsInsideIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> say("", List.of())).withMessage("text must not be empty");
        assertThatIllegalArgumentException().isThrownBy(() -> say("a".repeat(Say.TEXT_MAX_BYTES + 1), List.of()));
        say("名".repeat(Say.TEXT_MAX_BYTES / 3), List.of());
        assertThatIllegalArgumentException().isThrownBy(() -> new SayWord(2, 2, 0))
                .withMessage("end must be greater than start 2, got 2");
        assertThatIllegalArgumentException().isThrownBy(() -> new SayWord(-1, 2, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new SayWord(0, 2, -1));
        // UTF-16 units: "你好" is 2 units, "🌊" is 2 units
        say("你好", List.of(new SayWord(0, 1, 0), new SayWord(1, 2, 230)));
        say("🌊", List.of(new SayWord(0, 2, 0)));
        assertThatIllegalArgumentException().isThrownBy(() -> say("你好", List.of(new SayWord(1, 3, 0))))
                .withMessage("words[0] ends at 3, past the text's 2 UTF-16 units");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> say("abc", List.of(new SayWord(1, 2, 0), new SayWord(0, 1, 10))))
                .withMessage("words[1] starts at 0, before the previous word's start 1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> say("abc", List.of(new SayWord(0, 1, 10), new SayWord(1, 2, 5))))
                .withMessage("words[1] is at 5 ms, before the previous word's 10 ms");
        // equal starts and times are allowed: a word and a phrase that begins with it
        say("abc", List.of(new SayWord(0, 1, 0), new SayWord(0, 3, 0)));
        List<SayWord> many = new ArrayList<>();
        for (int i = 0; i <= Say.WORDS_MAX; i++) {
            many.add(new SayWord(0, 1, 0));
        }
        assertThatIllegalArgumentException().isThrownBy(() -> say("a", many))
                .withMessage("words has 2049 items, over the limit of 2048");
        assertThatNullPointerException().isThrownBy(() -> say("a", null));
        assertThatNullPointerException().isThrownBy(() -> new Say(0, "", null, "a", "", "", "", List.of(), "", "", false, 0));
    }

    @Test
    void sayCueLimits() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Say(-1, "", ChatScope.SPACE, "a", "", "", "",
                List.of(), "", "", false, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new Say(0, "", ChatScope.SPACE, "a", "zh-Hans-CN-x-pujiang",
                "", "", List.of(), "", "", false, 0)).withMessage("lang is 20 bytes of UTF-8, over the limit of 16");
        assertThatIllegalArgumentException().isThrownBy(() -> new Say(0, "", ChatScope.SPACE, "a", "", "g".repeat(33),
                "", List.of(), "", "", false, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new Say(0, "", ChatScope.SPACE, "a", "", "",
                "e".repeat(33), List.of(), "", "", false, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new Say(0, "", ChatScope.SPACE, "a", "", "", "",
                List.of(), "i".repeat(65), "", false, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new Say(0, "", ChatScope.SPACE, "a", "", "", "",
                List.of(), "", "l".repeat(513), false, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new Say(0, "", ChatScope.SPACE, "a", "", "", "",
                List.of(), "", "", false, 1L << 53));
    }

    @Test
    void sayWithFromReplacesOnlyTheSender() {
        List<SayWord> words = new ArrayList<>(List.of(new SayWord(0, 2, 0)));
        Say line = new Say(0, "", ChatScope.SPACE, "你好", "zh-CN", "greet", "smile", words, "kb-1", "", true, 0);
        words.clear(); // the record holds its own copy
        Say sent = line.withFrom(7, "导览员", ChatScope.DIRECT, 1_760_000_000_000L);
        assertThat(sent).isEqualTo(new Say(7, "导览员", ChatScope.DIRECT, "你好", "zh-CN", "greet", "smile",
                List.of(new SayWord(0, 2, 0)), "kb-1", "", true, 1_760_000_000_000L));
        assertThat(sent.sender()).hasValue(7);
        assertThat(line.sender()).isEmpty();
        assertThatThrownBy(() -> sent.words().add(new SayWord(0, 1, 0))).isInstanceOf(UnsupportedOperationException.class);
    }
}
