package org.stoa.server.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.regex.Pattern;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stoa.server.support.BrowserTest;
import org.stoa.server.support.ChatPage;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

/**
 * Discover and search in a real browser: a public group found in the directory by the start of a
 * word and joined in one click, a person found by a Chinese display name and asked to be a contact,
 * and a search of one's messages whose result opens the chat at the message, pages back.
 */
class SearchWebTest extends BrowserTest {

    @Test
    void discoverJoinAndSearchToTheMessage() {
        Map<String, String> settings = new HashMap<>(TestServer.MESSAGE_FLOOD);
        try (TestServer server = new TestServer(dir, settings)) {
            User bob = server.register("bob");
            bob.api().patch("/api/v1/me/profile", Map.of("displayName", "韩梅梅 Bob"));
            long group = bob.api().post("/api/v1/conversations", Map.of("type", "group", "members", List.of(),
                    "title", "Hiking 北京 Club", "visibility", "public")).id();
            bob.api().post("/api/v1/conversations", Map.of("type", "group", "members", List.of(),
                    "title", "Hikers' secret plans"));

            ChatPage alice = ChatPage.open(desktop(), server, "alice");
            alice.register();
            Page page = alice.page();
            page.locator(".tabs").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Discover")).click();
            page.getByLabel("Search the directory").fill("hik");
            Locator found = page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Found"));
            assertThat(found.locator("li")).hasCount(1);
            assertThat(found).containsText("Hiking 北京 Club");
            assertThat(found).containsText("1 member");
            alice.screenshot("discover-groups");
            found.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Join")).click();
            assertThat(page.locator(".chat-title")).hasText("Hiking 北京 Club");
            assertThat(alice.chatSubtitle()).hasText("2 members");

            page.locator(".tabs").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Discover")).click();
            page.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("People")).check();
            page.getByLabel("Search the directory").fill("梅梅");
            assertThat(found.locator("li")).hasCount(1);
            assertThat(found).containsText("韩梅梅 Bob");
            assertThat(found).containsText("@" + bob.username());
            alice.screenshot("discover-people");
            found.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add contact")).click();
            assertThat(found).containsText("Request sent");

            bob.send(group, "target", "我们明天去北京看看长城, bring water").id();
            for (int i = 0; i < 70; i++) bob.send(group, "later" + i, "later message " + i);
            page.locator(".tabs").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Chats")).click();
            Locator box = page.getByLabel("Search your messages");
            box.fill("北京 water");
            box.press("Enter");
            Locator results = page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Messages found"));
            assertThat(results.locator("li")).hasCount(1);
            assertThat(results.locator("mark")).hasText(new String[] {"北京", "water"});
            assertThat(results).containsText("Hiking 北京 Club");
            alice.screenshot("message-search");

            results.locator("a").first().click();
            Locator message = alice.message("我们明天去北京看看长城");
            assertThat(message).isVisible();
            assertThat(message).hasClass(Pattern.compile("found"));
            assertThat(page).hasURL(Pattern.compile("#/chats/" + group + "/at/\\d+$"));
            alice.screenshot("message-search-jump");

            box.fill("nothing-like-this");
            box.press("Enter");
            assertThat(page.locator(".search-status")).containsText("No messages with “nothing-like-this”.");
            box.fill("%");
            box.press("Enter");
            assertThat(page.locator(".search-status")).containsText("no words or characters to search for");
        }
    }
}
