package org.pujiang.agent.behaviour;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pujiang.agent.text.TextNormaliser;

/**
 * Which language a text is in, as agents need it (Chinese or not), and picking a text by language from
 * a map of translations. Stateless.
 */
public final class Language {
    public static final String ZH_CN = "zh-CN";
    public static final String EN = "en";

    private Language() {}

    /** {@link #ZH_CN} when the text holds a Han character (simplified or traditional), else {@link #EN}. */
    public static String detect(CharSequence text) {
        return TextNormaliser.hasHan(text) ? ZH_CN : EN;
    }

    /** Whether {@code lang} is a Chinese tag ("zh", "zh-CN", "zh-Hans", ...). */
    public static boolean isChinese(String lang) {
        return lang != null && primary(lang).equalsIgnoreCase("zh");
    }

    /**
     * The text for {@code lang} from {@code texts}: exactly that tag, else one of the same language
     * ("zh" for "zh-CN"), else the first of {@code fallbacks} there is, else any (the smallest tag, so
     * that the choice is stable). Null when {@code texts} is empty.
     */
    public static String pick(Map<String, String> texts, String lang, List<String> fallbacks) {
        if (texts.isEmpty()) {
            return null;
        }
        if (lang != null) {
            String exact = texts.get(lang);
            if (exact != null) {
                return exact;
            }
            String primary = primary(lang);
            for (Map.Entry<String, String> e : texts.entrySet()) {
                if (primary(e.getKey()).equalsIgnoreCase(primary)) {
                    return e.getValue();
                }
            }
        }
        for (String f : fallbacks) {
            String t = texts.get(f);
            if (t != null) {
                return t;
            }
        }
        return new TreeMap<>(texts).firstEntry().getValue();
    }

    private static String primary(String tag) {
        int dash = tag.indexOf('-');
        return dash < 0 ? tag : tag.substring(0, dash);
    }
}
