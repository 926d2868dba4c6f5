package org.pujiang.agent.text;

import java.util.List;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.en.EnglishAnalyzer;

/**
 * Words that make a sentence a question but say nothing of what it asks ("how do I", "请问怎么"): dropped before
 * matching, so that two questions do not look alike for sharing them, and so they do not count towards confidence.
 */
public final class QuestionWords {
    private QuestionWords() {}

    /** English, after lower-casing and before stemming; adds to Lucene's English stop words. */
    public static final CharArraySet ENGLISH = english();

    /** Chinese characters and character pairs (the bigram field's tokens) that carry no topic. */
    public static final CharArraySet CHINESE = new CharArraySet(List.of(
            // single characters
            "我", "你", "您", "他", "她", "们", "的", "了", "吗", "呢", "吧", "啊", "呀", "么", "怎", "啥", "是", "在",
            "有", "个", "这", "那", "哪", "就", "都", "也", "还", "要", "想", "能", "会", "可", "请", "问", "和", "与",
            "跟", "给", "把", "被", "让", "得", "地", "着", "过", "嗯", "哦", "么", "什", "该", "一", "下", "些", "去",
            "来", "到", "用", "做", "办", "弄", "搞", "不", "没", "很", "太", "多", "吧", "嘛", "呗",
            // pairs
            "我的", "我们", "你们", "您好", "你好", "请问", "问一", "一下", "怎么", "怎样", "如何", "什么", "哪里", "哪儿",
            "可以", "能不", "不能", "是不", "不是", "需要", "要不", "想要", "我想", "我要", "我该", "应该", "的话", "一个",
            "这个", "那个", "有没", "没有", "吗？", "么办", "么弄", "么样", "么时", "时候", "什么时", "在哪", "哪个",
            "去哪", "到哪", "了怎", "了吗", "的吗", "办呢", "能在", "我能", "我可", "以在", "可不", "不可"),
            false);

    private static CharArraySet english() {
        CharArraySet s = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, false);
        s.addAll(List.of("i", "me", "my", "mine", "we", "our", "you", "your", "he", "she", "him", "her", "his",
                "what", "whats", "what's", "which", "who", "whom", "where", "wheres", "where's", "when", "why", "how",
                "hows", "do", "does", "did", "doing", "done", "can", "could", "would", "should", "shall", "may",
                "might", "must", "am", "been", "being", "have", "has", "had", "having", "get", "got", "getting",
                "need", "needs", "want", "wants", "like", "please", "tell", "know", "here", "im", "i'm", "ive", "i've",
                "its", "it's", "dont", "don't", "cant", "can't", "there's", "some", "any", "about", "so",
                "just", "from", "up", "out", "one", "still", "also", "very", "too", "what", "hi", "hello", "hey"));
        return CharArraySet.unmodifiableSet(s);
    }
}
