package org.pujiang.agent.text;

import com.hankcs.hanlp.HanLP;
import java.text.Normalizer;
import java.util.Locale;

/**
 * What every question and phrasing goes through before analysis: NFKC (full-width letters and digits to half-width),
 * traditional Chinese characters to simplified (HanLP's phrase-aware converter, so 頭髮 becomes 头发), lower case.
 * Pure; any thread.
 */
public final class TextNormaliser {
    private TextNormaliser() {}

    public static String normalise(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC);
        if (hasHan(s)) {
            s = HanLP.convertToSimplifiedChinese(s);
        }
        return s.toLowerCase(Locale.ROOT).strip();
    }

    /** Whether the text has a Han character, simplified or traditional (then it is treated as Chinese). */
    public static boolean hasHan(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            // below U+2E80 there is no Han: skip the script lookup for ASCII and Latin text
            if (s.charAt(i) >= '\u2E80' && isHan(Character.codePointAt(s, i))) {
                return true;
            }
        }
        return false;
    }

    public static boolean isHan(int codePoint) {
        return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
    }
}
