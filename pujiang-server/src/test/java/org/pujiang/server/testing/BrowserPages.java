package org.pujiang.server.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import io.vertx.core.json.JsonArray;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Headless Chromium for the browser tests: one browser per test class, a fresh context (own storage, own cookies) per
 * visitor, page errors and console warnings copied to stderr, and the few steps every such test takes (enter as a
 * guest, wait for a condition in the page, take a screenshot). Closing it closes everything it opened.
 */
public final class BrowserPages implements AutoCloseable {
    /** Where screenshots go; CI keeps the folder. */
    public static final Path ARTIFACTS = Path.of(System.getProperty("pujiang.artifacts", "target/browser-artifacts"));

    /** How long any step in a page may take. */
    public static final Duration WAIT = Duration.ofSeconds(30);

    private final Playwright playwright;
    private final Browser browser;
    private final List<BrowserContext> contexts = new ArrayList<>();

    /** Starts Chromium (see {@link Browsers}). */
    public BrowserPages() {
        try {
            Files.createDirectories(ARTIFACTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.playwright = Browsers.playwright();
        this.browser = Browsers.launch(playwright);
    }

    /** A new visitor: its own context at 1280×800 in {@code locale}, with relative URLs against {@code baseUrl}. */
    public Page visitor(String baseUrl, String locale) {
        BrowserContext ctx = browser.newContext(new Browser.NewContextOptions()
                .setLocale(locale)
                .setViewportSize(1280, 800)
                .setBaseURL(baseUrl));
        ctx.setDefaultTimeout(WAIT.toMillis());
        contexts.add(ctx);
        Page page = ctx.newPage();
        page.onPageError(e -> System.err.println("[browser page error] " + e));
        page.onConsoleMessage(msg -> {
            if (msg.type().equals("error") || msg.type().equals("warning")) {
                System.err.println("[browser console " + msg.type() + "] " + msg.text());
            }
        });
        return page;
    }

    /** Closes every visitor's context (after each test). */
    public void closeVisitors() {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
    }

    /** Opens {@code path} and signs in as a guest named {@code name}. */
    public static void enterAsGuest(Page page, String path, String name) {
        page.navigate(path);
        page.getByLabel("Your name (optional)").fill(name);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Enter as a guest")).click();
    }

    /** Waits until the JavaScript {@code predicate} holds in the page. */
    public static void awaitTrue(Page page, String predicate) {
        page.waitForFunction(predicate, null, new Page.WaitForFunctionOptions().setTimeout(WAIT.toMillis())
                .setPollingInterval(100));
    }

    /** Waits until the page's real-time connection is in {@code status} (online, reconnecting, …). */
    public static void awaitConnection(Page page, String status) {
        awaitTrue(page, "() => window.pujiangTest && window.pujiangTest.state().connection === " + js(status));
    }

    public static void screenshot(Page page, String file) {
        page.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve(file)));
    }

    /** {@code s} as a JavaScript string literal. */
    public static String js(String s) {
        return new JsonArray().add(s).encode().replaceAll("^\\[|\\]$", "");
    }

    @Override
    public void close() {
        closeVisitors();
        browser.close();
        playwright.close();
    }
}
