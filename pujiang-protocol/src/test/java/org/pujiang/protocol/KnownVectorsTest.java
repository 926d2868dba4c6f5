package org.pujiang.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.pujiang.protocol.message.Chat;
import org.pujiang.protocol.message.ChatScope;
import org.pujiang.protocol.message.ClientMessage;
import org.pujiang.protocol.message.Enter;
import org.pujiang.protocol.message.EntityKind;
import org.pujiang.protocol.message.EntityUpdate;
import org.pujiang.protocol.message.ErrorCode;
import org.pujiang.protocol.message.ErrorMessage;
import org.pujiang.protocol.message.Hello;
import org.pujiang.protocol.message.Input;
import org.pujiang.protocol.message.Join;
import org.pujiang.protocol.message.Ping;
import org.pujiang.protocol.message.Say;
import org.pujiang.protocol.message.SayWord;
import org.pujiang.protocol.message.ServerMessage;
import org.pujiang.protocol.message.State;
import org.pujiang.protocol.message.TwinCommand;
import org.pujiang.protocol.message.TwinReply;
import org.pujiang.protocol.message.TwinUpdate;

/**
 * Frames written out byte by byte, with the derivation beside each; docs/protocol.md shows the same
 * Hello and State. A change here is a change of the wire format.
 */
class KnownVectorsTest {
    private static void assertClient(ClientMessage message, String hex) {
        assertThat(Hex.of(Frames.encode(message))).isEqualTo(hex);
        assertThat(Frames.decodeClient(Hex.bytes(hex)).ok()).contains(message);
    }

    private static void assertServer(ServerMessage message, String hex) {
        assertThat(Hex.of(Frames.encode(message))).isEqualTo(hex);
        assertThat(Frames.decodeServer(Hex.bytes(hex)).ok()).contains(message);
    }

    @Test
    void hello() {
        // 01 version 1 | 01 type Hello | 01 minVersion 1 | 01 maxVersion 1
        // 05 70 6a 31 2e 78  token: 5 bytes "pj1.x" | 03 77 65 62  clientName: 3 bytes "web"
        assertClient(new Hello(1, 1, "pj1.x", "web"), "01 01 01 01 05 70 6a 31 2e 78 03 77 65 62");
    }

    @Test
    void join() {
        // 01 02 | UUID 0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b as its 16 bytes in text order (big-endian)
        // | resumeKey 0 as u64 little-endian: 8 zero bytes
        assertClient(Join.fresh(UUID.fromString("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b")),
                "01 02 01 90 a1 b2 c3 d4 7e 5f 8a 9b 0c 1d 2e 3f 4a 5b 00 00 00 00 00 00 00 00");
        // resumeKey 0x0102030405060708: little-endian, the low byte first
        assertClient(new Join(new UUID(0, 0), 0x0102030405060708L),
                "01 02 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 08 07 06 05 04 03 02 01");
    }

    @Test
    void input() {
        // 01 04 | seq 7 = 07 | x 1.5f = 0x3fc00000 LE 00 00 c0 3f | y 0 | z -2.25f = 0xc0100000 LE 00 00 10 c0
        // | yaw, pitch, vx, vy, vz 0 (5 x 4 zero bytes) | anim 00 | clientTimeMs 1000 = 0x3e8 -> e8 07
        assertClient(new Input(7, 1.5f, 0f, -2.25f, 0f, 0f, 0f, 0f, 0f, 0, 1000),
                "01 04 07 00 00 c0 3f 00 00 00 00 00 00 10 c0 "
                        + "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 e8 07");
    }

    @Test
    void directChatInChinese() {
        // 01 05 | scope DIRECT = 02 | toEntity 03 | text 6 bytes: 你 = e4 bd a0, 好 = e5 a5 bd
        assertClient(Chat.direct(3, "你好"), "01 05 02 03 06 e4 bd a0 e5 a5 bd");
    }

    @Test
    void ping() {
        // 01 0a | clientTimeMs 1 700 000 000 000 = 0x18b_cfe5_6800; 7-bit groups from the low end
        // 00 50 15 7f 3c 31, each but the last with 0x80 set: 80 d0 95 ff bc 31
        assertClient(new Ping(1_700_000_000_000L), "01 0a 80 d0 95 ff bc 31");
    }

    @Test
    void stateWithOneUpdate() {
        // 01 83 | tick 300 = 0b1_0010_1100: low 7 bits 0x2c | 0x80 = ac, then 300 >> 7 = 02
        // | serverTimeMs 1 700 000 000 000 = 80 d0 95 ff bc 31 (see ping) | 01 one update
        // | entity 05 | mask 03 = POS | ROT
        // | x 1.5 m = 150 cm, zigzag 300 = ac 02 | y 0 = 00 | z -2.25 m = -225 cm, zigzag 2*225-1 = 449 = 0x1c1 -> c1 03
        // | yaw pi -> pi * 65536 / 2pi = 32768 = 0x8000, u16 LE 00 80
        // | pitch 0 -> (0 + pi/2) * 65535 / pi = 32767.5, rounds to 32768 -> 00 80
        EntityUpdate u = EntityUpdate.of(5, EntityUpdate.POS | EntityUpdate.ROT, 1.5f, 0f, -2.25f, (float) Math.PI,
                0f, 0f, 0f, 0f, 0);
        assertServer(new State(300, 1_700_000_000_000L, List.of(u)),
                "01 83 ac 02 80 d0 95 ff bc 31 01 05 03 ac 02 00 c1 03 00 80 00 80");
    }

