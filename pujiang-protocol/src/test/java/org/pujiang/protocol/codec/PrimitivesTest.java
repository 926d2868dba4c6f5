package org.pujiang.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PrimitivesTest {
    private static String hex(FrameWriter w) {
        return HexFormat.ofDelimiter(" ").formatHex(w.toByteArray());
    }

    private static FrameReader reader(String hex) {
        return new FrameReader(HexFormat.of().parseHex(hex.replace(" ", "")));
    }

    @ParameterizedTest
    @CsvSource({
            "0, 00",
            "1, 01",
            "127, 7f",
            // 128 = 1 0000000: low group 0 with the continuation bit, then 1
            "128, 80 01",
            // 300 = 10 0101100: 0x2c | 0x80 = ac, then 10b = 02
            "300, ac 02",
            "16384, 80 80 01",
            "2147483647, ff ff ff ff 07",
            // -1 is 32 one-bits: four full groups and 4 bits in the fifth byte
            "-1, ff ff ff ff 0f"})
    void varIntVectors(int value, String hex) {
        assertThat(hex(new FrameWriter().varInt(value))).isEqualTo(hex);
        FrameReader r = reader(hex);
        assertThat(r.varInt("v")).isEqualTo(value);
        assertThat(r.ok()).isTrue();
        assertThat(r.remaining()).isZero();
    }

    @ParameterizedTest
    @CsvSource({
            // zigzag maps 0, -1, 1, -2, 2 to 0, 1, 2, 3, 4
            "0, 00", "-1, 01", "1, 02", "-2, 03", "2, 04",
            // -150 -> 2*150-1 = 299 = 0x12b -> ab 02
            "-150, ab 02",
            "2147483647, fe ff ff ff 0f",
            "-2147483648, ff ff ff ff 0f"})
    void zigzagVectors(int value, String hex) {
        assertThat(hex(new FrameWriter().zigzagInt(value))).isEqualTo(hex);
        assertThat(reader(hex).zigzagInt("v")).isEqualTo(value);
    }

    @Test
    void varLongVectors() {
        // 2^53 - 1: 53 one-bits = seven full groups of 7, then 4 bits
        assertThat(hex(new FrameWriter().varLong((1L << 53) - 1))).isEqualTo("ff ff ff ff ff ff ff 0f");
        // -1: 64 one-bits = nine full groups, then 1 bit in the tenth byte
        assertThat(hex(new FrameWriter().varLong(-1))).isEqualTo("ff ff ff ff ff ff ff ff ff 01");
        assertThat(reader("ff ff ff ff ff ff ff ff ff 01").varLong("v")).isEqualTo(-1);
        assertThat(reader("ff ff ff ff ff ff ff ff ff 02").varLong("v")).isZero();
    }

    @Test
    void randomVarintsRoundTrip() {
        SplittableRandom random = new SplittableRandom(7);
        FrameWriter w = new FrameWriter(4);
        for (int i = 0; i < 20_000; i++) {
            int a = random.nextInt() >> random.nextInt(32);
            long b = random.nextLong() >> random.nextInt(64);
            w.reset().varInt(a).zigzagInt(a).varLong(b).zigzagLong(b);
            FrameReader r = new FrameReader().reset(w.array(), 0, w.size());
            assertThat(r.varInt("a")).isEqualTo(a);
            assertThat(r.zigzagInt("a")).isEqualTo(a);
            assertThat(r.varLong("b")).isEqualTo(b);
            assertThat(r.zigzagLong("b")).isEqualTo(b);
            assertThat(r.ok()).isTrue();
            assertThat(r.remaining()).isZero();
        }
    }

    @Test
    void fixedWidthPrimitivesAreLittleEndianAndUuidsBigEndian() {
        FrameWriter w = new FrameWriter()
                .u16(0x1234)
                .u64(0x0102030405060708L)
                // 1.0f = 0x3f800000
                .f32(1.0f)
                .uuid(new UUID(0x0011223344556677L, 0x8899aabbccddeeffL))
                .bool(true);
        assertThat(hex(w)).isEqualTo("34 12 08 07 06 05 04 03 02 01 00 00 80 3f "
                + "00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff 01");
        FrameReader r = new FrameReader(w.toByteArray());
        assertThat(r.u16("a")).isEqualTo(0x1234);
        assertThat(r.u64("b")).isEqualTo(0x0102030405060708L);
        assertThat(r.f32("c")).isEqualTo(1.0f);
        assertThat(r.uuid("d")).isEqualTo(new UUID(0x0011223344556677L, 0x8899aabbccddeeffL));
        assertThat(r.bool("e")).isTrue();
        assertThat(r.ok()).isTrue();
    }

    @Test
    void stringsAreLengthPrefixedUtf8() {
        // "é" is U+00E9 = c3 a9; "😀" is U+1F600 = f0 9f 98 80 (a surrogate pair in Java)
        assertThat(hex(new FrameWriter().string("aé😀"))).isEqualTo("07 61 c3 a9 f0 9f 98 80");
        assertThat(reader("07 61 c3 a9 f0 9f 98 80").string(7, "s")).isEqualTo("aé😀");
        assertThat(Utf8.encodedLength("aé😀浦")).isEqualTo(10);
        assertThat(Utf8.encodedLength("a\uD83D")).isEqualTo(-1);
        assertThat(Utf8.encodedLength("\uDE00a")).isEqualTo(-1);
        assertThatIllegalArgumentException().isThrownBy(() -> new FrameWriter().string("\uD83D"));
    }

    @Test
    void everyCodePointSurvivesTheWriterAndTheStrictReader() {
        StringBuilder all = new StringBuilder();
        FrameWriter w = new FrameWriter();
        FrameReader r = new FrameReader();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                continue;
            }
            all.appendCodePoint(cp);
            if (all.length() >= 4096 || cp == Character.MAX_CODE_POINT) {
                String s = all.toString();
                w.reset().string(s);
                r.reset(w.array(), 0, w.size());
                int len = r.varInt("len");
                // the JDK's encoder agrees with ours, byte for byte
                byte[] jdk = s.getBytes(StandardCharsets.UTF_8);
                assertThat(len).isEqualTo(jdk.length).isEqualTo(Utf8.encodedLength(s));
                assertThat(Arrays.copyOfRange(w.array(), r.offset(), w.size())).isEqualTo(jdk);
                r.seek(0);
                assertThat(r.string(Integer.MAX_VALUE, "s")).isEqualTo(s);
                assertThat(r.ok()).as(r.error()).isTrue();
                all.setLength(0);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "80", // a lone continuation byte
            "c0 80", // overlong NUL
            "c1 bf", // overlong
            "e0 80 80", // overlong three-byte form
            "e0 9f bf", // overlong three-byte form
            "ed a0 80", // U+D800, a UTF-16 surrogate
            "ed bf bf", // U+DFFF
            "f0 80 80 80", // overlong four-byte form
            "f4 90 80 80", // U+110000, beyond Unicode
            "f5 80 80 80", // never a lead byte
            "ff", // never a lead byte
            "c3", // cut off
            "e4 bd", // cut off
            "e4 41 a0", // a non-continuation inside
            "f0 9f 98 41"})
    void illFormedUtf8IsRefused(String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex.replace(" ", ""));
        FrameWriter w = new FrameWriter().varInt(bytes.length + 1).u8('a').bytes(bytes, 0, bytes.length);
        FrameReader r = new FrameReader(w.toByteArray());

        assertThat(r.string(100, "s")).isEmpty();
        assertThat(r.ok()).isFalse();
        assertThat(r.error()).contains("invalid UTF-8 at offset 2");
        assertThat(Utf8.firstInvalid(bytes, 0, bytes.length)).isZero();
    }

    @Test
    void readerFailuresAreStickyAndNameFieldAndOffset() {
        FrameReader r = reader("01 80");
        assertThat(r.u8("first")).isEqualTo(1);
        assertThat(r.varInt("second")).isZero();
        assertThat(r.error()).isEqualTo("second: truncated at offset 2 (needs 1 bytes, 0 left)");
        assertThat(r.u8("third")).isZero();
        assertThat(r.string(10, "fourth")).isEmpty();
        assertThat(r.uuid("fifth")).isNull();
        assertThat(r.error()).startsWith("second:");
    }

    @Test
    void varintsMustBeMinimalAndFitTheirWidth() {
        FrameReader r = reader("80 00");
        r.varInt("v");
        assertThat(r.error()).contains("non-minimal varint at offset 0");

        r = reader("80 80 80 80 80 01");
        r.varInt("v");
        assertThat(r.error()).contains("longer than 5 bytes");

        r = reader("ff ff ff ff 1f");
        r.varInt("v");
        assertThat(r.error()).contains("exceeds 32 bits");

        r = reader("80 80 80 80 80 80 80 80 80 80 01");
        r.varLong("v");
        assertThat(r.error()).contains("longer than 10 bytes");
    }

    @Test
    void countsAreCheckedBeforeAnythingIsSized() {
        // 10^9 = 0x3b9aca00 -> 80 94 eb dc 03
        FrameReader r = reader("80 94 eb dc 03");
        assertThat(r.count(Integer.MAX_VALUE, 1, "list")).isZero();
        assertThat(r.error()).contains("count 1000000000").contains("needs at least 1000000000 more bytes, 0 left");

        r = reader("80 94 eb dc 03");
        assertThat(r.count(4096, 1, "list")).isZero();
        assertThat(r.error()).contains("exceeds the limit of 4096");
    }

    @Test
    void writerGrowsFromOneByte() {
        FrameWriter w = new FrameWriter(1);
        for (int i = 0; i < 10_000; i++) {
            w.varInt(i);
        }
        FrameReader r = new FrameReader().reset(w.array(), 0, w.size());
        for (int i = 0; i < 10_000; i++) {
            assertThat(r.varInt("v")).isEqualTo(i);
        }
        assertThat(r.remaining()).isZero();
    }
}
