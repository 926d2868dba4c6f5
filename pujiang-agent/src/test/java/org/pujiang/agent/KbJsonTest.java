package org.pujiang.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.pujiang.agent.kb.KbFormatException;
import org.pujiang.agent.kb.KbJson;
import org.pujiang.agent.kb.KnowledgeBase;
import org.pujiang.agent.retrieval.Retriever;

/** Importing knowledge bases: the REST shape, the demo shape, and malformed files refused with where and why. */
class KbJsonTest {
    @Test
    void aBareArrayOfEntriesImportsAndAnswers() throws Exception {
        KnowledgeBase kb = KbJson.parse("""
                [{"id":"hours","questions":["大厅几点开门？","When does the hall open?"],"answer":"每天 9:00 开门。"},
                 {"id":"id-card","questions":["身份证丢了怎么办？","I lost my ID card"],"answer":{"zh-CN":"先挂失。","en":"Report it lost first."},
                  "tags":["id"],"gesture":"explain"}]""");
        assertThat(kb.entries()).hasSize(2);
        Retriever r = new Retriever(kb);
        assertThat(r.ask("身份证不见了").entry().id()).isEqualTo("id-card");
        assertThat(r.ask("what time does the hall open").entry().id()).isEqualTo("hours");
        assertThat(r.ask("what time does the hall open").entry().answer("en")).isEqualTo("每天 9:00 开门。");
    }

    @Test
    void malformedFilesSayWhereAndWhy() {
        assertThatThrownBy(() -> KbJson.parse("[{\"id\":\"a\",\"questions\":[\"q\"],\"answer\":\"x\"},"
                + "{\"id\":\"a\",\"questions\":[\"p\"],\"answer\":\"y\"}]"))
                .isInstanceOf(KbFormatException.class).hasMessage("/1/id: the id 'a' is used twice");
        assertThatThrownBy(() -> KbJson.parse("[{\"id\":\"a\",\"questions\":[],\"answer\":\"x\"}]"))
                .hasMessageContaining("/0/questions");
        assertThatThrownBy(() -> KbJson.parse("[{\"id\":\"a\",\"questions\":[\"q\"],\"answer\":7}]"))
                .hasMessageContaining("/0/answer");
        assertThatThrownBy(() -> KbJson.parse("{\"entries\":{}}")).hasMessageContaining("array of entries");
        assertThatThrownBy(() -> KbJson.parse("[{")).hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> KbJson.parse("{\"entries\":[],\"hotQuestions\":[\"nope\"]}"))
                .hasMessageContaining("no entry 'nope'");
    }
}
