package org.pujiang.server.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pujiang.server.testing.BrowserPages.awaitTrue;
import static org.pujiang.server.testing.BrowserPages.enterAsGuest;
import static org.pujiang.server.testing.BrowserPages.js;
import static org.pujiang.server.testing.BrowserPages.screenshot;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.pujiang.server.PujiangServer;
import org.pujiang.server.testing.ApiClient;
import org.pujiang.server.testing.ApiClient.Res;
import org.pujiang.server.testing.BrowserPages;
import org.pujiang.server.testing.Browsers;
import org.pujiang.server.testing.TestDatabase;
import org.pujiang.server.testing.TestServers;

/**
 * The demo's 24-hour service hall in a real browser (headless Chromium): a guest sees the service-window agent and
 * its "Ask" panel with the welcome line and one button per hot question; a button gets an answer in a speech bubble
 * and in the chat log, citing the button's entry; an off-topic question typed in chat to the agent shows that staff
 * were told; the speech mute toggle is remembered across a reload. Sound itself is not asserted (headless Chromium
 * may have no voice): what the page handed to speechSynthesis is. Screenshots go to {@code target/browser-artifacts}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentHallIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** A little over the agent's one question per visitor per 2 s. */
    private static final int PACE_MS = 2_300;
    private static final String AGENT = "浦小政 Pu Xiaozheng";

    @TempDir
    static Path temp;

    private TestDatabase db;
    private PujiangServer server;
    private ApiClient api;
    private String hall;
    private JsonObject card;
    private BrowserPages browsers;

    @BeforeAll
    void start() throws Exception {
        Browsers.chromium(); // before starting anything: skips (or, under CI, fails) without Chromium
        db = TestDatabase.create(TestDatabase.Kind.H2, temp);
        server = TestServers.start(db, temp.resolve("data"), Map.of());
        api = new ApiClient(server.baseUrl());
        String guest = api.guest();
        hall = api.get("/api/spaces?size=100", guest).items().stream().map(JsonObject.class::cast)
                .filter(s -> "service-hall".equals(s.getString("template"))).findFirst()
                .orElseThrow(() -> new AssertionError("no demo service hall")).getString("id");
        Res agents = api.get("/api/spaces/" + hall + "/agents", guest);
        assertThat(agents.status()).as(agents.toString()).isEqualTo(200);
        assertThat(agents.items()).hasSize(1);
        card = agents.items().getJsonObject(0);
        assertThat(card.getString("name")).isEqualTo(AGENT);
        assertThat(card.getJsonArray("hotQuestions")).isNotEmpty();
        browsers = new BrowserPages();
    }

    @AfterEach
    void closeContexts() {
        if (browsers != null) {
            browsers.closeVisitors();
        }
    }

    @AfterAll
    void stop() {
        if (browsers != null) {
            browsers.close();
        }
        if (server != null) {
            server.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void aGuestAsksTheServiceWindowAgentIsHandedToStaffAndMutesItsVoice() throws Exception {
        Page page = visitor();
        enterAsGuest(page, "/s/" + hall, "Visitor");
        awaitTrue(page, "() => window.pujiangTest && window.pujiangTest.state().connection === 'online'");

        // The agent is in the hall, as an agent.
        awaitTrue(page, "() => window.pujiangTest.agents().some(a => a.name === " + js(AGENT) + ")");
        awaitTrue(page, "() => window.pujiangTest.spaceAgents().length === 1");

        // The "Ask" panel: the welcome line and one button per hot question, in the UI's language (English).
        Locator panel = page.getByTestId("agent-ask-panel");
        panel.waitFor();
        assertThat(panel.isVisible()).isTrue();
        String welcome = card.getJsonObject("welcome").getString("en");
        assertThat(panel.getByTestId("agent-welcome").textContent()).isEqualTo(welcome);
        JsonArray hot = card.getJsonArray("hotQuestions");
        Locator buttons = panel.getByTestId("agent-quick-question");
        assertThat(buttons.count()).isEqualTo(hot.size());
        List<String> ids = new ArrayList<>();
        List<String> questions = new ArrayList<>();
        for (int i = 0; i < hot.size(); i++) {
            ids.add(hot.getJsonObject(i).getString("entryId"));
            questions.add(hot.getJsonObject(i).getJsonObject("question").getString("en"));
        }
        assertThat(buttons.evaluateAll("els => els.map(e => e.dataset.entryId)")).isEqualTo(ids);
        assertThat(buttons.allTextContents()).isEqualTo(questions);

        // A hot question: the answer cites the button's entry, in a bubble and in the chat log.
        String entry = ids.get(0);
        panel.locator("[data-testid=agent-quick-question][data-entry-id=" + entry + "]").click();
        long asked = System.currentTimeMillis();
        Locator bubble = page.locator("[data-testid=agent-bubble][data-entry-id=" + entry + "]");
        bubble.waitFor();
        assertThat(bubble.getAttribute("data-agent-name")).isEqualTo(AGENT);
        assertThat(bubble.getAttribute("data-handoff")).isEqualTo("false");
        assertThat(bubble.getByTestId("agent-bubble-text").textContent()).isNotBlank();
        assertThat(bubble.getByTestId("agent-bubble-citation").getAttribute("data-entry-id")).isEqualTo(entry);
        page.locator("[data-testid=chat-agent-line][data-entry-id=" + entry + "]").first().waitFor();
        JsonObject said = line(page, entry);
        assertThat(said.getString("text")).isNotBlank();
        assertThat(said.getString("lang")).isEqualTo("en");
        assertThat(said.getString("scope")).as("asked directly: the agent is in view").isEqualTo("direct");
        assertThat(said.getInteger("words")).isPositive();
        screenshot(page, "agent-hall-answer.png");
        JsonObject voice = voice(page);
        if (voice.getBoolean("supported")) {
            assertThat(voice.getInteger("utterances")).as("lines handed to speechSynthesis").isPositive();
        }

        // An off-topic question typed in chat, naming the agent: the visitor is told that staff were asked.
        pace(page, asked);
        Locator input = page.locator("#space-chat .chat-input");
        input.fill("@" + AGENT + " 推荐几只能涨的股票");
        input.press("Enter");
        asked = System.currentTimeMillis();
        Locator handoff = page.locator("[data-testid=agent-bubble][data-handoff=true]");
        handoff.waitFor();
        assertThat(handoff.getByTestId("agent-bubble-handoff").isVisible()).isTrue();
        assertThat(handoff.getByTestId("agent-bubble-text").textContent()).contains("工作人员");
        Locator handoffLine = page.locator("[data-testid=chat-agent-line][data-handoff=true]").first();
        handoffLine.waitFor();
        assertThat(handoffLine.getByTestId("chat-agent-handoff").isVisible()).isTrue();
        screenshot(page, "agent-hall-handoff.png");

        // Mute: the toggle says so, the choice is stored, and the next answer is shown but not spoken.
        Locator mute = page.getByTestId("agent-speech-mute");
        mute.waitFor();
        assertThat(mute.getAttribute("aria-pressed")).isEqualTo("false");
        mute.click();
        assertThat(mute.getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(page.evaluate("() => localStorage.getItem('pujiang.agentSpeech.muted')")).isEqualTo("1");
        assertThat(voice(page).getBoolean("muted")).isTrue();
        int spoken = voice(page).getInteger("utterances");
        pace(page, asked);
        String second = ids.get(1);
        panel.locator("[data-testid=agent-quick-question][data-entry-id=" + second + "]").click();
        page.locator("[data-testid=agent-bubble][data-entry-id=" + second + "]").waitFor();
        assertThat(voice(page).getInteger("utterances")).as("nothing spoken while muted").isEqualTo(spoken);

        // Remembered across a reload (the session is too).
        page.reload();
        awaitTrue(page, "() => window.pujiangTest && window.pujiangTest.state().connection === 'online'");
        Locator muteAgain = page.getByTestId("agent-speech-mute");
        muteAgain.waitFor();
        assertThat(muteAgain.getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(voice(page).getBoolean("muted")).isTrue();
        muteAgain.click();
        assertThat(muteAgain.getAttribute("aria-pressed")).isEqualTo("false");
        assertThat(page.evaluate("() => localStorage.getItem('pujiang.agentSpeech.muted')")).isEqualTo("0");
    }

    // ---- helpers -------------------------------------------------------------------------------

    private Page visitor() {
        return browsers.visitor(server.baseUrl(), "en-US");
    }

    /** Waits until the agent will take another question from this visitor. */
    private static void pace(Page page, long askedAtMs) {
        long left = PACE_MS - (System.currentTimeMillis() - askedAtMs);
        if (left > 0) {
            page.waitForTimeout(left);
        }
    }

    /** The line the page shows (or last showed) citing {@code entryId}, as window.pujiangTest.agentSpeech() has it. */
    private static JsonObject line(Page page, String entryId) {
        JsonArray lines = new JsonArray((String) page.evaluate("() => JSON.stringify(window.pujiangTest.agentSpeech())"));
        return lines.stream().map(JsonObject.class::cast).filter(l -> entryId.equals(l.getString("entryId")))
                .findFirst().orElseThrow(() -> new AssertionError("no line citing " + entryId + " in " + lines.encode()));
    }

    private static JsonObject voice(Page page) {
        return new JsonObject((String) page.evaluate("() => JSON.stringify(window.pujiangTest.agentVoice())"));
    }
}
