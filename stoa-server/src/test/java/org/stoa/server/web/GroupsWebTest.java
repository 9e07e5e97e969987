package org.stoa.server.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.stoa.server.support.BrowserTest;
import org.stoa.server.support.ChatPage;
import org.stoa.server.support.Images;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

/**
 * Groups and the chat around them in a real browser, on a desktop and at 390 px: a group's picture,
 * name and description, admins made and removed, ownership handed over, members searched, mute,
 * someone typing, an @mention suggested and its badge, "read by N", read ticks in a direct chat, day separators, the
 * jump to the first unread, and an emoji drawn by the bundled font on a machine without emoji fonts.
 */
class GroupsWebTest extends BrowserTest {

    @Test
    void aGroupsSettingsTypingMentionsAndReadByOnADesktop() {
        try (TestServer server = new TestServer(dir)) {
            ChatPage alice = ChatPage.open(desktop(), server, "alice");
            ChatPage bob = ChatPage.open(desktop(), server, "bob");
            ChatPage carol = ChatPage.open(desktop(), server, "carol");
            alice.register();
            bob.register();
            carol.register();
            ChatPage.befriend(alice, bob);
            ChatPage.befriend(alice, carol);
            alice.createGroup("Book club", "bob", "carol");

            Locator settings = alice.openMembers();
            Locator profile = settings.getByRole(AriaRole.FORM, new Locator.GetByRoleOptions().setName("Group profile"));
            profile.getByLabel("Group name").fill("Book club 📚");
            profile.getByLabel("Description").fill("One book a month.\nThis month: Middlemarch.");
            alice.page().locator("#group-avatar-file").setInputFiles(
                    new FilePayload("club.png", "image/png", Images.encode(Images.photo(5, 300, 200), "png", 1)));
            assertThat(profile.locator(".avatar-preview img")).isVisible();
            profile.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save")).click();
            assertThat(profile.getByRole(AriaRole.STATUS)).hasText("Saved.");
            assertThat(alice.page().locator(".chat-title")).hasText("Book club 📚");
            assertThat(alice.page().locator(".chat-face img")).isVisible();

            settings.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Make bob an admin")).click();
            assertThat(alice.person("Members", "bob")).containsText("Admin");
            settings.getByRole(AriaRole.SEARCHBOX, new Locator.GetByRoleOptions().setName("Search members")).fill("car");
            assertThat(settings.locator(".member-list .person")).hasCount(1);
            assertThat(settings.locator(".member-count")).hasText("1 of 3 members");
            settings.getByRole(AriaRole.SEARCHBOX, new Locator.GetByRoleOptions().setName("Search members")).fill("");
            assertThat(settings.locator(".member-list .person")).hasCount(3);
            fontsLoaded(alice);
            alice.screenshot("group-settings");
            alice.closeDialog();

            bob.openConversation("Book club 📚");
            Locator bobsSettings = bob.openMembers();
            assertThat(bobsSettings.getByLabel("Description")).hasValue("One book a month.\nThis month: Middlemarch.");
            // Only the owner changes roles.
            assertThat(bobsSettings.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Make carol an admin"))).hasCount(0);
            bob.closeDialog();

            // Typing: Alice sees it while Bob writes, and it goes when he sends.
            alice.send("Welcome, everyone!");
            bob.messageBox().pressSequentially("Hello @ca", new Locator.PressSequentiallyOptions().setDelay(20));
            Locator typing = alice.page().locator(".typing");
            assertThat(typing).hasText("bob is typing…");
            // Members are suggested while "@name" is typed; Tab takes the first.
            Locator suggestion = bob.page().getByRole(AriaRole.LISTBOX, new Page.GetByRoleOptions().setName("Members to mention"))
                    .getByRole(AriaRole.OPTION);
            assertThat(suggestion).hasCount(1);
            assertThat(suggestion).containsText("@carol");
            bob.screenshot("mention-suggest");
            bob.messageBox().press("Tab");
            assertThat(bob.messageBox()).hasValue("Hello @carol ");
            bob.messageBox().pressSequentially("😀");
            fontsLoaded(alice);
            alice.screenshot("typing");
            bob.messageBox().press("Enter");
            assertThat(alice.message("Hello @carol")).isVisible();
            assertThat(typing).hasText("");

            // The emoji is a glyph of the bundled font, not a box: this browser has no emoji font of its own.
            Object emojiFaces = alice.page().evaluate("() => document.fonts.load('16px \"Noto Emoji\"', '😀').then(f => f.length)");
            assertThat(((Number) emojiFaces).intValue()).as("the bundled emoji font serves 😀").isPositive();

            // Carol was mentioned: an @ badge on her list until she reads it.
            carol.goToChats();
            Locator mention = carol.conversationRow("Book club 📚").locator(".mention-badge");
            assertThat(mention).isVisible();
            assertThat(mention).hasAttribute("aria-label", "you were mentioned");
            fontsLoaded(carol);
            carol.screenshot("mention-badge");

            // Read by N: Bob has read Alice's welcome (he sent after it); then Carol reads too.
            Locator receipt = alice.message("Welcome, everyone!").locator(".receipt");
            assertThat(receipt).hasAttribute("aria-label", "Read by 1");
            carol.openConversation("Book club 📚");
            assertThat(receipt).hasAttribute("aria-label", "Read by everyone");
            carol.goToChats();
            assertThat(mention).hasCount(0);

            // Mute is Alice's own; handing the group to Bob makes her an admin.
            alice.page().getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Mute")).click();
            assertThat(alice.page().getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Unmute"))).isVisible();
            assertThat(alice.conversationRow("Book club 📚").locator(".muted-mark")).isVisible();
            assertThat(bob.conversationRow("Book club 📚").locator(".muted-mark")).hasCount(0);
            Locator again = alice.openMembers();
            again.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Make bob the owner")).click();
            alice.page().getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Make owner").setExact(true)).click();
            assertThat(alice.person("Members", "bob")).containsText("Owner");
            assertThat(alice.person("Members", "alice")).containsText("Admin");
            assertThat(again.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Make carol an admin"))).hasCount(0);
        }
    }

    @Test
    void ticksDaysAndTheFirstUnreadAt390Pixels() {
        try (TestServer server = new TestServer(dir, Map.of("limits.messagesPerAccountBurst", "200/10s"))) {
            BrowserContext alicesPhone = phone();
            ChatPage alice = ChatPage.open(alicesPhone, server, "alice");
            ChatPage bob = ChatPage.open(phone(), server, "bob");
            alice.register();
            bob.register();
            ChatPage.befriend(alice, bob);
            User bobUser = bob.user(server);
            long direct = server.direct(alice.user(server), bobUser);

            bobUser.send(direct, "old", "Said yesterday");
            alice.api(server).post("/api/v1/conversations/" + direct + "/read", Map.of("seq", 1));
            server.clock().advance(Duration.ofDays(1));
            // The browsers' "today" is the server's: Date is fixed there, timers still run.
            alicesPhone.clock().setFixedTime(server.clock().millis() + 1000);
            for (int i = 1; i <= 60; i++) bobUser.send(direct, "n" + i, "news " + i);

            alice.openConversation("bob");
            assertThat(alice.page().locator(".day-mark").filter(new Locator.FilterOptions().setHasText("Today"))).hasCount(1);
            Locator jump = alice.page().getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Jump to first unread"));
            assertThat(jump).isVisible();
            jump.click();
            assertThat(alice.page().locator("#first-unread")).isInViewport();
            assertThat(alice.page().locator(".day-mark").filter(new Locator.FilterOptions().setHasText("Yesterday"))).isVisible();
            Locator firstUnread = alice.page().locator("#first-unread + .message");
            assertThat(firstUnread.locator(".text")).hasText("news 1");
            assertThat(firstUnread).isInViewport();
            alice.screenshot("first-unread-phone");

            alice.send("Caught up!");
            Locator tick = alice.message("Caught up!").locator(".receipt");
            assertThat(tick).hasAttribute("aria-label", Pattern.compile("Sent|Read"));
            bob.openConversation("alice");
            assertThat(tick).hasAttribute("aria-label", "Read");
            assertThat(tick).hasText("✓✓");
            alice.screenshot("read-ticks-phone");

            // A group's settings and someone typing fit a phone too.
            alice.createGroup("Phone club 🎉", "bob");
            Locator settings = alice.openMembers();
            settings.getByRole(AriaRole.FORM, new Locator.GetByRoleOptions().setName("Group profile")).getByLabel("Description")
                    .fill("Small screens only.");
            settings.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save")).click();
            assertThat(settings.getByRole(AriaRole.STATUS)).hasText("Saved.");
            settings.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Make bob an admin")).click();
            assertThat(alice.person("Members", "bob")).containsText("Admin");
            settings.locator(".member-list").scrollIntoViewIfNeeded();
            alice.screenshot("group-settings-phone");
            alice.closeDialog();
            bob.openConversation("Phone club 🎉");
            alice.messageBox().pressSequentially("On my way", new Locator.PressSequentiallyOptions().setDelay(20));
            assertThat(bob.page().locator(".typing")).hasText("alice is typing…");
            bob.screenshot("typing-phone");
        }
    }

    /** Emoji fonts load when an emoji is first drawn (by unicode-range); a screenshot waits for them. */
    private static void fontsLoaded(ChatPage person) {
        person.page().evaluate("() => document.fonts.ready.then(() => true)");
    }
}
