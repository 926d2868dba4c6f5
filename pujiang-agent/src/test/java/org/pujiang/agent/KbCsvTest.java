package org.pujiang.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pujiang.agent.kb.KbCsv;
import org.pujiang.agent.kb.KbEntry;
import org.pujiang.agent.kb.KbFormatException;
import org.pujiang.agent.kb.KbJson;
import org.pujiang.agent.kb.KnowledgeBase;

/** CSV import and export: the columns spreadsheets write, errors by line, and round trips with the JSON form. */
class KbCsvTest {
    @Test
    void aSpreadsheetExportImports() throws Exception {
        // As Excel saves "CSV UTF-8": a byte-order mark, CRLF, quotes around cells with commas and line breaks.
        String csv = "\uFEFFID,Questions,Answer_ZH,Answer_EN,Tags,Gesture,Link\r\n"
                + "hours,大厅几点开门？|When does the hall open?,每天 9:00 开门。,\"Opens at 9:00, every day.\",hours|hall,"
                + "greet,\r\n"
                + "\r\n"
                + "id-card,\"身份证丢了怎么办？\r\n|I lost my ID card\",先挂失。,,id,explain,https://example.org/id\r\n";
        KnowledgeBase kb = KbCsv.parse(csv);
        assertThat(kb.entries()).containsExactly(
                new KbEntry("hours", List.of("大厅几点开门？", "When does the hall open?"),
                        Map.of("zh-CN", "每天 9:00 开门。", "en", "Opens at 9:00, every day."), List.of("hours", "hall"),
                        "greet", null),
                new KbEntry("id-card", List.of("身份证丢了怎么办？", "I lost my ID card"), Map.of("zh-CN", "先挂失。"),
                        List.of("id"), "explain", "https://example.org/id"));
    }

    @Test
    void oneAnswerColumnIsChineseAndOptionalColumnsMayBeLeftOut() throws Exception {
        KnowledgeBase kb = KbCsv.parse("questions,answer,id\n问一|问二,答,q1\n");
        assertThat(kb.entries()).containsExactly(
                new KbEntry("q1", List.of("问一", "问二"), Map.of("zh-CN", "答"), List.of(), null, null));
    }

    @Test
    void malformedFilesSayWhichLineAndWhy() {
        assertThatThrownBy(() -> KbCsv.parse("")).isInstanceOf(KbFormatException.class)
                .hasMessageStartingWith("line 1: the file is empty");
        assertThatThrownBy(() -> KbCsv.parse("id,questions,answer,colour\n")).hasMessageStartingWith(
                "line 1: unknown column 'colour'");
        assertThatThrownBy(() -> KbCsv.parse("id,answer\na,b\n")).hasMessageStartingWith(
                "line 1: the column 'questions' is missing");
        assertThatThrownBy(() -> KbCsv.parse("id,questions\na,b\n")).hasMessageStartingWith("line 1: no answer column");
        assertThatThrownBy(() -> KbCsv.parse("id,questions,answer,answer_zh\n")).hasMessageStartingWith(
                "line 1: the column 'answer_zh' appears twice");
        // line 4: the quoted cell on line 2 spans two lines, and line 4 repeats the id of line 2
        assertThatThrownBy(() -> KbCsv.parse("id,questions,answer\na,\"q\nq2\",x\na,p,y\n"))
                .hasMessage("line 4: the id 'a' is used twice (first on line 2)");
        assertThatThrownBy(() -> KbCsv.parse("id,questions,answer\na,q,x\nb c,q,x\n"))
                .hasMessage("line 3: 'b c' is not an id (letters, digits, . - _; 1 to 64)");
        assertThatThrownBy(() -> KbCsv.parse("id,questions,answer\na,|,x\n"))
                .hasMessageStartingWith("line 2, questions: 1 to 50 phrasings");
        assertThatThrownBy(() -> KbCsv.parse("id,questions,answer_zh,answer_en\na,q,,\n"))
                .hasMessage("line 2: the answer is empty");
        assertThatThrownBy(() -> KbCsv.parse("id,questions,answer\na,q,\"unclosed\n")).hasMessageStartingWith("line ")
                .hasMessageContaining("not valid CSV");
        assertThatThrownBy(() -> KbCsv.parse("id,questions,answer\na,q," + "长".repeat(KbJson.MAX_TEXT + 1) + "\n"))
                .hasMessageStartingWith("line 2, answer (zh-CN): at most 4000 characters");
    }

