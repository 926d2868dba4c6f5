package org.pujiang.protocol.codec;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Reads wire primitives from a byte range, never throwing. The first problem (truncation, an
 * overlong varint, a string over its limit, bad UTF-8, a value out of range) is recorded as a reason
 * and the reader stops: every later read returns 0, {@code false}, {@code ""} or {@code null}
 * without touching the input. A decoder reads its fields, checks {@link #ok()}, and only then builds
 * its record, so record constructors never see garbage.
 *
 * <p>Nothing is allocated in proportion to a length or count read from the input before that number
 * has been checked against its limit and against the bytes that remain.
 *
 * <p>Decoding is strict, so that each message has exactly one encoding: varints must be minimal,
 * booleans 0 or 1, UTF-8 well formed. Offsets in reasons count from the start of the range given to
 * {@link #reset}.
 *
 * <p>Not thread-safe: one reader belongs to one thread. Reuse it with {@link #reset}.
 */
public final class FrameReader {
    private static final byte[] EMPTY = new byte[0];

    private byte[] buf = EMPTY;
    private int start;
    private int pos;
    private int limit;
    private String error;

    public FrameReader() {}

    public FrameReader(byte[] buf) {
        reset(buf, 0, buf.length);
    }

    /** Points the reader at {@code buf[off, off+len)} and clears any earlier failure. */
    public FrameReader reset(byte[] buf, int off, int len) {
        if (off < 0 || len < 0 || off > buf.length - len) {
            throw new IndexOutOfBoundsException("range [" + off + ", " + off + "+" + len + ") outside an array of "
                    + buf.length);
        }
        this.buf = buf;
        this.start = off;
        this.pos = off;
        this.limit = off + len;
        this.error = null;
        return this;
    }

    /** Whether every read so far succeeded. */
    public boolean ok() {
        return error == null;
    }

    /** Why reading failed, or null while {@link #ok()}. */
    public String error() {
        return error;
    }

    /** Bytes not yet read (0 after a failure). */
    public int remaining() {
        return limit - pos;
    }

    /** The offset of the next byte, counted from the start of the range. */
    public int offset() {
        return pos - start;
    }

    /** Moves the read position to {@code offset} (counted from the start of the range); for tests and tools. */
    public FrameReader seek(int offset) {
        if (offset < 0 || offset > limit - start) {
            throw new IndexOutOfBoundsException("offset " + offset + " outside a range of " + (limit - start));
        }
        pos = start + offset;
        return this;
    }

    /**
     * Records {@code reason} (if no earlier failure was recorded) and stops the reader. Decoders call
     * it for rules the primitives cannot know, such as an out-of-range enum.
     */
    public void fail(String reason) {
        if (error == null) {
            error = reason;
        }
        pos = limit;
    }

    private boolean need(int n, String field) {
        if (limit - pos >= n) {
            return true;
        }
        if (error == null) {
            fail(field + ": truncated at offset " + offset() + " (needs " + n + " bytes, " + (limit - pos) + " left)");
        }
        return false;
    }

    public int u8(String field) {
        if (!need(1, field)) {
            return 0;
        }
        return buf[pos++] & 0xFF;
    }

    /** A u8 that must be below {@code count}: the wire value of an enum with {@code count} constants. */
    public int enumU8(int count, String field) {
        int at = offset();
        int v = u8(field);
        if (ok() && v >= count) {
            fail(field + ": invalid value " + v + " at offset " + at + " (expected 0.." + (count - 1) + ")");
            return 0;
        }
        return v;
    }

    /** A u8 that must be 0 (false) or 1 (true). */
    public boolean bool(String field) {
        return enumU8(2, field) == 1;
    }

    /** Two bytes, little-endian, as 0..65535. */
    public int u16(String field) {
        if (!need(2, field)) {
            return 0;
        }
        int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8;
        pos += 2;
        return v;
    }

    /** Eight bytes, little-endian. */
    public long u64(String field) {
        if (!need(8, field)) {
            return 0;
        }
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (buf[pos + i] & 0xFFL);
        }
        pos += 8;
        return v;
    }

    /** IEEE 754 binary32, little-endian; any bits, NaN and infinities included. */
    public float f32(String field) {
        if (!need(4, field)) {
            return 0;
        }
        int bits = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8 | (buf[pos + 2] & 0xFF) << 16
                | (buf[pos + 3] & 0xFF) << 24;
        pos += 4;
        return Float.intBitsToFloat(bits);
    }

    /** An {@link #f32} that must be finite (not NaN, not infinite). */
    public float finiteF32(String field) {
        int at = offset();
        float v = f32(field);
        if (ok() && !Float.isFinite(v)) {
            fail(field + ": " + v + " at offset " + at + " is not finite");
            return 0;
        }
        return v;
    }

    /**
     * Unsigned LEB128 into 32 bits: at most 5 bytes, the fifth carrying at most 4 bits, minimal form.
     * Values of 2^31 and above come back negative; {@link #varInt(int, int, String)} rejects them where
     * a field is an ordinary non-negative int.
     */
    public int varInt(String field) {
        int at = offset();
        int result = 0;
        for (int i = 0; i < 5; i++) {
            if (!need(1, field)) {
                return 0;
            }
            int b = buf[pos++];
            result |= (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (b == 0 && i > 0) {
                    fail(field + ": non-minimal varint at offset " + at);
                    return 0;
                }
                if (i == 4 && b > 0x0F) {
                    fail(field + ": varint at offset " + at + " exceeds 32 bits");
                    return 0;
                }
                return result;
            }
        }
        fail(field + ": varint at offset " + at + " is longer than 5 bytes");
        return 0;
    }

    /** A {@link #varInt(String)} that must lie in {@code [min, max]} (compared as signed ints, so min ≥ 0 also rejects ≥ 2^31). */
    public int varInt(int min, int max, String field) {
        int at = offset();
        int v = varInt(field);
        if (ok() && (v < min || v > max)) {
            fail(field + ": " + Integer.toUnsignedString(v) + " at offset " + at + " outside " + min + ".." + max);
            return 0;
        }
        return v;
    }

    /** Unsigned LEB128 into 64 bits: at most 10 bytes, the tenth carrying at most 1 bit, minimal form. */
    public long varLong(String field) {
        int at = offset();
        long result = 0;
        for (int i = 0; i < 10; i++) {
            if (!need(1, field)) {
                return 0;
            }
            int b = buf[pos++];
            result |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (b == 0 && i > 0) {
                    fail(field + ": non-minimal varint at offset " + at);
                    return 0;
                }
                if (i == 9 && b > 0x01) {
                    fail(field + ": varint at offset " + at + " exceeds 64 bits");
                    return 0;
                }
                return result;
            }
        }
        fail(field + ": varint at offset " + at + " is longer than 10 bytes");
        return 0;
    }

    /** A {@link #varLong(String)} that must lie in {@code [min, max]} (signed comparison). */
    public long varLong(long min, long max, String field) {
        int at = offset();
        long v = varLong(field);
        if (ok() && (v < min || v > max)) {
            fail(field + ": " + Long.toUnsignedString(v) + " at offset " + at + " outside " + min + ".." + max);
            return 0;
        }
        return v;
    }

    /** A zigzag-encoded signed int (see {@link FrameWriter#zigzagInt}). */
    public int zigzagInt(String field) {
        int v = varInt(field);
        return (v >>> 1) ^ -(v & 1);
    }

    /** A zigzag-encoded signed long. */
    public long zigzagLong(String field) {
        long v = varLong(field);
        return (v >>> 1) ^ -(v & 1);
    }

    /** Sixteen bytes, most significant first; null after a failure. */
    public UUID uuid(String field) {
        if (!need(16, field)) {
            return null;
        }
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (buf[pos + i] & 0xFFL);
        }
        for (int i = 8; i < 16; i++) {
            lsb = (lsb << 8) | (buf[pos + i] & 0xFFL);
        }
        pos += 16;
        return new UUID(msb, lsb);
    }

    /**
     * A varint byte length, at most {@code maxBytes}, then that many bytes of well-formed UTF-8.
     * The length is checked against the limit and the remaining bytes before anything is allocated.
     */
    public String string(int maxBytes, String field) {
        int at = offset();
        int len = varInt(field);
        if (!ok()) {
            return "";
        }
        if (len < 0 || len > maxBytes) {
            fail(field + ": string of " + Integer.toUnsignedString(len) + " bytes at offset " + at + " exceeds the "
                    + maxBytes + "-byte limit");
            return "";
        }
        if (!need(len, field)) {
            return "";
        }
        int bad = Utf8.firstInvalid(buf, pos, len);
        if (bad >= 0) {
            fail(field + ": invalid UTF-8 at offset " + (bad - start));
            return "";
        }
        String s = new String(buf, pos, len, StandardCharsets.UTF_8);
        pos += len;
        return s;
    }

    /**
     * A varint item count, at most {@code max}, that could fit in the bytes left when every item
     * takes at least {@code minItemBytes}. Returns 0 after a failure. Safe to size a list with.
     */
    public int count(int max, int minItemBytes, String field) {
        int at = offset();
        int n = varInt(field);
        if (!ok()) {
            return 0;
        }
        if (n < 0 || n > max) {
            fail(field + ": count " + Integer.toUnsignedString(n) + " at offset " + at + " exceeds the limit of " + max);
            return 0;
        }
        if ((long) n * minItemBytes > limit - pos) {
            fail(field + ": truncated: count " + n + " at offset " + at + " needs at least " + (long) n * minItemBytes
                    + " more bytes, " + (limit - pos) + " left");
            return 0;
        }
        return n;
    }
}
