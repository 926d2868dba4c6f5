package org.pujiang.agent.behaviour;

import java.util.ArrayList;
import java.util.List;
import org.pujiang.agent.text.TextNormaliser;
import org.pujiang.protocol.message.Say;
import org.pujiang.protocol.message.SayWord;

/**
 * Estimated word timings for a line, so that a client can move the mouth and highlight words when its
 * speech synthesis gives no boundary events. A guess at an ordinary speaking rate, not a measurement.
 *
 * <p>Chinese ({@code zh*}, or any text with Han characters): each Han character is a word of {@link #HAN_MS}; a run of other letters or
 * digits is one word. Other languages: whitespace-separated words, {@link #LETTER_MS} per letter or digit
 * and at least {@link #MIN_WORD_MS}, each word's span without its surrounding punctuation. In both, a comma
 * or the like adds {@link #CLAUSE_PAUSE_MS} and a full stop, question mark or line break
 * {@link #SENTENCE_PAUSE_MS}. At most {@link Say#WORDS_MAX} words: a longer text has neighbouring words
 * merged. Stateless.
 */
public final class WordTimings {
    public static final int HAN_MS = 230;
    public static final int LETTER_MS = 90;
    public static final int MIN_WORD_MS = 180;
    public static final int CLAUSE_PAUSE_MS = 200;
    public static final int SENTENCE_PAUSE_MS = 400;

    private WordTimings() {}

    /** The words of {@code text} in order, with when each starts, in ms from the start of speech. */
    public static List<SayWord> estimate(String text, String lang) {
        // a Chinese line tagged otherwise is still read character by character
        List<SayWord> words = Language.isChinese(lang) || hasHan(text) ? chinese(text) : spaced(text);
        return words.size() > Say.WORDS_MAX ? merged(words) : words;
    }

    /** When the last word starts (0 for none): how long a line takes to say, give or take its last word. */
    public static int endMs(List<SayWord> words) {
        return words.isEmpty() ? 0 : words.get(words.size() - 1).atMs();
    }

    private static boolean hasHan(String text) {
        return Language.ZH_CN.equals(Language.detect(text));
    }

    private static List<SayWord> chinese(String text) {
        List<SayWord> out = new ArrayList<>();
        int at = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            int cp = text.codePointAt(i);
            int len = Character.charCount(cp);
            if (TextNormaliser.isHan(cp)) {
                out.add(new SayWord(i, i + len, at));
                at += HAN_MS;
                i += len;
            } else if (isWordChar(cp)) {
                int start = i;
                int letters = 0;
                while (i < n) {
                    int c = text.codePointAt(i);
                    if (TextNormaliser.isHan(c) || !(isWordChar(c) || isJoiner(text, i))) {
                        break;
                    }
                    letters += Character.isLetterOrDigit(c) ? 1 : 0;
                    i += Character.charCount(c);
                }
                out.add(new SayWord(start, i, at));
                at += Math.max(MIN_WORD_MS, letters * LETTER_MS);
            } else {
                at += pause(cp);
                i += len;
            }
        }
        return out;
    }

    private static List<SayWord> spaced(String text) {
        List<SayWord> out = new ArrayList<>();
        int at = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            int cp = text.codePointAt(i);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                at += cp == '\n' ? SENTENCE_PAUSE_MS : 0;
                i += Character.charCount(cp);
                continue;
            }
            int tokenStart = i;
            while (i < n) {
                int c = text.codePointAt(i);
                if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                    break;
                }
                i += Character.charCount(c);
            }
            // the word is the token less its surrounding punctuation; the punctuation after it pauses
            int start = tokenStart;
            while (start < i && !isWordChar(text.codePointAt(start))) {
                start += Character.charCount(text.codePointAt(start));
            }
            int end = i;
            while (end > start && !isWordChar(text.codePointBefore(end))) {
                end -= Character.charCount(text.codePointBefore(end));
            }
            if (end > start) {
                int letters = 0;
                for (int j = start; j < end; j += Character.charCount(text.codePointAt(j))) {
                    letters += Character.isLetterOrDigit(text.codePointAt(j)) ? 1 : 0;
                }
                out.add(new SayWord(start, end, at));
                at += Math.max(MIN_WORD_MS, letters * LETTER_MS);
            }
            int trailing = 0;
            for (int j = end; j < i; j += Character.charCount(text.codePointAt(j))) {
                trailing = Math.max(trailing, pause(text.codePointAt(j)));
            }
            at += trailing;
        }
        return out;
    }

    /** Neighbouring words joined so that there are at most {@link Say#WORDS_MAX}. */
    private static List<SayWord> merged(List<SayWord> words) {
        int n = words.size();
        int group = (n + Say.WORDS_MAX - 1) / Say.WORDS_MAX;
        List<SayWord> out = new ArrayList<>(Say.WORDS_MAX);
        for (int i = 0; i < n; i += group) {
            SayWord first = words.get(i);
            SayWord last = words.get(Math.min(n, i + group) - 1);
            out.add(new SayWord(first.start(), last.end(), first.atMs()));
        }
        return out;
    }

    private static boolean isWordChar(int cp) {
        if (Character.isLetterOrDigit(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
    }

    /** An apostrophe or hyphen between two letters ("don't", "e-mail") keeps the word together. */
    private static boolean isJoiner(String text, int i) {
        char c = text.charAt(i);
        return (c == '\'' || c == '\u2019' || c == '-') && i > 0 && i + 1 < text.length()
                && Character.isLetter(text.charAt(i - 1)) && Character.isLetter(text.charAt(i + 1));
    }

    private static int pause(int cp) {
        return switch (cp) {
            case '.', '!', '?', '\n', '。', '！', '？', '…' -> SENTENCE_PAUSE_MS;
            case ',', ';', ':', '、', '，', '；', '：', '—' -> CLAUSE_PAUSE_MS;
            default -> 0;
        };
    }
}
