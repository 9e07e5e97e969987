package org.stoa.server.support;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;

/** A moderator using the console at /admin, in the words of what they do. */
public final class ConsolePage {

    private final Page page;

    private ConsolePage(Page page) {
        this.page = page;
    }

    /** Opens /admin in a fresh page of {@code context}. */
    public static ConsolePage open(BrowserContext context, TestServer server) {
        Page page = context.newPage();
        page.navigate(url(server));
        return new ConsolePage(page);
    }

    /** Goes from the chat to /admin in the same tab, where the chat's login carries over. */
    public static ConsolePage from(ChatPage chat, TestServer server) {
        chat.page().navigate(url(server));
        return new ConsolePage(chat.page());
    }

    private static String url(TestServer server) {
        return "http://localhost:" + server.port() + "/admin";
    }

    public Page page() {
        return page;
    }

    /** Logs in through the console's own form; the queue opens. */
    public void logIn(User moderator) {
        page.getByLabel("Username").fill(moderator.username());
        page.getByLabel("Password").fill(RunningServer.passwordOf(moderator.username()));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        assertThat(heading("Review queue")).isVisible();
    }

    public Locator heading(String name) {
        return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name));
    }

    /** Opens a section from the console's navigation: Queue, Accounts, Banks, Policy, Audit log. */
    public void go(String section) {
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Console sections"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(section)).click();
    }

    /** The queue's item showing {@code text} (its content, or its report's reason). */
    public Locator queueItem(String text) {
        return page.locator(".queue-item").filter(new Locator.FilterOptions().setHasText(text));
    }

    /** Writes the reason on a queue item and presses one of its actions (e.g. "Remove message"). */
    public void act(Locator item, String reason, String action) {
        item.getByLabel("Your reason").fill(reason);
        item.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(action)).click();
    }

    /** Adds an image file to {@code bank} from its page; the bank then lists the image's hashes. */
    public void addToBank(String bank, String fileName, byte[] png, String reason) {
        go("Banks");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(bank)).click();
        assertThat(heading("Bank: " + bank)).isVisible();
        Locator form = page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Add an image file"));
        form.getByLabel("Image").setInputFiles(new FilePayload(fileName, "image/png", png));
        form.getByLabel("Reason").fill(reason);
        form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add image")).click();
    }

    /** Finds an account by username; its review opens. */
    public void lookUp(String username) {
        go("Accounts");
        page.getByLabel("Username").fill(username);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Look up")).click();
        assertThat(heading("Account: " + username)).isVisible();
    }

    /** On an open account: a restriction taking away the features labelled (e.g. "May not send messages in groups"). */
    public void restrict(int hours, String reason, String... featureLabels) {
        Locator form = page.locator(".sanction-form");
        form.getByLabel("Restriction").check();
        for (String label : featureLabels) form.getByLabel(label).check();
        form.getByLabel("Duration").fill(String.valueOf(hours));
        form.getByLabel("Unit").selectOption("h");
        form.getByLabel("Reason").fill(reason);
        form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Impose sanction")).click();
    }

    /** On an open account: fills in a permanent ban and presses "Impose sanction" (which asks first). */
    public void banPermanently(String reason) {
        Locator form = page.locator(".sanction-form");
        form.getByLabel("Ban:").check();
        form.getByLabel("Permanent (a ban only)").check();
        form.getByLabel("Reason").fill(reason);
        form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Impose sanction")).click();
    }

    /** The count of waiting items beside "Queue" in the sections. */
    public Locator queueBadge() {
        return page.locator(".console-nav a[href=\"#/queue\"] .badge");
    }

    public void screenshot(String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(ChatPage.SCREENSHOTS.resolve(name + ".png")));
    }
}
