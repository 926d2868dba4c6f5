package org.pujiang.protocol.message;

import java.util.List;
import java.util.Objects;
import org.pujiang.protocol.codec.FrameReader;
import org.pujiang.protocol.codec.Utf8;

/** Argument checks shared by the message records' compact constructors. Stateless. */
final class Check {
    /** Largest integer a JavaScript Number holds exactly (2^53 - 1): the upper bound of time fields. */
    static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    private Check() {}

    static String text(String value, int maxBytes, String field) {
        Objects.requireNonNull(value, field);
        int bytes = Utf8.encodedLength(value);
        if (bytes < 0) {
            throw new IllegalArgumentException(field + " holds an unpaired surrogate, which UTF-8 cannot carry");
        }
        if (bytes > maxBytes) {
            throw new IllegalArgumentException(field + " is " + bytes + " bytes of UTF-8, over the limit of " + maxBytes);
        }
        return value;
    }

    /** Like {@link #text}, and at least one byte. */
    static String nonEmptyText(String value, int maxBytes, String field) {
        if (text(value, maxBytes, field).isEmpty()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        return value;
    }

    /** The decoder's side of {@link #nonEmptyText}: reads a string and fails {@code r} when it is empty. */
    static String nonEmptyString(FrameReader r, int maxBytes, String field) {
        String value = r.string(maxBytes, field);
        if (r.ok() && value.isEmpty()) {
            r.fail(field + ": must not be empty");
        }
        return value;
    }

    static int range(int value, int min, int max, String field) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " must be in " + min + ".." + max + ", got " + value);
        }
        return value;
    }

    static long range(long value, long min, long max, String field) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " must be in " + min + ".." + max + ", got " + value);
        }
        return value;
    }

    /** An entity id: 1 or more. */
    static int entity(int value, String field) {
        return range(value, 1, Integer.MAX_VALUE, field);
    }

    /** An entity id or 0 for none. */
    static int entityOrNone(int value, String field) {
        return range(value, 0, Integer.MAX_VALUE, field);
    }

    static int u8(int value, String field) {
        return range(value, 0, 255, field);
    }

    /** A time in milliseconds: 0 .. 2^53 - 1, so that JavaScript clients hold it exactly. */
    static long time(long value, String field) {
        return range(value, 0, MAX_SAFE_INTEGER, field);
    }

    static float finite(float value, String field) {
        if (!Float.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be finite, got " + value);
        }
        return value;
    }

    static <T> List<T> list(List<T> values, int max, String field) {
        Objects.requireNonNull(values, field);
        List<T> copy = List.copyOf(values);
        if (copy.size() > max) {
            throw new IllegalArgumentException(field + " has " + copy.size() + " items, over the limit of " + max);
        }
        return copy;
    }
}
