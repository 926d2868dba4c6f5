package org.pujiang.server.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pujiang.server.agent.llm.ChatCompletions;
import org.pujiang.server.agent.llm.GroundedPhraser;
import org.pujiang.server.agent.llm.GroundedPhraser.Candidate;
import org.pujiang.server.agent.llm.GroundedPhraser.Phrased;
import org.pujiang.server.testing.FakeChatModel;
import org.pujiang.server.testing.FakeChatModel.Behaviour;

/** The language-model path over real HTTP against a stand-in endpoint: grounding, the visitor's place, fallbacks. */
class GroundedPhraserTest {
    private static final List<Candidate> CANDIDATES = List.of(
            new Candidate("svc-hours", "大厅几点开门？", "自助服务区24小时开放。"),
            new Candidate("svc-weekend", "周末开门吗？", "周末人工窗口不开放。"));

    private FakeChatModel model;
    private GroundedPhraser phraser;

    @BeforeEach
    void start() throws Exception {
        model = new FakeChatModel();
        phraser = new GroundedPhraser(new ChatCompletions(
                new ChatCompletions.Endpoint(model.base(), "test-model", "sk-test", Duration.ofMillis(800))));
    }

    @AfterEach
    void stop() {
        model.close();
    }

    private Optional<Phrased> ask(String question) {
        return phraser.phrase("浦小政", question, "zh-CN", CANDIDATES).join();
    }

    @Test
    void aGroundedAnswerNamesAnOfferedEntryAndTheVisitorIsOnlyTheUser() {
        Optional<Phrased> p = ask("几点开门");
        assertThat(p).isPresent();
        assertThat(p.get().entryId()).isEqualTo("svc-hours");
        assertThat(p.get().text()).startsWith(FakeChatModel.MARK).contains("24小时");
        var request = model.requests().get(0);
        assertThat(request.path("model").asText()).isEqualTo("test-model");
        assertThat(request.path("messages").size()).isEqualTo(3);
        assertThat(request.path("messages").path(0).path("role").asText()).isEqualTo("system");
        assertThat(request.path("messages").path(1).path("content").asText()).contains("svc-hours", "svc-weekend");
        assertThat(request.path("messages").path(2).path("role").asText()).isEqualTo("user");
        assertThat(request.path("messages").path(2).path("content").asText()).isEqualTo("几点开门");
        // the visitor's words appear nowhere among the instructions
        assertThat(request.path("messages").path(0).path("content").asText()).doesNotContain("几点开门");
    }

    @Test
    void aSlowModelFallsBackWithinTheTimeout() {
        model.behave(Behaviour.SLOW);
        model.slowMs(3000);
        long t0 = System.nanoTime();
        assertThat(ask("几点开门")).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void anAnswerThatIsNotGroundedIsNotUsed() {
        for (Behaviour b : List.of(Behaviour.UNKNOWN_ENTRY, Behaviour.NOT_JSON, Behaviour.ERROR,
                Behaviour.LEAKS_INSTRUCTIONS, Behaviour.NO_ENTRY)) {
            model.behave(b);
            assertThat(ask("几点开门")).as(b.name()).isEmpty();
        }
    }

    @Test
    void anUnreachableEndpointFallsBack() {
        GroundedPhraser nowhere = new GroundedPhraser(new ChatCompletions(new ChatCompletions.Endpoint(
                java.net.URI.create("http://127.0.0.1:1/v1"), "m", "", Duration.ofMillis(500))));
        assertThat(nowhere.phrase("a", "q", "en", CANDIDATES).join()).isEmpty();
    }
}
