package org.pujiang.space.chat;

/**
 * Cleans text that people type: control characters and bidirectional overrides are removed (line
 * breaks stay), surrounding white space is trimmed, and the length is checked in code points.
 * Stateless.
 */
public final class ChatText {
    private ChatText() {}

    /** The cleaned text, or why it was refused. */
    public sealed interface Result permits Ok, TooLong, Empty {}

    public record Ok(String text) implements Result {}

    public record TooLong(int codePoints, int max) implements Result {}

    public record Empty() implements Result {}

    public static Result clean(String text, int maxCodePoints) {
        String s = strip(text).strip();
        if (s.isEmpty()) {
            return new Empty();
        }
        int n = s.codePointCount(0, s.length());
        return n > maxCodePoints ? new TooLong(n, maxCodePoints) : new Ok(s);
    }

    /** A display name: cleaned, line breaks removed too, cut to {@code maxCodePoints}. */
    public static String name(String text, int maxCodePoints) {
        String s = strip(text).replace('\n', ' ').strip();
        if (s.codePointCount(0, s.length()) > maxCodePoints) {
            s = s.substring(0, s.offsetByCodePoints(0, maxCodePoints));
        }
        return s;
    }

    private static String strip(String text) {
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean drop = (Character.isISOControl(c) && c != '\n') || isBidiControl(c)
                    || (Character.isSurrogate(c) && !pairedAt(text, i));
            if (drop && b == null) {
                b = new StringBuilder(text.length());
                b.append(text, 0, i);
            } else if (!drop && b != null) {
                b.append(c);
            }
        }
        return b == null ? text : b.toString();
    }

    private static boolean pairedAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    private static boolean isBidiControl(char c) {
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u200E' || c == '\u200F'
                || c == '\u061C';
    }
}