    @Test
    void entriesRoundTripThroughCsvAndJson() throws Exception {
        KnowledgeBase kb = new KnowledgeBase(List.of(
                new KbEntry("a.1", List.of("有 | 竖线吗？", "a \\ backslash\\", "and \"quotes\", commas"),
                        Map.of("zh-CN", "第一行\n第二行", "en", "Line one,\r\nline two"), List.of("t|1", "t2"), "nod",
                        "https://example.org/?a=1&b=2"),
                new KbEntry("b_2", List.of("English only?"), Map.of("en", "Yes."), List.of(), null, null),
                new KbEntry("c-3", List.of("粤语？"), Map.of("zh-HK", "係。"), List.of(), null, null)),
                List.of(), Map.of(), List.of());
        String csv = KbCsv.write(kb);
        assertThat(csv.lines().findFirst().orElseThrow()).isEqualTo("id,questions,answer_zh,answer_en,answer_zh-HK,"
                + "tags,gesture,link");
        assertThat(KbCsv.parse(csv)).isEqualTo(kb);
        assertThat(KbJson.parse(KbJson.write(kb))).isEqualTo(kb);
        assertThat(KbCsv.parse(KbCsv.write(KbJson.parse(KbJson.write(kb))))).isEqualTo(kb);
        assertThat(KbCsv.write(new KnowledgeBase(List.of(new KbEntry("x", List.of("问"), Map.of("zh-CN", "答"),
                List.of(), null, null)), List.of(), Map.of(), List.of())))
                .isEqualTo("id,questions,answer,tags,gesture,link\r\nx,问,答,,,\r\n");
    }

    @Test
    void theDemoKnowledgeBasesRoundTrip() throws Exception {
        for (String name : List.of("service-hall-kb.json", "exhibition-guide-kb.json")) {
            KnowledgeBase kb = KbJson.parse(demo(name));
            String canonical = KbJson.write(kb);
            assertThat(KbJson.parse(canonical)).as(name).isEqualTo(kb);
            assertThat(KbJson.write(KbJson.parse(canonical))).as(name + " is canonical").isEqualTo(canonical);
            assertThat(kb.welcome()).isNotEmpty();
            assertThat(kb.hotQuestions()).isNotEmpty();
            KnowledgeBase entriesOnly = new KnowledgeBase(kb.entries(), List.of(), Map.of(), List.of());
            assertThat(KbCsv.parse(KbCsv.write(kb))).as(name + " via CSV").isEqualTo(entriesOnly);
        }
    }

    @Test
    void malformedJsonExtrasAreRefusedWithTheirPointer() {
        String entry = "{\"id\":\"a\",\"questions\":[\"q\"],\"answer\":\"x\"}";
        assertThatThrownBy(() -> KbJson.parse("{\"entries\":[" + entry + "],\"synonyms\":{\"a\":1}}"))
                .hasMessageStartingWith("/synonyms: must be an array");
        assertThatThrownBy(() -> KbJson.parse("{\"entries\":[" + entry + "],\"synonyms\":[[]]}"))
                .hasMessageStartingWith("/synonyms/0: a group needs at least one word");
        assertThatThrownBy(() -> KbJson.parse("{\"entries\":[" + entry + "],\"welcome\":{\"en\":3}}"))
                .hasMessageStartingWith("/welcome/en: must be a string");
        assertThatThrownBy(() -> KbJson.parse("{\"entries\":[" + entry + "],\"welcome\":\"hi\"}"))
                .hasMessageStartingWith("/welcome: must be an object");
    }

    /** The demo knowledge bases ship in pujiang-server; read from the source tree, like RetrievalEvaluationTest. */
    private static String demo(String name) throws IOException {
        return Files.readString(Path.of("..", "pujiang-server", "src", "main", "resources", "demo", "agents", name),
                StandardCharsets.UTF_8);
    }
}
