package org.pujiang.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pujiang.server.testing.BrowserPages.awaitConnection;
import static org.pujiang.server.testing.BrowserPages.awaitTrue;
import static org.pujiang.server.testing.BrowserPages.enterAsGuest;
import static org.pujiang.server.testing.BrowserPages.js;
import static org.pujiang.server.testing.BrowserPages.screenshot;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.SelectOption;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.pujiang.server.testing.TestAssets;
import org.pujiang.server.testing.TestDatabase;
import org.pujiang.server.testing.TestServers;

/**
 * Digital assets in a real browser (issue #6): the admin (an approved organisation account) registers and mints a
 * picture over REST, then, signed in through the web client, places the edition on a gallery wall with the "Assets"
 * dialog; a guest in another browser context opens it and the asset card shows its provenance and the inclusion
 * proof the page itself verified with WebCrypto (Ed25519 note signature, RFC 9162 inclusion) against the log's
 * published checkpoint. Screenshots go to {@code target/browser-artifacts}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AssetGalleryIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Checkpoints every 0.2 s so that a fresh entry is soon provable; editions may move at once. */
    private static final Map<String, String> SETTINGS = Map.of(
            "ledger.checkpoint-interval", "PT0.2S",
            "assets.min-holding", "PT0S");

    @TempDir
    static Path temp;

    private TestDatabase db;
    private PujiangServer server;
    private ApiClient api;
    private String admin;
    private BrowserPages browsers;

    @BeforeAll
    void start() throws Exception {
        Browsers.chromium(); // before starting anything: skips (or, under CI, fails) without Chromium
        db = TestDatabase.create(TestDatabase.Kind.H2, temp);
        server = TestServers.start(db, temp.resolve("data"), SETTINGS);
        api = new ApiClient(server.baseUrl());
        admin = api.login("admin", TestServers.ADMIN_PASSWORD);
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

    // ---- the test ------------------------------------------------------------------------------

    @Test
    void theOwnerHangsAnEditionAndAGuestSeesItsProvenanceVerifiedInTheBrowser() throws Exception {
        // Over REST, as the admin: register a PNG, mint its editions, and make a public gallery.
        String title = "浦江夜景 " + System.nanoTime() % 100000;
        Res reg = upload(admin, "pujiang-night.png", png(7), title, "2");
        assertThat(reg.status()).as(reg.toString()).isEqualTo(201);
        String asset = reg.json().getString("id");
        long registerIndex = reg.json().getLong("logIndex");
        Res mint = api.post("/api/assets/" + asset + "/mint", admin, new JsonObject());
        assertThat(mint.status()).as(mint.toString()).isEqualTo(200);
        long mintIndex = mint.json().getLong("logIndex");
        Res made = api.post("/api/spaces", admin, new JsonObject().put("name", "Asset gallery")
                .put("template", "gallery").put("visibility", "public"));
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        String space = made.json().getString("id");

        // In the browser, as the admin: sign in on the space's page and place edition 1 on wall-1.
        Page owner = visitor();
        owner.navigate("/s/" + space);
        Locator signIn = owner.locator("form:visible").first();
        signIn.getByLabel("Username").fill("admin");
        signIn.getByLabel("Password").fill(TestServers.ADMIN_PASSWORD);
        signIn.locator("button[type=submit]").click();
        awaitConnection(owner, "online");
        // WebCrypto (and so the proof check) needs a secure context: http://127.0.0.1 is one in Chromium.
        assertThat(owner.evaluate("() => window.isSecureContext")).isEqualTo(true);

        owner.getByTestId("place-asset-open").click();
        Locator dialog = owner.getByTestId("place-asset-dialog");
        dialog.waitFor();
        Locator edition = dialog.getByTestId("place-asset-edition");
        awaitTrue(owner, "() => { const s = document.querySelector('[data-testid=place-asset-edition]');"
                + " return s !== null && !s.disabled && [...s.options].some(o => o.textContent.includes(" + js(title) + ")); }");
        String option = (String) owner.evaluate("() => [...document.querySelectorAll('[data-testid=place-asset-edition] option')]"
                + ".find(o => o.textContent.includes(" + js(title) + ") && o.textContent.includes('edition 1')).value");
        edition.selectOption(option);
        Locator slot = dialog.getByTestId("place-asset-slot");
        slot.selectOption(new SelectOption().setValue("wall-1"));
        assertThat(slot.inputValue()).isEqualTo("wall-1");
        dialog.getByTestId("place-asset-submit").click();
        Locator message = dialog.getByTestId("place-asset-message");
        awaitTrue(owner, "() => (document.querySelector('[data-testid=place-asset-message]')?.textContent ?? '')"
                + ".includes('Placed')");
        assertThat(message.textContent()).contains(title);
        awaitTrue(owner, "() => window.pujiangTest.placements().some(p => p.asset === " + js(asset)
                + " && p.edition === 1 && p.slot === 'wall-1')");
        JsonObject drawn = placement(owner, asset);
        assertThat(drawn.getString("format")).isEqualTo("png");
        assertThat(drawn.getString("title")).isEqualTo(title);
        assertThat(dialog.getByTestId("placed-list").locator("li[data-slot=wall-1]").count()).isEqualTo(1);
        assertThat(dialog.getByTestId("placement-remove").count()).isEqualTo(1);
        screenshot(owner, "asset-place-dialog.png");
        // The server has it as the page said.
        JsonArray shown = api.get("/api/spaces/" + space + "/assets", admin).json().getJsonArray("placements");
        assertThat(shown).hasSize(1);
        assertThat(shown.getJsonObject(0).getString("id")).isEqualTo(drawn.getString("id"));
        assertThat(shown.getJsonObject(0).getString("slot")).isEqualTo("wall-1");
        owner.keyboard().press("Escape");

        // A guest in another browser enters the gallery, sees the picture on wall-1 and opens its card.
        long published = awaitCheckpointCovering(mintIndex);
        Page guest = visitor();
        List<String> files = new java.util.concurrent.CopyOnWriteArrayList<>();
        guest.onResponse(r -> {
            if (r.url().endsWith("/api/assets/" + asset + "/file")) {
                files.add(r.status() + " " + r.headerValue("content-type"));
            }
        });
        enterAsGuest(guest, "/s/" + space, "Visitor");
        awaitConnection(guest, "online");
        awaitTrue(guest, "() => window.pujiangTest.placements().some(p => p.asset === " + js(asset) + " && p.slot === 'wall-1')");
        // The picture's bytes come from this server, with the session's token, to be drawn in the frame.
        long until = System.nanoTime() + WAIT.toNanos();
        while (files.isEmpty() && System.nanoTime() < until) {
            guest.waitForTimeout(100);
        }
        assertThat(files).as("the page fetched the picture of wall-1").containsExactly("200 image/png");
        String placementId = placement(guest, asset).getString("id");
        assertThat(guest.evaluate("id => window.pujiangTest.openAsset(id)", placementId)).isEqualTo(true);
        Locator card = guest.getByTestId("asset-card");
        card.waitFor();
        assertThat(card.getAttribute("data-asset")).isEqualTo(asset);
        assertThat(card.locator("h2").textContent()).isEqualTo(title);

        // Provenance: the registration and the mint, with their log indexes, in log order.
        Locator events = card.getByTestId("asset-provenance").locator("li[data-kind]");
        awaitTrue(guest, "() => document.querySelectorAll('[data-testid=asset-provenance] li[data-kind]').length >= 2");
        assertThat(events.evaluateAll("els => els.map(e => e.dataset.kind)")).isEqualTo(List.of("register", "mint"));
        assertThat(events.evaluateAll("els => els.map(e => Number(e.dataset.logIndex))"))
                .isEqualTo(List.of((int) registerIndex, (int) mintIndex));
        String facts = card.getByTestId("asset-facts").textContent();
        assertThat(facts).contains("CC BY-NC 4.0").contains("No. 1 of 2").contains("PNG");

        // The proof of the newest event (the mint), verified by the page itself.
        Locator verification = card.getByTestId("asset-verification");
        awaitTrue(guest, "() => ['verified', 'failed', 'unavailable'].includes("
                + "document.querySelector('[data-testid=asset-verification]').dataset.state)");
        String detail = card.getByTestId("asset-verification-detail").textContent();
        assertThat(verification.getAttribute("data-state"))
                .as("verification: %s (code %s) %s", verification.textContent(), verification.getAttribute("data-code"), detail)
                .isEqualTo("verified");
        assertThat(verification.getAttribute("data-code")).isNull();
        assertThat(verification.getAttribute("data-log-index")).isEqualTo(Long.toString(mintIndex));
        Matcher m = Pattern.compile("log of (\\d+) entries · root ([0-9a-f]{8})").matcher(verification.textContent());
        assertThat(m.find()).as(verification.textContent()).isTrue();
        long verifiedSize = Long.parseLong(m.group(1));
        // The page checked against a checkpoint at least as new as the one published before it asked, and no
        // newer than the one published now; its root is the one the log signed for that size.
        String[] latest = checkpoint();
        assertThat(verifiedSize).isGreaterThan(mintIndex).isGreaterThanOrEqualTo(published)
                .isLessThanOrEqualTo(Long.parseLong(latest[1]));
        byte[] root = server.ledger().reader().root(verifiedSize);
        assertThat(m.group(2)).isEqualTo(HexFormat.of().formatHex(root).substring(0, 8));
        // The detail names the entry and the log's key (name+key id), as GET /api/log/key publishes it.
        String vkey = api.get("/api/log/key", null).json().getString("vkey");
        String keyNameAndId = vkey.substring(0, vkey.indexOf('+', vkey.indexOf('+') + 1));
        assertThat(detail).contains("#" + mintIndex).contains(keyNameAndId);
        assertThat(latest[0]).isEqualTo(keyNameAndId.substring(0, keyNameAndId.indexOf('+')));
        screenshot(guest, "asset-card-verified.png");
    }

    /**
     * The page trusts hashes and signatures, not the server's word: the real server's proof answer, altered on its
     * way into the page (Playwright intercepts the request), is refused with the reason, and the untouched answer
     * still verifies in the same page.
     */
    @Test
    void aTamperedProofIsRefusedByThePage() throws Exception {
        String title = "Tampered " + System.nanoTime() % 100000;
        Res reg = upload(admin, "tampered.png", png(11), title, "1");
        assertThat(reg.status()).as(reg.toString()).isEqualTo(201);
        String asset = reg.json().getString("id");
        Res mint = api.post("/api/assets/" + asset + "/mint", admin, new JsonObject());
        assertThat(mint.status()).as(mint.toString()).isEqualTo(200);
        long mintIndex = mint.json().getLong("logIndex");
        String adminId = api.get("/api/me", admin).json().getString("id");
        String space = api.post("/api/spaces", admin, new JsonObject().put("name", "Tamper gallery")
                .put("template", "gallery").put("visibility", "public")).json().getString("id");
        Res placed = api.post("/api/spaces/" + space + "/assets", admin,
                new JsonObject().put("asset", asset).put("edition", 1).put("slot", "wall-2"));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        String placementId = placed.json().getString("id");
        awaitCheckpointCovering(mintIndex);

        Page guest = visitor();
        AtomicReference<String> tamper = new AtomicReference<>("none");
        List<String> served = new java.util.concurrent.CopyOnWriteArrayList<>();
        guest.route(Pattern.compile(".*/api/assets/" + asset + "/proof.*"), route -> {
            APIResponse real = route.fetch();
            JsonObject body = new JsonObject(real.text());
            String how = tamper.get();
            switch (how) {
                case "hash" -> { // one bit of the inclusion path
                    JsonArray hashes = body.getJsonObject("inclusion").getJsonArray("hashes");
                    byte[] h = Base64.getDecoder().decode(hashes.getString(0));
                    h[0] ^= 0x01;
                    hashes.set(0, Base64.getEncoder().encodeToString(h));
                }
                case "holder" -> { // the entry names someone else as the recipient of the mint
                    String leaf = new String(Base64.getDecoder().decode(body.getString("leaf")), StandardCharsets.UTF_8);
                    assertThat(leaf).contains(adminId);
                    String forged = leaf.replace(adminId, "00000000-0000-4000-8000-00000000beef");
                    body.put("leaf", Base64.getEncoder().encodeToString(forged.getBytes(StandardCharsets.UTF_8)));
                }
                case "signature" -> { // one character inside the log's Ed25519 signature (after the key id)
                    String note = body.getString("checkpoint");
                    int line = note.indexOf("\u2014 ");
                    int end = note.indexOf('\n', line);
                    int at = end - 6;
                    char c = note.charAt(at);
                    body.put("checkpoint", note.substring(0, at) + (c == 'A' ? 'B' : 'A') + note.substring(at + 1));
                }
                default -> { }
            }
            served.add(how);
            route.fulfill(new Route.FulfillOptions().setResponse(real).setBody(body.encode()));
        });
        enterAsGuest(guest, "/s/" + space, "Skeptic");
        awaitConnection(guest, "online");
        awaitTrue(guest, "() => window.pujiangTest.placements().some(p => p.asset === " + js(asset) + ")");

        Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("hash", "proof-mismatch");
        expected.put("holder", "proof-mismatch");
        expected.put("signature", "signature");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            tamper.set(e.getKey());
            String state = openAndAwaitVerdict(guest, placementId);
            Locator verification = guest.getByTestId("asset-verification");
            assertThat(state).as("%s: %s", e.getKey(), verification.textContent()).isEqualTo("failed");
            assertThat(verification.getAttribute("data-code")).as(e.getKey()).isEqualTo(e.getValue());
            assertThat(verification.textContent()).contains("Not verified");
            assertThat(guest.getByTestId("asset-verification-detail").textContent()).as(e.getKey()).isNotBlank();
            if (e.getKey().equals("hash")) {
                screenshot(guest, "asset-card-tampered.png");
            }
        }
        tamper.set("none");
        assertThat(openAndAwaitVerdict(guest, placementId)).isEqualTo("verified");
        assertThat(served).containsExactly("hash", "holder", "signature", "none");
    }

    // ---- helpers -------------------------------------------------------------------------------

    private Page visitor() {
        return browsers.visitor(server.baseUrl(), "en-US");
    }

    /** Opens the card of a placement afresh and waits for the page's verdict on its proof. */
    private static String openAndAwaitVerdict(Page page, String placementId) {
        page.evaluate("() => document.querySelector('[data-testid=asset-card] .info-head button')?.click()");
        assertThat(page.evaluate("id => window.pujiangTest.openAsset(id)", placementId)).isEqualTo(true);
        awaitTrue(page, "() => ['verified', 'failed', 'unavailable'].includes("
                + "document.querySelector('[data-testid=asset-verification]').dataset.state)");
        return page.getByTestId("asset-verification").getAttribute("data-state");
    }

    /** The placement of {@code asset} that the page draws, as window.pujiangTest.placements() has it. */
    private static JsonObject placement(Page page, String asset) {
        JsonArray all = new JsonArray((String) page.evaluate("() => JSON.stringify(window.pujiangTest.placements())"));
        return all.stream().map(JsonObject.class::cast).filter(p -> asset.equals(p.getString("asset"))).findFirst()
                .orElseThrow(() -> new AssertionError("no placement of " + asset + " in " + all.encode()));
    }

    /** The published checkpoint's origin, size and base64 root (the signed note's first three lines). */
    private String[] checkpoint() {
        Res r = api.get("/api/log/checkpoint", null);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.body().split("\n", 4);
    }

    /** Waits until the published checkpoint covers entry {@code index}; answers its size. */
    private long awaitCheckpointCovering(long index) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Res r = api.get("/api/log/checkpoint", null);
            if (r.status() == 200) {
                String[] lines = r.body().split("\n", 4);
                long size = Long.parseLong(lines[1]);
                assertThat(Base64.getDecoder().decode(lines[2])).hasSize(32);
                if (size > index) {
                    return size;
                }
            }
            assertThat(System.nanoTime()).as("a checkpoint covering entry %d within %s", index, WAIT).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private Res upload(String token, String fileName, byte[] file, String title, String editions) {
        return TestAssets.upload(api, token, fileName, file, title, editions, null);
    }

    static byte[] png(int seed) {
        return TestAssets.png(seed);
    }
}