    @Test
    void enterOfAnObject() {
        // 01 84 | entity 02 | kind OBJECT = 02 | name 03 "box" | userId 00 (empty)
        // | mask 0f | x 1 m = 100 cm, zigzag 200 = c8 01 | y 00 | z 00 | yaw 00 00 | pitch 0 -> 32768 = 00 80
        // | vx vy vz 00 00 00 | anim 00
        assertServer(new Enter(2, EntityKind.OBJECT, "box", "",
                        EntityUpdate.full(2, 1f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0)),
                "01 84 02 02 03 62 6f 78 00 0f c8 01 00 00 00 00 00 80 00 00 00 00");
    }

    @Test
    void error() {
        // 01 8c | code RATE_LIMITED = 09 | message 09 "slow down"
        assertServer(new ErrorMessage(ErrorCode.RATE_LIMITED, "slow down"),
                "01 8c 09 09 73 6c 6f 77 20 64 6f 77 6e");
    }

    // pujiang-web/src/net/codec.test.ts holds the same twin frames.

    @Test
    void twinCommandDesired() {
        // 01 0d | requestId 07 | twin 06 "pump-1" | kind DESIRED = 00 | name 08 "setpoint" | json 04 "72.5"
        assertClient(TwinCommand.desired(7, "pump-1", "setpoint", "72.5"),
                "01 0d 07 06 70 75 6d 70 2d 31 00 08 73 65 74 70 6f 69 6e 74 04 37 32 2e 35");
    }

    @Test
    void twinCommandAction() {
        // 01 0d | requestId 300 = ac 02 | twin 06 "pump-1" | kind ACTION = 01 | name 04 "open" | json 04 "null"
        assertClient(TwinCommand.action(300, "pump-1", "open", "null"),
                "01 0d ac 02 06 70 75 6d 70 2d 31 01 04 6f 70 65 6e 04 6e 75 6c 6c");
    }

    @Test
    void twinUpdate() {
        // 01 8f | twin 06 "pump-1" | json 20 bytes = 14 {"reported":{"t":1}}
        // | serverTimeMs 1 700 000 000 000 = 80 d0 95 ff bc 31 (see ping)
        assertServer(new TwinUpdate("pump-1", "{\"reported\":{\"t\":1}}", 1_700_000_000_000L),
                "01 8f 06 70 75 6d 70 2d 31 14 7b 22 72 65 70 6f 72 74 65 64 22 3a 7b 22 74 22 3a 31 7d 7d "
                        + "80 d0 95 ff bc 31");
    }

    @Test
    void twinReplies() {
        // 01 90 | requestId 07 | ok 01 | code 00 (empty) | message 00 (empty) | json 04 "72.5"
        assertServer(TwinReply.success(7, "72.5"), "01 90 07 01 00 00 04 37 32 2e 35");
        // 01 90 | requestId 07 | ok 00 | code 0e "twin:forbidden" | message 02 "no" | json 04 "null"
        assertServer(new TwinReply(7, false, "twin:forbidden", "no", "null"),
                "01 90 07 00 0e 74 77 69 6e 3a 66 6f 72 62 69 64 64 65 6e 02 6e 6f 04 6e 75 6c 6c");
    }

    // pujiang-web/src/net/codec.test.ts holds the same Say frames.

    @Test
    void sayPlain() {
        // 01 91 | fromEntity 00 (not in view) | fromName 00 | scope SPACE = 00 | text 02 "hi" | lang 00 | gesture 00
        // | expression 00 | words 00 | entryId 00 | link 00 | flags 00 | serverTimeMs 00
        assertServer(new Say(0, "", ChatScope.SPACE, "hi", "", "", "", List.of(), "", "", false, 0),
                "01 91 00 00 00 02 68 69 00 00 00 00 00 00 00 00");
    }

    @Test
    void sayWithCues() {
        // 01 91 | fromEntity 03 | fromName 05 "Guide" | scope DIRECT = 02
        // | text 09 "你好 hi" = e4 bd a0 e5 a5 bd 20 68 69 (UTF-16 units: 你 0, 好 1, space 2, h 3, i 4)
        // | lang 05 "zh-CN" | gesture 05 "greet" | expression 05 "smile"
        // | words 03: [0,1) at 0 = 00 01 00 | [1,2) at 230 = 01 02 e6 01 | [3,5) at 600 = 03 05 d8 04
        // | entryId 04 "kb-1" | link 0e "https://x.cn/a" | flags 01 (handoff)
        // | serverTimeMs 1 700 000 000 000 = 80 d0 95 ff bc 31 (see ping)
        assertServer(new Say(3, "Guide", ChatScope.DIRECT, "你好 hi", "zh-CN", "greet", "smile",
                        List.of(new SayWord(0, 1, 0), new SayWord(1, 2, 230), new SayWord(3, 5, 600)), "kb-1",
                        "https://x.cn/a", true, 1_700_000_000_000L),
                "01 91 03 05 47 75 69 64 65 02 09 e4 bd a0 e5 a5 bd 20 68 69 05 7a 68 2d 43 4e "
                        + "05 67 72 65 65 74 05 73 6d 69 6c 65 03 00 01 00 01 02 e6 01 03 05 d8 04 "
                        + "04 6b 62 2d 31 0e 68 74 74 70 73 3a 2f 2f 78 2e 63 6e 2f 61 01 80 d0 95 ff bc 31");
    }
}
