package org.pujiang.protocol.codec;

import java.util.Arrays;
import java.util.UUID;

/**
 * Appends wire primitives to a growable byte array. Reuse one writer for many frames: {@link #reset()},
 * encode, then hand {@link #array()} with {@link #size()} (or a {@link #toByteArray()} copy) to the
 * transport. No call allocates except when the array must grow.
 *
 * <p>Not thread-safe: one writer belongs to one thread (a space's tick thread, a bot, a test).
 * The writer does not validate values against message limits; message records do that when they are
 * built, so anything a record holds can be written.
 */
public final class FrameWriter {
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 16;

    private byte[] buf;
    private int size;

    /** A writer with room for 256 bytes before it first grows. */
    public FrameWriter() {
        this(256);
    }

    public FrameWriter(int initialCapacity) {
        if (initialCapacity < 1) {
            throw new IllegalArgumentException("initialCapacity must be at least 1, got " + initialCapacity);
        }
        this.buf = new byte[initialCapacity];
    }

    /** Forgets what was written, keeping the array for the next frame. */
    public FrameWriter reset() {
        size = 0;
        return this;
    }

    /** How many bytes were written since the last reset. */
    public int size() {
        return size;
    }

    /** The backing array; bytes {@code [0, size())} are the frame. It is replaced when the writer grows. */
    public byte[] array() {
        return buf;
    }

    /** A copy of the bytes written since the last reset. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    public FrameWriter u8(int value) {
        ensure(1);
        buf[size++] = (byte) value;
        return this;
    }

    public FrameWriter bool(boolean value) {
        return u8(value ? 1 : 0);
    }

    /** Two bytes, little-endian; the low 16 bits of {@code value}. */
    public FrameWriter u16(int value) {
        ensure(2);
        buf[size++] = (byte) value;
        buf[size++] = (byte) (value >>> 8);
        return this;
    }

    /** Eight bytes, little-endian. */
    public FrameWriter u64(long value) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[size++] = (byte) (value >>> (8 * i));
        }
        return this;
    }

    /** IEEE 754 binary32, little-endian, bits as they are (no NaN canonicalisation). */
    public FrameWriter f32(float value) {
        ensure(4);
        int bits = Float.floatToRawIntBits(value);
        buf[size++] = (byte) bits;
        buf[size++] = (byte) (bits >>> 8);
        buf[size++] = (byte) (bits >>> 16);
        buf[size++] = (byte) (bits >>> 24);
        return this;
    }

    /** Unsigned LEB128 of the 32 bits of {@code value} (a negative int takes 5 bytes). Minimal form. */
    public FrameWriter varInt(int value) {
        ensure(5);
        while ((value & ~0x7F) != 0) {
            buf[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buf[size++] = (byte) value;
        return this;
    }

    /** Unsigned LEB128 of the 64 bits of {@code value} (a negative long takes 10 bytes). Minimal form. */
    public FrameWriter varLong(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            buf[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buf[size++] = (byte) value;
        return this;
    }

    /** Zigzag (0, -1, 1, -2 … → 0, 1, 2, 3 …) then {@link #varInt}. */
    public FrameWriter zigzagInt(int value) {
        return varInt((value << 1) ^ (value >> 31));
    }

    /** Zigzag then {@link #varLong}. */
    public FrameWriter zigzagLong(long value) {
        return varLong((value << 1) ^ (value >> 63));
    }

    /** Sixteen bytes: the most significant long, then the least, each big-endian (RFC 9562 byte order). */
    public FrameWriter uuid(UUID value) {
        ensure(16);
        long msb = value.getMostSignificantBits();
        long lsb = value.getLeastSignificantBits();
        for (int i = 7; i >= 0; i--) {
            buf[size++] = (byte) (msb >>> (8 * i));
        }
        for (int i = 7; i >= 0; i--) {
            buf[size++] = (byte) (lsb >>> (8 * i));
        }
        return this;
    }

    /**
     * A varint byte length, then the UTF-8 bytes. Encodes in place, without an intermediate array.
     *
     * @throws IllegalArgumentException when {@code value} holds an unpaired surrogate
     */
    public FrameWriter string(String value) {
        int len = Utf8.encodedLength(value);
        if (len < 0) {
            throw new IllegalArgumentException("string holds an unpaired surrogate and cannot be UTF-8 encoded");
        }
        varInt(len);
        ensure(len);
        int n = value.length();
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                buf[size++] = (byte) c;
            } else if (c < 0x800) {
                buf[size++] = (byte) (0xC0 | (c >>> 6));
                buf[size++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c)) {
                int cp = Character.toCodePoint(c, value.charAt(++i));
                buf[size++] = (byte) (0xF0 | (cp >>> 18));
                buf[size++] = (byte) (0x80 | ((cp >>> 12) & 0x3F));
                buf[size++] = (byte) (0x80 | ((cp >>> 6) & 0x3F));
                buf[size++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                buf[size++] = (byte) (0xE0 | (c >>> 12));
                buf[size++] = (byte) (0x80 | ((c >>> 6) & 0x3F));
                buf[size++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return this;
    }

    /** Raw bytes, for example an entity body encoded once per tick and copied into many frames. */
    public FrameWriter bytes(byte[] src, int off, int len) {
        ensure(len);
        System.arraycopy(src, off, buf, size, len);
        size += len;
        return this;
    }

    private void ensure(int more) {
        if (buf.length - size >= more) {
            return;
        }
        long wanted = Math.max((long) size + more, (long) buf.length * 2);
        if ((long) size + more > MAX_ARRAY) {
            throw new IllegalStateException("frame would exceed " + MAX_ARRAY + " bytes: " + size + " + " + more);
        }
        buf = Arrays.copyOf(buf, (int) Math.min(wanted, MAX_ARRAY));
    }
}
