package org.pujiang.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pujiang.server.testing.BrowserPages.awaitConnection;
import static org.pujiang.server.testing.BrowserPages.awaitTrue;
import static org.pujiang.server.testing.BrowserPages.enterAsGuest;
import static org.pujiang.server.testing.BrowserPages.js;
import static org.pujiang.server.testing.BrowserPages.screenshot;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.pujiang.server.PujiangServer;
import org.pujiang.server.testing.ApiClient;
import org.pujiang.server.testing.BrowserPages;
import org.pujiang.server.testing.Browsers;
import org.pujiang.server.testing.TestDatabase;
import org.pujiang.server.testing.TestServers;

/**
 * The browser client end to end: the server as packaged (the web client from the pujiang-web jar),
 * Debian's chromium driven by Playwright, WebGL on SwiftShader. Each browser context is one visitor.
 * Screenshots of the lobby and of a space go to {@code target/browser-artifacts}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebClientIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path temp;

    private TestDatabase db;
    private PujiangServer server;
    private int port;
    private BrowserPages browsers;
    private String hallId;

    @BeforeAll
    void start() throws Exception {
        Browsers.chromium(); // before starting anything: skips (or, under CI, fails) without Chromium
        db = TestDatabase.create(TestDatabase.Kind.H2, temp);
        server = TestServers.start(db, temp.resolve("data"), Map.of());
        port = server.port();
        browsers = new BrowserPages();
        ApiClient api = new ApiClient(server.baseUrl());
        JsonArray spaces = api.get("/api/spaces?size=100", api.guest()).json().getJsonArray("items");
        hallId = spaces.stream().map(JsonObject.class::cast).filter(s -> s.getString("template").equals("exhibition"))
                .findFirst().orElseThrow().getString("id");
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

    // ---- tests ---------------------------------------------------------------------------------

    @Test
    void twoGuestsMeetInTheExhibitionHallSeeEachOtherWalkAndChat() throws Exception {
        Page alice = visitor("en-US");
        Page bob = visitor("en-US");
        enterAsGuest(alice, "/s/" + hallId, "Alice");
        enterAsGuest(bob, "/s/" + hallId, "Bob");
        awaitConnection(alice, "online");
        awaitConnection(bob, "online");

        JsonObject seen = awaitEntity(bob, "Alice", e -> true);
        double x0 = seen.getDouble("x");
        double z0 = seen.getDouble("z");
        // Alice walks forward for a second and a half
        alice.locator("canvas").first().click(new com.microsoft.playwright.Locator.ClickOptions().setPosition(5, 5));
        alice.keyboard().down("KeyW");
        alice.waitForTimeout(1500);
        alice.keyboard().up("KeyW");
        JsonObject moved = awaitEntity(bob, "Alice",
                e -> Math.hypot(e.getDouble("x") - x0, e.getDouble("z") - z0) > 1.0);
        assertThat(Math.hypot(moved.getDouble("x") - x0, moved.getDouble("z") - z0)).isGreaterThan(1.0);

        String line = "你好 Bob, welcome to 浦江 " + System.nanoTime();
        var chat = alice.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName(
                java.util.regex.Pattern.compile("chat|message", java.util.regex.Pattern.CASE_INSENSITIVE)));
        chat.fill(line);
        chat.press("Enter");
        awaitTrue(bob, "() => window.pujiangTest.chatLog().some(l => l.text === " + js(line) + " && l.from === 'Alice')");
        awaitTrue(alice, "() => window.pujiangTest.chatLog().some(l => l.text === " + js(line) + ")");

        alice.waitForTimeout(500); // a few frames with Bob in view
        screenshot(alice, "space-exhibition-hall.png");
        Object stats = alice.evaluate("() => window.pujiangTest.frameStats()");
        assertThat(stats).as("the space view renders frames").isNotNull();
    }

    @Test
    void theLobbyListsTheDemoSpacesAndTheLanguageSwitchesToChinese() throws Exception {
        Page page = visitor("en-US");
        enterAsGuest(page, "/lobby", "Carol");
        page.getByText("Meeting Room").first().waitFor();
        assertThat(page.evaluate("() => document.documentElement.lang")).isEqualTo("en");
        screenshot(page, "lobby-en.png");

        page.getByLabel("Language").first().selectOption("zh-CN");
        awaitTrue(page, "() => document.documentElement.lang === 'zh-CN' && window.pujiangTest.lang() === 'zh-CN'");
        page.getByText("会议室").first().waitFor();
        screenshot(page, "lobby-zh-CN.png");
        // remembered: a reload keeps Chinese
        page.reload();
        awaitTrue(page, "() => document.documentElement.lang === 'zh-CN'");
    }

    @Test
    void aPrivateSpaceRefusesAGuest() {
        ApiClient api = new ApiClient(server.baseUrl());
        String owner = api.member("owner" + System.nanoTime() % 100000);
        String id = api.post("/api/spaces", owner, new JsonObject().put("name", "Board room").put("template", "meeting")
                .put("visibility", "private")).json().getString("id");
        Page page = visitor("en-US");
        enterAsGuest(page, "/s/" + id, "Mallory");
        awaitTrue(page, "() => ['refused'].includes(window.pujiangTest.state().connection)"
                + " || document.body.innerText.toLowerCase().includes('private')");
        assertThat(page.locator("[role=alert], [role=status]").allInnerTexts().toString().toLowerCase())
                .contains("private");
        assertThat(page.evaluate("() => window.pujiangTest.entities().length")).isEqualTo(0);
    }

    @Test
    void whenTheServerRestartsTheClientSaysSoAndRecovers() throws Exception {
        Page page = visitor("en-US");
        enterAsGuest(page, "/s/" + hallId, "Dave");
        awaitConnection(page, "online");

        server.close();
        awaitTrue(page, "() => ['reconnecting', 'offline'].includes(window.pujiangTest.state().connection)");
        assertThat(page.locator("[role=alert], [role=status]").allInnerTexts().toString().toLowerCase())
                .containsAnyOf("reconnect", "connection");
        screenshot(page, "space-reconnecting.png");

        server = TestServers.start(db, temp.resolve("data"), Map.of("http.port", Integer.toString(port)));
        awaitConnection(page, "online");
        awaitTrue(page, "() => window.pujiangTest.state().selfId > 0");
    }

    // ---- helpers -------------------------------------------------------------------------------

    @Test
    void aVisitorSeesALiveTwinWithItsAlertAndAMemberSteersIt() throws Exception {
        ApiClient api = new ApiClient(server.baseUrl());
        String admin = api.login("admin", TestServers.ADMIN_PASSWORD);
        String factoryId = api.get("/api/spaces?size=100", admin).json().getJsonArray("items").stream()
                .map(JsonObject.class::cast).filter(s -> s.getString("template").equals("factory")).findFirst()
                .orElseThrow().getString("id");
        String press = "factory-press-a";

        Page page = visitor("en-US");
        enterAsGuest(page, "/s/" + factoryId, "Inspector");
        awaitConnection(page, "online");
        awaitTrue(page, "() => window.pujiangTest.twins().some(t => t.twin === " + js(press) + ")");

        // A device value over HTTP reaches the page; over the rule's 90 °C it opens an alert there too.
        assertThat(api.send("POST", "/api/twins/" + press + "/telemetry", admin, "application/json",
                "{\"temperature\": 97.5}".getBytes(java.nio.charset.StandardCharsets.UTF_8)).status()).isEqualTo(202);
        awaitTrue(page, "() => window.pujiangTest.twins().some(t => t.twin === " + js(press)
                + " && t.reported.temperature === 97.5 && t.alerts.some(a => a.state === 'open'))");
        page.evaluate("() => window.pujiangTest.openTwin(" + js(press) + ")");
        page.locator(".twin-panel .twin-values").getByText("97.5", new com.microsoft.playwright.Locator.GetByTextOptions())
                .first().waitFor();
        assertThat(page.locator(".twin-panel .twin-alerts").textContent()).contains("90");
        // A guest may look but not steer: no controls.
        assertThat(page.locator(".twin-panel .twin-controls").count()).isZero();
        screenshot(page, "twin-factory-guest.png");

        // A registered member may steer the demo twins: set the press's target pressure.
        String member = "steer" + System.nanoTime() % 100000;
        api.member(member);
        Page steerer = visitor("en-US");
        steerer.navigate("/s/" + factoryId);
        com.microsoft.playwright.Locator signIn = steerer.locator("form:visible").first();
        signIn.getByLabel("Username").fill(member);
        signIn.getByLabel("Password").fill("pw-" + member + "-123");
        signIn.locator("button[type=submit]").click();
        awaitConnection(steerer, "online");
        awaitTrue(steerer, "() => window.pujiangTest.twins().some(t => t.twin === " + js(press) + ")");
        steerer.evaluate("() => window.pujiangTest.openTwin(" + js(press) + ")");
        steerer.locator(".twin-panel .twin-controls").waitFor();
        screenshot(steerer, "twin-factory-member.png");
        com.microsoft.playwright.Locator target = steerer.locator(".twin-panel .twin-control")
                .filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("arget")).first();
        target.locator("input").fill("150");
        target.locator("button").click();
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonObject desired;
        do {
            desired = api.get("/api/twins/" + press, admin).json().getJsonObject("desired");
            if (!desired.isEmpty()) {
                break;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        assertThat(desired.getValue(desired.fieldNames().iterator().next()).toString()).isEqualTo("150");
    }

    /** The first avatar named {@code name} that {@code page} sees and that satisfies {@code match}. */
    private static JsonObject awaitEntity(Page page, String name, Predicate<JsonObject> match) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            String json = (String) page.evaluate("() => JSON.stringify(window.pujiangTest.entities())");
            for (Object o : new JsonArray(json)) {
                JsonObject e = (JsonObject) o;
                if (name.equals(e.getString("name")) && match.test(e)) {
                    return e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no entity named " + name + " matched within " + WAIT + "; seen: " + json);
            }
            Thread.sleep(100);
        }
    }

    private Page visitor(String locale) {
        return browsers.visitor("http://127.0.0.1:" + port, locale);
    }
}
