package org.stoa.server.support;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import java.nio.file.Path;

/** One person using the web client in their own browser profile, in the words of what they do. */
public final class ChatPage {

    /** Where screenshots of the key screens go; docs/screenshots holds copies for the README. */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final Page page;
    private final String username;

    private ChatPage(Page page, String username) {
        this.page = page;
        this.username = username;
    }

    /** Opens the client served by {@code server} at / in {@code context}, for {@code username}. */
    public static ChatPage open(BrowserContext context, TestServer server, String username) {
        Page page = context.newPage();
        page.navigate("http://localhost:" + server.port() + "/");
        return new ChatPage(page, username);
    }

    public Page page() {
        return page;
    }

    public static String passwordOf(String username) {
        return "a long password for " + username;
    }

    public void register() {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New here? Create an account")).click();
        fillCredentials();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account")).click();
        assertThat(page.locator(".topbar .me")).hasText(username);
    }

    /** With the keyboard alone: the username field has focus, Tab leads to the password, Enter logs in. */
    public void logInByKeyboard() {
        assertThat(page.getByLabel("Username")).isFocused();
        page.keyboard().type(username);
        page.keyboard().press("Tab");
        page.keyboard().type(passwordOf(username));
        page.keyboard().press("Enter");
        assertThat(page.locator(".topbar .me")).hasText(username);
    }

    public void logOut() {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Log in"))).isVisible();
    }

    private void fillCredentials() {
        page.getByLabel("Username").fill(username);
        page.getByLabel("Password").fill(passwordOf(username));
    }

    public void goToContacts() {
        showSidebar();
        page.locator(".tabs").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Contacts")).click();
    }

    public void goToSafety() {
        showSidebar();
        page.locator(".tabs").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Safety")).click();
    }

    public void goToSettings() {
        showSidebar();
        page.locator(".tabs").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Settings")).click();
    }

    public void goToChats() {
        showSidebar();
        page.locator(".tabs").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Chats")).click();
    }

    /** On a phone an open chat fills the screen: its back link leads to the list. */
    private void showSidebar() {
        Locator back = page.locator(".chat-head .back");
        if (back.isVisible()) back.click();
    }

    public void requestContact(String other) {
        goToContacts();
        page.getByLabel("Add a contact by username").fill(other);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send request")).click();
        assertThat(page.getByText("Request sent to " + other + ".")).isVisible();
    }

    public void acceptRequestFrom(String other) {
        goToContacts();
        person("Requests to you", other).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Accept")).click();
        assertThat(person("Your contacts", other)).isVisible();
    }

    /** {@code a} asks {@code b}, {@code b} accepts: both are contacts. */
    public static void befriend(ChatPage a, ChatPage b) {
        a.requestContact(b.username);
        b.acceptRequestFrom(a.username);
        assertThat(a.person("Your contacts", b.username)).isVisible();
    }

    /** From Contacts: the direct chat with {@code other}. */
    public void openChatWith(String other) {
        goToContacts();
        person("Your contacts", other).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Message")).click();
        assertThat(page.locator(".chat-title")).hasText(other);
    }

    /** From the conversation list. */
    public void openConversation(String name) {
        goToChats();
        conversationRow(name).click();
        assertThat(page.locator(".chat-title")).hasText(name);
    }

