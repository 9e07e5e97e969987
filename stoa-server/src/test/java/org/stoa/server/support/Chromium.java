package org.stoa.server.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Debian's Chromium driven by Playwright, headless. Playwright's own browser download is switched
 * off (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD in the surefire configuration); CI installs the package.
 */
public final class Chromium implements AutoCloseable {

    public static final Path EXECUTABLE = Path.of("/usr/bin/chromium");
    /** Without the networking switches Chromium keeps calling home, which a closed network refuses. */
    private static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic");

    private final Playwright playwright;
    private final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /** Fails, rather than skipping, where Chromium is missing: CI installs it, so a missing one is a broken set-up. */
    public static Chromium launch() {
        if (!Files.isExecutable(EXECUTABLE)) {
            throw new IllegalStateException("the web client's browser tests need Chromium at " + EXECUTABLE
                    + "; install it with 'apt-get install -y chromium' (.ci/run does this)");
        }
        // The machines are small and shared: give a busy CI run time rather than fail it.
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        Playwright playwright = Playwright.create();
        try {
            return new Chromium(playwright, playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(EXECUTABLE).setHeadless(true).setArgs(ARGS)));
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    /** A fresh browser profile (its own storage, so its own login) with a laptop-sized window. */
    public BrowserContext desktop() {
        return browser.newContext(new Browser.NewContextOptions().setViewportSize(1200, 760));
    }

    /** A fresh browser profile the size of a phone, with touch. */
    public BrowserContext phone() {
        return browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 760).setIsMobile(true).setHasTouch(true));
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
