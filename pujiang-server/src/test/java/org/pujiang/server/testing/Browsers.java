package org.pujiang.server.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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

    /** The chromium executable, or a clear failure telling how to install it. */
    public static Path chromium() {
        Path exe = Path.of(System.getenv().getOrDefault("PUJIANG_CHROMIUM", "/usr/bin/chromium"));
        if (!Files.isExecutable(exe)) {
            throw new IllegalStateException("the end-to-end tests need Chromium at " + exe
                    + " (on Debian: apt-get install -y chromium; or set PUJIANG_CHROMIUM)");
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
