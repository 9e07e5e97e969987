package org.stoa.server.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.stoa.server.accounts.Role;
import org.stoa.server.support.BrowserTest;
import org.stoa.server.support.ChatPage;
import org.stoa.server.support.ConsolePage;
import org.stoa.server.support.Images;
import org.stoa.server.support.TestServer;

/**
 * A channel's photos, held posts, title and description, and its posts in search, in a real browser:
 * the owner posts a photo with its caption and a post that the policy holds (which only the owner sees,
 * pending review), edits the description (a refused one says which rule); a subscriber sees the photo,
 * not the held post, and finds a post with the search box, which opens the channel at that post; a
 * moderator delivers the held post from the console, and it reaches the subscriber live.
 */
class ChannelPostsWebTest extends BrowserTest {

    @Test
    void photoPostHeldPostEditedDescriptionAndSearchToThePost() {
        try (TestServer server = new TestServer(dir)) {
            ChatPage alice = ChatPage.open(desktop(), server, "alice");
            ChatPage bob = ChatPage.open(desktop(), server, "bob");
            alice.register();
            bob.register();

            Page a = alice.page();
            a.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Channels")).click();
            a.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New channel")).click();
            Locator form = a.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("New channel"));
            form.getByLabel("Handle").fill("harbour_photos");
            form.getByLabel("Title").fill("Harbour photos");
            form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create channel")).click();
            assertThat(a.locator(".channel-head h2")).hasText("Harbour photos");

            // A photo with its caption.
            a.locator(".channel-post-form input[type=file]").setInputFiles(new FilePayload("pier.png", "image/png",
                    Images.encode(Images.photo(5, 480, 320), "png", 1)));
            assertThat(a.locator(".picked-photo")).containsText("pier.png");
            a.getByLabel("Write a post").fill("The new ferry at the pier");
            a.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Post").setExact(true)).click();
            Locator photoPost = post(a, "The new ferry at the pier");
            assertThat(photoPost.locator("img")).hasAttribute("src", Pattern.compile("^blob:"));
            assertThat(a.locator(".picked-photo")).isHidden();

            // A post the policy holds: its author sees it pending review.
            a.getByLabel("Write a post").fill("Buy followers for your channel, cheap");
            a.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Post").setExact(true)).click();
            Locator held = post(a, "Buy followers for your channel, cheap");
            assertThat(held).hasAttribute("data-status", "held");
            assertThat(held).containsText("Pending review: only you see this post");
            alice.screenshot("channel-photo-and-held");

            // The description is reviewed like a post: a refusal names the rule and saves nothing.
            a.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Edit title and description")).click();
            Locator edit = a.locator(".channel-edit");
            edit.getByLabel("Description").fill("Free spins at our online casino every night");
            edit.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save")).click();
            assertThat(edit.locator(".errors")).containsText("Not saved");
            assertThat(edit.locator(".errors")).containsText("Gambling");
            alice.screenshot("channel-description-refused");
            edit.getByLabel("Description").fill("Photos of the harbour and its ferries");
            edit.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save")).click();
            assertThat(a.locator(".channel-head .description")).hasText("Photos of the harbour and its ferries");
            assertThat(a.locator(".channel-edit")).hasCount(0);

            // A subscriber sees the photo, not the held post.
            Page b = bob.page();
            b.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Channels")).click();
            b.getByLabel("Search channels").fill("harb");
            b.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Channels found")).getByRole(AriaRole.LINK)
                    .filter(new Locator.FilterOptions().setHasText("Harbour photos")).click();
            b.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Subscribe")).click();
            assertThat(b.locator(".channel-head .subscribers")).hasText("1 subscriber");
            Locator seen = post(b, "The new ferry at the pier");
            assertThat(seen.locator("img")).hasAttribute("src", Pattern.compile("^blob:"));
            assertThat(b.locator(".channel-entry.post")).hasCount(1);
            b.waitForFunction("() => document.querySelector('.channel-entry.post img')?.naturalWidth === 480");
            bob.screenshot("channel-photo-subscriber");

            // The search box over chats finds the post and opens the channel at it.
            b.locator(".tabs").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Chats")).click();
            Locator box = b.getByLabel("Search your messages");
            box.fill("FERRY pier");
            box.press("Enter");
            Locator results = b.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Messages found"));
            assertThat(results.locator("li")).hasCount(1);
            assertThat(results).containsText("Harbour photos");
            assertThat(results.locator("mark")).hasText(new String[] {"ferry", "pier"});
            bob.screenshot("search-channel-post");
            results.locator("a").first().click();
            assertThat(b).hasURL(Pattern.compile("#/channels/\\d+/posts/\\d+$"));
            assertThat(post(b, "The new ferry at the pier")).hasClass(Pattern.compile("highlight"));

            // A moderator delivers the held post from the console; the subscriber gets it live.
            ConsolePage console = ConsolePage.open(desktop(), server);
            console.logIn(server.registerWith("mod", Role.MODERATOR));
            console.go("Channels");
            Page m = console.page();
            m.getByLabel("Handle or title").fill("harbour");
            m.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();
            m.getByRole(AriaRole.LINK).filter(new Locator.FilterOptions().setHasText("@harbour_photos")).click();
            Locator waiting = m.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Posts held for review"));
            assertThat(waiting).containsText("Buy followers for your channel, cheap");
            console.screenshot("console-channel-held");
            waiting.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Approve")).click();
            m.getByLabel("Why deliver it?").fill("The owner's own page: a joke, not a sale");
            m.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Approve")).click();
            assertThat(m.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Posts held for review"))).hasCount(0);
            assertThat(post(b, "Buy followers for your channel, cheap")).isVisible();
            assertThat(post(a, "Buy followers for your channel, cheap")).hasAttribute("data-status", "delivered");
        }
    }

    private static Locator post(Page page, String text) {
        return page.locator(".channel-entry.post").filter(new Locator.FilterOptions().setHasText(text));
    }
}
