package org.pujiang.protocol.message;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import org.pujiang.protocol.codec.Codec;
import org.pujiang.protocol.codec.FrameReader;

/**
 * 0x91: a line spoken by a digital human (an agent), delivered to this client like a {@link ChatEvent} but
 * with cues for showing it: the language to speak it in, a gesture and a facial expression ({@code ""} for
 * none; today {@code greet point explain nod bow shrug think} and {@code neutral smile attentive concerned},
 * and clients ignore names they do not know), optional word timings, the knowledge-base entry the answer
 * came from and a link ({@code ""} for none), and whether staff were asked to take over ({@code handoff}).
 *
 * <p>{@code fromEntity} is the agent's id for this client, or 0 when it is not in view. {@code words} are in
 * speaking order: starts and {@code atMs} never decrease, and every span lies inside {@code text}.
 * On the wire the booleans are a u8 of flags, bit 0 {@code handoff}; the other bits must be 0 in v1.
 */
public record Say(int fromEntity, String fromName, ChatScope scope, String text, String lang, String gesture,
        String expression, List<SayWord> words, String entryId, String link, boolean handoff, long serverTimeMs)
        implements ServerMessage {
    public static final int TYPE = 0x91;
    /** Longer than {@link Chat#TEXT_MAX_BYTES}: a tour stop's narration is a paragraph, not a chat line. */
    public static final int TEXT_MAX_BYTES = 16 * 1024;
    /** A BCP 47 tag such as {@code zh-CN} or {@code en}; {@code ""} when unknown. */
    public static final int LANG_MAX_BYTES = 16;
    public static final int GESTURE_MAX_BYTES = 32;
    public static final int EXPRESSION_MAX_BYTES = 32;
    public static final int WORDS_MAX = 2048;
    public static final int ENTRY_ID_MAX_BYTES = 64;
    public static final int LINK_MAX_BYTES = 512;
    /** Flags bit 0. */
    public static final int FLAG_HANDOFF = 1;

    public Say {
        Check.entityOrNone(fromEntity, "fromEntity");
        Check.text(fromName, PresenceEntry.DISPLAY_NAME_MAX_BYTES, "fromName");
        Objects.requireNonNull(scope, "scope");
        Check.nonEmptyText(text, TEXT_MAX_BYTES, "text");
        Check.text(lang, LANG_MAX_BYTES, "lang");
        Check.text(gesture, GESTURE_MAX_BYTES, "gesture");
        Check.text(expression, EXPRESSION_MAX_BYTES, "expression");
        words = Check.list(words, WORDS_MAX, "words");
        String wrong = wordsRule(words, text.length());
        if (wrong != null) {
            throw new IllegalArgumentException(wrong);
        }
        Check.text(entryId, ENTRY_ID_MAX_BYTES, "entryId");
        Check.text(link, LINK_MAX_BYTES, "link");
        Check.time(serverTimeMs, "serverTimeMs");
    }

    /** This line as sent by {@code fromEntity}/{@code fromName} in {@code scope} at {@code serverTimeMs}. */
    public Say withFrom(int fromEntity, String fromName, ChatScope scope, long serverTimeMs) {
        return new Say(fromEntity, fromName, scope, text, lang, gesture, expression, words, entryId, link, handoff,
                serverTimeMs);
    }

    /** The speaker's entity id, or empty when the speaker is not in view. */
    public OptionalInt sender() {
        return fromEntity == 0 ? OptionalInt.empty() : OptionalInt.of(fromEntity);
    }

    /** Why {@code words} do not fit a text of {@code length} UTF-16 units in order, or null when they do. */
    private static String wordsRule(List<SayWord> words, int length) {
        int lastStart = 0;
        int lastAt = 0;
        for (int i = 0; i < words.size(); i++) {
            SayWord w = Objects.requireNonNull(words.get(i), "words");
            String bad = wordRule(i, w.start(), w.end(), w.atMs(), length, lastStart, lastAt);
            if (bad != null) {
                return bad;
            }
            lastStart = w.start();
            lastAt = w.atMs();
        }
        return null;
    }

    private static String wordRule(int i, int start, int end, int atMs, int length, int lastStart, int lastAt) {
        if (end > length) {
            return "words[" + i + "] ends at " + end + ", past the text's " + length + " UTF-16 units";
        }
        if (start < lastStart) {
            return "words[" + i + "] starts at " + start + ", before the previous word's start " + lastStart;
        }
        if (atMs < lastAt) {
            return "words[" + i + "] is at " + atMs + " ms, before the previous word's " + lastAt + " ms";
        }
        return null;
    }

    public static final Codec<Say> CODEC = Codec.of(
            (w, m) -> {
                w.varInt(m.fromEntity).string(m.fromName).u8(m.scope.wire()).string(m.text).string(m.lang)
                        .string(m.gesture).string(m.expression).varInt(m.words.size());
                for (SayWord word : m.words) {
                    w.varInt(word.start()).varInt(word.end()).varInt(word.atMs());
                }
                w.string(m.entryId).string(m.link).u8(m.handoff ? FLAG_HANDOFF : 0).varLong(m.serverTimeMs);
            },
            r -> {
                int from = r.varInt(0, Integer.MAX_VALUE, "Say.fromEntity");
                String name = r.string(PresenceEntry.DISPLAY_NAME_MAX_BYTES, "Say.fromName");
                ChatScope scope = ChatScope.byWire(r.enumU8(ChatScope.count(), "Say.scope"));
                String text = Check.nonEmptyString(r, TEXT_MAX_BYTES, "Say.text");
                String lang = r.string(LANG_MAX_BYTES, "Say.lang");
                String gesture = r.string(GESTURE_MAX_BYTES, "Say.gesture");
                String expression = r.string(EXPRESSION_MAX_BYTES, "Say.expression");
                List<SayWord> words = readWords(r, text.length());
                String entryId = r.string(ENTRY_ID_MAX_BYTES, "Say.entryId");
                String link = r.string(LINK_MAX_BYTES, "Say.link");
                int at = r.offset();
                int flags = r.u8("Say.flags");
                if (r.ok() && (flags & ~FLAG_HANDOFF) != 0) {
                    r.fail("Say.flags: reserved bits set in " + flags + " at offset " + at);
                }
                long time = r.varLong(0, Check.MAX_SAFE_INTEGER, "Say.serverTimeMs");
                return r.ok() ? new Say(from, name, scope, text, lang, gesture, expression, words, entryId, link,
                        (flags & FLAG_HANDOFF) != 0, time) : null;
            });

    /** The words after the text of {@code length} UTF-16 units, checked as the constructor checks them. */
    private static List<SayWord> readWords(FrameReader r, int length) {
        int n = r.count(WORDS_MAX, SayWord.MIN_BYTES, "Say.words");
        if (!r.ok()) {
            return List.of();
        }
        SayWord[] out = new SayWord[n];
        int lastStart = 0;
        int lastAt = 0;
        for (int i = 0; i < n; i++) {
            int at = r.offset();
            int start = r.varInt(0, Integer.MAX_VALUE, "Say.words.start");
            int end = r.varInt(0, Integer.MAX_VALUE, "Say.words.end");
            int atMs = r.varInt(0, Integer.MAX_VALUE, "Say.words.atMs");
            if (!r.ok()) {
                return List.of();
            }
            String bad = end <= start
                    ? "words[" + i + "] ends at " + end + ", not after its start " + start
                    : wordRule(i, start, end, atMs, length, lastStart, lastAt);
            if (bad != null) {
                r.fail("Say." + bad + " (offset " + at + ")");
                return List.of();
            }
            out[i] = new SayWord(start, end, atMs);
            lastStart = start;
            lastAt = atMs;
        }
        return List.of(out);
    }
}
