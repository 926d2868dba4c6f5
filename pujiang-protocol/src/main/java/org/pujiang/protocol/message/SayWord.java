package org.pujiang.protocol.message;

/**
 * One timed word of a {@link Say}: the UTF-16 code units {@code [start, end)} of its text (what Java's
 * {@code String.length()} and JavaScript's {@code string.length} count, so both sides index alike), spoken
 * {@code atMs} milliseconds after the speech starts. Clients highlight the word and move the mouth by it.
 * Whether the span fits the text, and the order of the words, are checked by {@link Say}.
 */
public record SayWord(int start, int end, int atMs) {
    /** The fewest bytes one word takes on the wire: three one-byte varints. */
    static final int MIN_BYTES = 3;

    public SayWord {
        Check.range(start, 0, Integer.MAX_VALUE, "start");
        if (end <= start) {
            throw new IllegalArgumentException("end must be greater than start " + start + ", got " + end);
        }
        Check.range(atMs, 0, Integer.MAX_VALUE, "atMs");
    }
}
