package org.pujiang.agent.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pujiang.protocol.message.Say;
import org.pujiang.protocol.message.SayWord;

class WordTimingsTest {
    private static List<String> spans(String text, List<SayWord> words) {
        return words.stream().map(w -> text.substring(w.start(), w.end())).toList();
    }

    @Test
    void chineseIsOneWordPerHanCharacterWithPausesAtPunctuation() {
        String text = "你好，世界。";
        List<SayWord> w = WordTimings.estimate(text, "zh-CN");
        assertThat(spans(text, w)).containsExactly("你", "好", "世", "界");
        // 你 0, 好 230, then the comma's 200 ms: 世 at 660, 界 at 890
        assertThat(w).extracting(SayWord::atMs).containsExactly(0, 230, 660, 890);
        assertThat(WordTimings.endMs(w)).isEqualTo(890);
    }

    @Test
    void latinRunsInChineseAreWordsOfTheirOwn() {
        String text = "请打开App查看12345号";
        List<SayWord> w = WordTimings.estimate(text, "zh-CN");
        assertThat(spans(text, w)).containsExactly("请", "打", "开", "App", "查", "看", "12345", "号");
        // App: 3 letters × 90 = 270 ms; 12345: 5 × 90 = 450 ms
        assertThat(w.get(4).atMs() - w.get(3).atMs()).isEqualTo(270);
        assertThat(w.get(7).atMs() - w.get(6).atMs()).isEqualTo(450);
    }

    @Test
    void englishIsWhitespaceWordsWithoutTheirPunctuation() {
        String text = "Hi, I'm the guide. Ask \"anything\"!";
        List<SayWord> w = WordTimings.estimate(text, "en");
        assertThat(spans(text, w)).containsExactly("Hi", "I'm", "the", "guide", "Ask", "anything");
        // Hi: 2 letters -> 180 ms minimum, then a comma's 200; I'm: 2 letters -> 180; the: 3 -> 270;
        // guide: 5 -> 450, then a full stop's 400
        assertThat(w).extracting(SayWord::atMs).containsExactly(0, 380, 560, 830, 1680, 1950);
    }

    @Test
    void aChineseLineTaggedEnglishIsStillReadByCharacter() {
        assertThat(WordTimings.estimate("办证大厅", "en")).hasSize(4);
        assertThat(WordTimings.estimate("", "en")).isEmpty();
        assertThat(WordTimings.estimate("。。。", "zh-CN")).isEmpty();
        assertThat(WordTimings.endMs(List.of())).isZero();
    }

    @Test
    void theTimingsAlwaysMakeAValidSayEvenForTheLongestText() {
        String zh = "政务服务大厅欢迎您，".repeat(546); // 5460 characters, 16380 bytes: more words than a Say holds
        List<SayWord> w = WordTimings.estimate(zh, "zh-CN");
        assertThat(w).hasSizeLessThanOrEqualTo(Say.WORDS_MAX);
        assertThat(w.getFirst().start()).isZero();
        assertThat(w.getLast().end()).isEqualTo(zh.length() - 1);
        Say say = new Say(0, "", org.pujiang.protocol.message.ChatScope.NEARBY, zh, "zh-CN", "", "", w, "", "",
                false, 0);
        assertThat(say.words()).isEqualTo(w);
        String en = "word ".repeat(3000);
        assertThat(WordTimings.estimate(en, "en")).hasSize(1500);
        String emoji = "😀 ok 😀";
        assertThat(spans(emoji, WordTimings.estimate(emoji, "en"))).containsExactly("ok");
    }

    @Test
    void languageDetectionAndPicking() {
        assertThat(Language.detect("where is the exit")).isEqualTo("en");
        assertThat(Language.detect("出口在哪")).isEqualTo("zh-CN");
        assertThat(Language.detect("身分證遺失")).isEqualTo("zh-CN"); // traditional too
        assertThat(Language.detect("ID card 办理")).isEqualTo("zh-CN");
        assertThat(Language.detect("𠀀")).isEqualTo("zh-CN"); // outside the BMP
        assertThat(Language.isChinese("zh")).isTrue();
        assertThat(Language.isChinese("zh-TW")).isTrue();
        assertThat(Language.isChinese("en")).isFalse();
        assertThat(Language.isChinese(null)).isFalse();
        Map<String, String> texts = Map.of("zh-CN", "你好", "en", "Hello");
        assertThat(Language.pick(texts, "en", List.of("zh-CN"))).isEqualTo("Hello");
        assertThat(Language.pick(texts, "zh", List.of("en"))).isEqualTo("你好");
        assertThat(Language.pick(texts, "fr", List.of("en"))).isEqualTo("Hello");
        assertThat(Language.pick(Map.of("zh-CN", "你好"), "en", List.of("en"))).isEqualTo("你好");
        assertThat(Language.pick(Map.of(), "en", List.of("en"))).isNull();
    }
}
