package org.stoa.server.support;

import com.microsoft.playwright.BrowserContext;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** A browser test: one Chromium per class, a fresh profile per person, all closed after each test. */
public abstract class BrowserTest {

    private static Chromium chromium;

    @TempDir
    protected Path dir;

    private final List<BrowserContext> contexts = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void launch() {
        chromium = Chromium.launch();
    }

    @AfterAll
    static void quit() {
        if (chromium != null) chromium.close();
    }

    @AfterEach
    void closeContexts() {
        contexts.forEach(BrowserContext::close);
    }

    /** Two people, each registered through the UI in a browser of their own, made contacts. */
    protected record Friends(ChatPage alice, ChatPage bob) {}

    protected Friends friends(TestServer server, BrowserContext alicesBrowser, BrowserContext bobsBrowser) {
        ChatPage alice = ChatPage.open(alicesBrowser, server, "alice");
        ChatPage bob = ChatPage.open(bobsBrowser, server, "bob");
        alice.register();
        bob.register();
        ChatPage.befriend(alice, bob);
        return new Friends(alice, bob);
    }

    protected BrowserContext desktop() {
        return keep(chromium.desktop());
    }

    protected BrowserContext phone() {
        return keep(chromium.phone());
    }

    private BrowserContext keep(BrowserContext c) {
        contexts.add(c);
        return c;
    }
}
