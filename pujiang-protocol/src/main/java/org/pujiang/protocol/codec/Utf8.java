package org.pujiang.protocol.codec;

/**
 * Strict UTF-8 arithmetic without allocation: the encoded length of a string, and validation of
 * bytes against the Unicode standard's well-formed sequences (Unicode 15, table 3-7). Stateless;
 * any thread may call it.
 */
public final class Utf8 {
    private Utf8() {}

    /**
     * The number of bytes {@code s} takes in UTF-8, or -1 when it holds an unpaired surrogate
     * (which UTF-8 cannot represent, so encoding it would not round-trip).
     */
    public static int encodedLength(CharSequence s) {
        int n = s.length();
        int bytes = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    bytes += 4;
                    i++;
                } else {
                    return -1;
                }
            } else if (Character.isLowSurrogate(c)) {
                return -1;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /**
     * The offset of the first byte that breaks well-formed UTF-8 in {@code buf[off, off+len)}, or
     * -1 when all of it is well formed. Overlong forms, encoded surrogates (ED A0..BF) and code
     * points above U+10FFFF are ill formed; a sequence cut off by the end of the range is too.
     */
    public static int firstInvalid(byte[] buf, int off, int len) {
        int end = off + len;
        int i = off;
        while (i < end) {
            int b = buf[i];
            if (b >= 0) {
                i++;
                continue;
            }
            b &= 0xFF;
            int need;
            int lo = 0x80;
            int hi = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) {
                need = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                need = 2;
                if (b == 0xE0) {
                    lo = 0xA0; // below is overlong
                } else if (b == 0xED) {
                    hi = 0x9F; // above encodes UTF-16 surrogates
                }
            } else if (b >= 0xF0 && b <= 0xF4) {
                need = 3;
                if (b == 0xF0) {
                    lo = 0x90; // below is overlong
                } else if (b == 0xF4) {
                    hi = 0x8F; // above is beyond U+10FFFF
                }
            } else {
                return i; // 80..C1 (continuation or overlong lead) and F5..FF never start a sequence
            }
            if (end - i <= need) {
                return i;
            }
            int b1 = buf[i + 1] & 0xFF;
            if (b1 < lo || b1 > hi) {
                return i;
            }
            for (int k = 2; k <= need; k++) {
                if ((buf[i + k] & 0xC0) != 0x80) {
                    return i;
                }
            }
            i += need + 1;
        }
        return -1;
    }
}