    public Locator person(String listLabel, String name) {
        return page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName(listLabel))
                .locator(".person").filter(new Locator.FilterOptions().setHasText(name));
    }

    public Locator conversationRow(String name) {
        return page.locator(".conversation").filter(new Locator.FilterOptions().setHas(
                page.locator(".conversation-name", new Page.LocatorOptions().setHasText(name))));
    }

    public Locator unreadBadge(String conversationName) {
        return conversationRow(conversationName).locator(".unread");
    }

    public Locator messageBox() {
        return page.getByLabel("Message", new Page.GetByLabelOptions().setExact(true));
    }

    /** Types and presses Enter, as people do. */
    public void send(String text) {
        messageBox().fill(text);
        messageBox().press("Enter");
    }

    /** Picks an image, which shows a preview before it is sent. */
    public void attachImage(String name, byte[] png) {
        page.locator(".composer input[type=file]").setInputFiles(new FilePayload(name, "image/png", png));
        assertThat(page.getByRole(AriaRole.IMG, new Page.GetByRoleOptions().setName("Image to send"))).isVisible();
    }

    public void clickSend() {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send").setExact(true)).click();
    }

    /** Messages in the open chat whose text contains {@code text}. */
    public Locator message(String text) {
        return messages().filter(new Locator.FilterOptions().setHasText(text));
    }

    public Locator messages() {
        return page.locator(".messages .message");
    }

    /** Starts a group from the conversation list, picking contacts by name. */
    public void createGroup(String title, String... members) {
        goToChats();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New group")).click();
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        dialog.getByLabel("Group name").fill(title);
        for (String m : members) dialog.getByLabel(m, new Locator.GetByLabelOptions().setExact(true)).check();
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create group")).click();
        assertThat(page.locator(".chat-title")).hasText(title);
    }

    /** The open group's Members dialog. */
    public Locator openMembers() {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Members")).click();
        return page.getByRole(AriaRole.DIALOG);
    }

    public void closeDialog() {
        page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Close")).click();
    }

    public Locator chatSubtitle() {
        return page.locator(".chat-subtitle");
    }

    /** The id of the open conversation, from the address (#/chats/ID). */
    public long openConversationId() {
        String url = page.url();
        return Long.parseLong(url.substring(url.lastIndexOf('/') + 1));
    }

    /**
     * Opens {@code message}'s actions menu as people do: by its hover button on a desktop, by a long
     * press on a phone (where there is no hover and the button is not shown); answers the menu.
     */
    public Locator openMessageMenu(Locator message) {
        assertThat(message).isVisible();
        Locator more = message.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Message actions"));
        message.hover();
        if (more.isVisible()) {
            more.click();
        } else {
            longPress(message.locator(".bubble"));
        }
        Locator menu = page.getByRole(AriaRole.MENU, new Page.GetByRoleOptions().setName("Message actions"));
        assertThat(menu).isVisible();
        return menu;
    }

    /** A touch held on {@code target}: the browser gets the pointerdown, and nothing ends it. */
    public static void longPress(Locator target) {
        var box = target.boundingBox();
        target.dispatchEvent("pointerdown", java.util.Map.of("pointerType", "touch", "isPrimary", true,
                "clientX", box.x + 10, "clientY", box.y + 10));
    }

    /** Picks {@code action} (Reply, Edit, Forward, Copy text, Recall, Report, Delete for me) from {@code message}'s menu. */
    public void messageAction(Locator message, String action) {
        openMessageMenu(message).getByRole(AriaRole.MENUITEM, new Locator.GetByRoleOptions().setName(action).setExact(true)).click();
    }

    /** Reports {@code message} to the moderators with {@code reason}, through its menu's Report and the dialog. */
    public void report(Locator message, String reason) {
        messageAction(message, "Report");
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        dialog.getByLabel("What is wrong with it?").fill(reason);
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Report").setExact(true)).click();
        assertThat(dialog).hasCount(0);
    }

    /** The banner a sanction in force puts under the top bar. */
    public Locator sanctionBanner() {
        return page.locator(".sanction-banner");
    }

    /** This person as an API user (id, token), for setting up data quickly. */
    public User user(TestServer server) {
        Api api = api(server);
        return new User(api.get("/api/v1/me").id(), username, api.token(), api);
    }

    /** The API as this person, with the token the page logged in with: for setting up data quickly. */
    public Api api(TestServer server) {
        Object token = page.evaluate("() => JSON.parse(sessionStorage.getItem('stoa.session')).token");
        return new Api(server.port(), (String) token);
    }

    public Locator connectionStatus() {
        return page.locator(".connection");
    }

    public void screenshot(String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")));
    }
}
