package org.pujiang.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pujiang.protocol.message.ClientMessage;
import org.pujiang.protocol.message.ServerMessage;

/** Every way a frame can be wrong gives a value naming the problem, never an exception. */
class MalformedTest {
    private static String malformedClient(String hex) {
        DecodeResult<ClientMessage> result = Frames.decodeClient(Hex.bytes(hex));
        assertThat(result).isInstanceOf(DecodeResult.Malformed.class);
        String reason = ((DecodeResult.Malformed<ClientMessage>) result).reason();
        assertThat(reason).doesNotStartWith(Frames.UNCHECKED_PREFIX);
        return reason;
    }

    private static String malformedServer(String hex) {
        DecodeResult<ServerMessage> result = Frames.decodeServer(Hex.bytes(hex));
        assertThat(result).isInstanceOf(DecodeResult.Malformed.class);
        String reason = ((DecodeResult.Malformed<ServerMessage>) result).reason();
        assertThat(reason).doesNotStartWith(Frames.UNCHECKED_PREFIX);
        return reason;
    }

    private static DecodeResult<?> decodeEither(byte[] frame) {
        return frame.length > 1 && (frame[1] & 0x80) != 0 ? Frames.decodeServer(frame) : Frames.decodeClient(frame);
    }

    @Test
    void everyValidFrameCutShortAtEveryOffsetIsMalformed() {
        int checked = 0;
        for (byte[] frame : Samples.smallFrames()) {
            for (int len = 0; len < frame.length; len++) {
                byte[] cut = Arrays.copyOf(frame, len);
                DecodeResult<?> result = decodeEither(cut);
                assertThat(result).as("%s cut to %d bytes", Hex.of(frame), len)
                        .isInstanceOf(DecodeResult.Malformed.class);
                assertThat(((DecodeResult.Malformed<?>) result).reason()).contains("truncated");
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(5_000);
    }

    @Test
    void everyValidFrameWithATrailingByteIsMalformed() {
        for (byte[] frame : Samples.smallFrames()) {
            byte[] longer = Arrays.copyOf(frame, frame.length + 1);
            DecodeResult<?> result = decodeEither(longer);
            assertThat(result).isInstanceOf(DecodeResult.Malformed.class);
            assertThat(((DecodeResult.Malformed<?>) result).reason()).contains("1 trailing bytes at offset "
                    + frame.length);
        }
    }

    @Test
    void emptyAndMissingFrames() {
        assertThat(Frames.decodeClient(new byte[0])).isEqualTo(new DecodeResult.Malformed<>("truncated: empty frame"));
        assertThat(Frames.decodeServer(null)).isInstanceOf(DecodeResult.Malformed.class);
        assertThat(malformedClient("01")).contains("truncated");
    }

    @Test
    void otherVersionsAreUnsupported() {
        // version 2, a Hello that v1 would accept
        assertThat(Frames.decodeClient(Hex.bytes("02 01 01 01 00 00"))).isEqualTo(new DecodeResult.UnsupportedVersion<>(2));
        assertThat(Frames.decodeClient(Hex.bytes("00 0a 00"))).isEqualTo(new DecodeResult.UnsupportedVersion<>(0));
        assertThat(Frames.decodeServer(Hex.bytes("ff"))).isEqualTo(new DecodeResult.UnsupportedVersion<>(255));
    }

    @Test
    void unknownTypes() {
        assertThat(Frames.decodeClient(Hex.bytes("01 00"))).isEqualTo(new DecodeResult.UnknownType<>(0x00));
        assertThat(Frames.decodeClient(Hex.bytes("01 0e"))).isEqualTo(new DecodeResult.UnknownType<>(0x0e));
        assertThat(Frames.decodeClient(Hex.bytes("01 7f 01 02 03"))).isEqualTo(new DecodeResult.UnknownType<>(0x7f));
        // a server type sent to the server
        assertThat(Frames.decodeClient(Hex.bytes("01 85 01"))).isEqualTo(new DecodeResult.UnknownType<>(0x85));
        assertThat(Frames.decodeServer(Hex.bytes("01 80"))).isEqualTo(new DecodeResult.UnknownType<>(0x80));
        assertThat(Frames.decodeServer(Hex.bytes("01 92"))).isEqualTo(new DecodeResult.UnknownType<>(0x92));
        assertThat(Frames.decodeServer(Hex.bytes("01 0a 00"))).isEqualTo(new DecodeResult.UnknownType<>(0x0a));
    }

    @Test
    void varintsLongerThanTheirWidth() {
        // Grab.objectEntity as a 6-byte varint
        assertThat(malformedClient("01 07 80 80 80 80 80 01")).contains("Grab.objectEntity").contains("longer than 5 bytes");
        // Grab.objectEntity with bits beyond 32 in the fifth byte
        assertThat(malformedClient("01 07 ff ff ff ff 7f")).contains("exceeds 32 bits");
        // Ping.clientTimeMs as an 11-byte varint
        assertThat(malformedClient("01 0a 80 80 80 80 80 80 80 80 80 80 01")).contains("longer than 10 bytes");
        // 0 written in two bytes
        assertThat(malformedClient("01 07 81 00")).contains("non-minimal varint");
    }

    @Test
    void hugeStringLengthsAreRefusedBeforeAllocating() {
        // Hello 1..1, token length 2^31 = 80 80 80 80 08
        assertThat(malformedClient("01 01 01 01 80 80 80 80 08 41"))
                .contains("Hello.token: string of 2147483648 bytes at offset 4 exceeds the 512-byte limit");
        // token length 2^32 - 1
        assertThat(malformedClient("01 01 01 01 ff ff ff ff 0f")).contains("string of 4294967295 bytes");
        // within the limit but beyond the frame: 500 bytes claimed, 2 present
        assertThat(malformedClient("01 01 01 01 f4 03 41 42")).contains("Hello.token: truncated at offset 6");
        // one over the limit: clientName of 65 bytes
        assertThat(malformedClient("01 01 01 01 00 41" + " 61".repeat(65))).contains("exceeds the 64-byte limit");
        // a 1001-byte chat
        assertThat(malformedClient("01 05 00 00 e9 07" + " 61".repeat(1001))).contains("Chat.text");
    }

    @Test
    void hugeListCountsAreRefusedBeforeAllocating() {
        // State tick 0, time 0, count 10^9 = 0x3b9aca00 -> 80 94 eb dc 03
        assertThat(malformedServer("01 83 00 00 80 94 eb dc 03")).contains("count 1000000000").contains("limit of 4096");
        assertThat(malformedServer("01 89 80 94 eb dc 03")).contains("limit of 10000");
        // Presence claiming 10 000 entries (90 4e) in 3 bytes: each takes at least 3
        assertThat(malformedServer("01 89 90 4e 00 00 00")).contains("needs at least 30000 more bytes, 3 left");
        // State claiming 4096 updates (80 20) in 2 bytes: each takes at least 2
        assertThat(malformedServer("01 83 00 00 80 20 01 00")).contains("truncated");
    }

    @Test
    void badUtf8() {
        // Chat SPACE, text of 2 bytes: c3 (a lead byte) then 41 (not a continuation)
        assertThat(malformedClient("01 05 00 00 02 c3 41")).contains("Chat.text: invalid UTF-8 at offset 5");
        // an encoded surrogate in a name
        assertThat(malformedServer("01 86 00 03 ed a0 80 00 00 00")).contains("ChatEvent.fromName: invalid UTF-8");
    }

    @ParameterizedTest
    @CsvSource({
            "01 05 03 00 00, Chat.scope: invalid value 3",
            "01 0b 01 04 00, VoiceSignal.kind: invalid value 4",
            "01 0c 03 01 00, Moderate.action: invalid value 3",
            "01 0d 01 01 74 02 01 6e 01 31, TwinCommand.kind: invalid value 2"})
    void invalidClientEnums(String hex, String reason) {
        assertThat(malformedClient(hex)).contains(reason);
    }

    @Test
    void invalidServerEnumsAndFlags() {
        assertThat(malformedServer("01 84 01 03 00 00 0f 00 00 00 00 00 00 00 00 00 00 00 00"))
                .contains("Enter.kind: invalid value 3");
        assertThat(malformedServer("01 8a 02 00 00 00")).contains("PresenceChange.joined: invalid value 2");
        assertThat(malformedServer("01 8d 01 ff 00")).contains("VoiceRelay.kind");
    }

    @Test
    void entityUpdateMasks() {
        // mask 0x10 sets a reserved bit
        assertThat(malformedServer("01 83 00 00 01 05 10")).contains("reserved bits set in 16");
        // Enter with mask POS only
        assertThat(malformedServer("01 84 01 00 00 00 01 00 00 00")).contains("Enter.state: mask must be 15, got 1");
    }

    @Test
    void valuesOutOfRange() {
        // Grab of entity 0, and of 2^31
        assertThat(malformedClient("01 07 00")).contains("Grab.objectEntity: 0 at offset 2 outside 1..2147483647");
        assertThat(malformedClient("01 07 80 80 80 80 08")).contains("2147483648");
        // Chat DIRECT to entity 0; SPACE naming an entity
        assertThat(malformedClient("01 05 02 00 00")).contains("Chat.toEntity: toEntity must be >= 1 for scope DIRECT");
        assertThat(malformedClient("01 05 00 05 00")).contains("toEntity must be 0 for scope SPACE");
        // Ping at 2^53, beyond what JavaScript holds exactly
        assertThat(malformedClient("01 0a 80 80 80 80 80 80 80 10")).contains("Ping.clientTimeMs");
        // Hello with maxVersion below minVersion, and version 0
        assertThat(malformedClient("01 01 02 01 00 00")).contains("maxVersion: 1 is below minVersion 2");
        assertThat(malformedClient("01 01 00 01 00 00")).contains("Hello.minVersion");
        // Exit of entity 0
        assertThat(malformedServer("01 85 00")).contains("Exit.entity");
    }

    @Test
    void nonFiniteFloats() {
        // Input seq 0, x = NaN (0x7fc00000 LE 00 00 c0 7f)
        String nanX = "01 04 00 00 00 c0 7f" + " 00".repeat(28) + " 00 00";
        assertThat(malformedClient(nanX)).contains("Input.x: NaN at offset 3 is not finite");
        // MoveObject 1 with yaw = +infinity (0x7f800000)
        assertThat(malformedClient("01 08 01" + " 00".repeat(12) + " 00 00 80 7f")).contains("MoveObject.yaw: Infinity");
    }

    @Test
    void joinedRulesOnTheWire() {
        String head = "01 82" + " 00".repeat(16) + " 00 01";
        String bounds = " 00 00 00 00".repeat(3) + " 00 00 80 3f".repeat(3);
        String tail = " 01 00 00 f0 41";
        // resumeKey 0
        assertThat(malformedServer(head + " 00".repeat(8) + bounds + tail)).contains("Joined.resumeKey: must not be 0");
        // min above max on x
        String swapped = " 00 00 00 40" + " 00 00 00 00".repeat(2) + " 00 00 80 3f".repeat(3);
        assertThat(malformedServer(head + " 01" + " 00".repeat(7) + swapped + tail)).contains("a min exceeds its max");
        // interest radius 0
        assertThat(malformedServer(head + " 01" + " 00".repeat(7) + bounds + " 01 00 00 00 00"))
                .contains("Joined.interestRadius: must be > 0");
        // and the valid one decodes
        assertThat(Frames.decodeServer(Hex.bytes(head + " 01" + " 00".repeat(7) + bounds + tail)))
                .isInstanceOf(DecodeResult.Ok.class);
    }

    @Test
    void clientFramesOver16KiBAreMalformed() {
        byte[] big = new byte[Frames.MAX_CLIENT_FRAME_BYTES + 1];
        big[0] = 1;
        big[1] = 0x05;
        assertThat(Frames.decodeClient(big)).isInstanceOf(DecodeResult.Malformed.class);
        assertThat(((DecodeResult.Malformed<?>) Frames.decodeClient(big)).reason()).contains("exceeds the client limit");
    }

    @Test
    void twinMessages() {
        // TwinCommand with an empty twin, name or json
        assertThat(malformedClient("01 0d 01 00 00 01 6e 01 31")).contains("TwinCommand.twin: must not be empty");
        assertThat(malformedClient("01 0d 01 01 74 00 00 01 31")).contains("TwinCommand.name: must not be empty");
        assertThat(malformedClient("01 0d 01 01 74 01 01 6e 00")).contains("TwinCommand.json: must not be empty");
        // requestId 2^31
        assertThat(malformedClient("01 0d 80 80 80 80 08 01 74 00 01 6e 01 31")).contains("TwinCommand.requestId");
        // a twin id of 257 bytes (81 02)
        assertThat(malformedClient("01 0d 01 81 02" + " 74".repeat(257) + " 00 01 6e 01 31"))
                .contains("TwinCommand.twin: string of 257 bytes at offset 3 exceeds the 256-byte limit");
        // json of 8193 bytes (81 40)
        assertThat(malformedClient("01 0d 01 01 74 00 01 6e 81 40" + " 31".repeat(8193)))
                .contains("TwinCommand.json: string of 8193 bytes");
        // TwinUpdate with an empty json, and time 2^53
        assertThat(malformedServer("01 8f 01 74 00 00")).contains("TwinUpdate.json: must not be empty");
        assertThat(malformedServer("01 8f 01 74 01 31 80 80 80 80 80 80 80 10")).contains("TwinUpdate.serverTimeMs");
        // TwinReply: ok with a code, not ok without one, ok = 2, an empty json
        assertThat(malformedServer("01 90 01 01 01 63 00 01 31")).contains("TwinReply.code: code must be empty when ok");
        assertThat(malformedServer("01 90 01 00 00 00 01 31")).contains("code must not be empty when not ok");
        assertThat(malformedServer("01 90 01 02 00 00 01 31")).contains("TwinReply.ok: invalid value 2");
        assertThat(malformedServer("01 90 01 01 00 00 00")).contains("TwinReply.json: must not be empty");
    }

    @Test
    void sayMessages() {
        // A plain Say is 01 91 | from 00 | name 00 | scope 00 | text 02 "hi" | lang, gesture, expression 00 00 00
        // | words | entryId 00 | link 00 | flags 00 | time 00; each case below breaks one field of it.
        String head = "01 91 00 00 00 02 68 69 00 00 00";
        String tail = " 00 00 00 00";
        assertThat(Frames.decodeServer(Hex.bytes(head + " 00" + tail))).isInstanceOf(DecodeResult.Ok.class);
        assertThat(malformedServer("01 91 00 00 00 00 00 00 00 00 00 00 00 00")).contains("Say.text: must not be empty");
        assertThat(malformedServer("01 91 00 00 03 02 68 69 00 00 00 00" + tail)).contains("Say.scope: invalid value 3");
        assertThat(malformedServer(head + " 00 00 00 02 00")).contains("Say.flags: reserved bits set in 2");
        assertThat(malformedServer(head + " 00 00 00 81 00")).contains("Say.flags: reserved bits set in 129");
        // a text of 16385 bytes (81 80 01), a lang of 17 bytes, time 2^53
        assertThat(malformedServer("01 91 00 00 00 81 80 01" + " 61".repeat(16385) + " 00 00 00 00" + tail))
                .contains("Say.text: string of 16385 bytes at offset 5 exceeds the 16384-byte limit");
        assertThat(malformedServer("01 91 00 00 00 02 68 69 11" + " 6c".repeat(17) + " 00 00 00" + tail))
                .contains("Say.lang: string of 17 bytes");
        assertThat(malformedServer(head + " 00 00 00 00 80 80 80 80 80 80 80 10")).contains("Say.serverTimeMs");
        // words: 2049 of them (81 10), an end past the 2-unit text, an empty span, starts and times going back
        assertThat(malformedServer(head + " 81 10" + " 00 01 00".repeat(2049) + tail))
                .contains("Say.words: count 2049").contains("limit of 2048");
        assertThat(malformedServer(head + " 01 00 03 00" + tail)).contains("Say.words[0] ends at 3, past the text's 2");
        assertThat(malformedServer(head + " 01 01 01 00" + tail)).contains("Say.words[0] ends at 1, not after its start 1");
        assertThat(malformedServer(head + " 02 01 02 00 00 01 00" + tail))
                .contains("Say.words[1] starts at 0, before the previous word's start 1");
        assertThat(malformedServer(head + " 02 00 01 05 01 02 04" + tail))
                .contains("Say.words[1] is at 4 ms, before the previous word's 5 ms");
        // two words claimed, three bytes left before the rest of the frame runs out
        assertThat(malformedServer(head + " 02 00 01")).contains("truncated");
    }
}
