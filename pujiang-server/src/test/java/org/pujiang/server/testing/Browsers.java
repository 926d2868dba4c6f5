package org.pujiang.server.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's chromium, headless, driven by Playwright for Java, for the end-to-end tests. WebGL runs on
 * SwiftShader (software), so these tests need no GPU. Playwright is told never to download a browser:
 * the tests use the system's {@code /usr/bin/chromium} ({@code PUJIANG_CHROMIUM} overrides it).
 */
public final class Browsers {
    /** The flags the machine needs: no sandbox as root, no GPU, nothing that calls home. */
    public static final List<String> FLAGS = List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
            "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist");

    private Browsers() {}

    /**
     * The chromium executable. Without it the browser tests fail under {@code CI=true}, so that CI can
     * never pass without them, and are skipped loudly elsewhere (as the PostgreSQL tests are).
     */
    public static Path chromium() {
        Path exe = Path.of(System.getenv().getOrDefault("PUJIANG_CHROMIUM", "/usr/bin/chromium"));
        if (!Files.isExecutable(exe)) {
            String why = "the end-to-end browser tests need Chromium at " + exe
                    + " (on Debian: apt-get install -y chromium; or set PUJIANG_CHROMIUM)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail("CI=true: " + why);
            }
            System.err.println("\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n"
                    + "!!! SKIPPING browser tests: " + why
                    + "\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n");
            Assumptions.abort("SKIPPED browser tests: " + why);
        }
        return exe;
    }

    public static Playwright playwright() {
        return Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    public static Browser launch(Playwright playwright) {
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(chromium())
                .setHeadless(true)
                .setArgs(FLAGS));
    }
}
