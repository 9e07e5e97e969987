package org.stoa.server.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.stoa.server.accounts.Role;
import org.stoa.server.support.BrowserTest;
import org.stoa.server.support.ChatPage;
import org.stoa.server.support.ConsolePage;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

/**
 * Channels in a real browser: an owner starts one and posts, a reader finds it in Discover, subscribes
 * and gets posts live; a moderator freezes it from the console and the reader sees the notice with the
 * rule, the date, the end and the decision; lifted, it comes back.
 */
class ChannelsWebTest extends BrowserTest {

    @Test
    void createDiscoverSubscribeFreezeAndRestore() {
        try (TestServer server = new TestServer(dir)) {
            User moderator = server.registerWith("mod", Role.MODERATOR);
            ChatPage alice = ChatPage.open(desktop(), server, "alice");
            ChatPage bob = ChatPage.open(desktop(), server, "bob");
            alice.register();
            bob.register();

            // Alice starts a channel and posts to it.
            Page a = alice.page();
            a.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Channels")).click();
            a.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New channel")).click();
            Locator form = a.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("New channel"));
            form.getByLabel("Handle").fill("harbour_news");
            form.getByLabel("Title").fill("Harbour news");
            form.getByLabel("Description").fill("Ferry times and harbour works");
            form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create channel")).click();
            assertThat(a.locator(".channel-head h2")).hasText("Harbour news");
            assertThat(a.locator(".channel-head")).containsText("you are its owner");
            postAs(a, "Saturday: ferries every 40 minutes");
            assertThat(post(a, "Saturday: ferries every 40 minutes")).isVisible();

            // Bob finds it in Discover, subscribes, and gets the next post live.
            Page b = bob.page();
            b.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Channels")).click();
            b.getByLabel("Search channels").fill("harb");
            Locator found = b.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Channels found"));
            found.getByRole(AriaRole.LINK).filter(new Locator.FilterOptions().setHasText("Harbour news")).click();
            assertThat(post(b, "Saturday: ferries every 40 minutes")).isVisible();
            assertThat(b.locator(".channel-composer textarea")).hasCount(0); // only owners and editors post
            b.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Subscribe")).click();
            assertThat(b.locator(".channel-head .subscribers")).hasText("1 subscriber");
            assertThat(b.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Unsubscribe"))).isVisible();
            postAs(a, "Extra ferry at 18:00 tonight");
            assertThat(post(b, "Extra ferry at 18:00 tonight")).isVisible();
            alice.screenshot("channel-owner");
            bob.screenshot("channel-subscriber");

            // A moderator freezes it from the console, with the rule and a reason.
            ConsolePage console = ConsolePage.open(desktop(), server);
            console.logIn(moderator);
            console.go("Channels");
            Page m = console.page();
            m.getByLabel("Handle or title").fill("harbour");
            m.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();
            m.getByRole(AriaRole.LINK).filter(new Locator.FilterOptions().setHasText("@harbour_news")).click();
            assertThat(console.heading("Channel: Harbour news (@harbour_news)")).isVisible();
            Locator ladder = m.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Sanction channel @harbour_news"));
            ladder.getByLabel("Freeze: read-only, posts stay visible").check();
            ladder.getByLabel("Duration").fill("7");
            ladder.getByLabel("Unit").selectOption("d");
            ladder.getByLabel("Rule it rests on (optional)").selectOption("scams");
            ladder.getByLabel("Reason (the owner reads it)").fill("Fake ferry tickets sold through this channel");
            ladder.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Impose")).click();
            Locator inForce = m.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Channel sanctions in force"));
            assertThat(inForce).containsText("frozen (read-only)");
            assertThat(m.locator(".channel-state")).containsText("frozen");
            console.heading("Channel: Harbour news (@harbour_news)").scrollIntoViewIfNeeded();
            console.screenshot("console-channel");

            // Bob is told, live: the rule, the date, the end and the public part of the decision.
            Locator notice = b.locator(".channel-notice");
            assertThat(notice).containsText("This channel was frozen (read-only) on");
            assertThat(notice).containsText("under the rule “Scam”");
            assertThat(notice).containsText(", until ");
            notice.getByText("Read the decision").click();
            assertThat(notice.locator(".decision-public")).containsText("scam");
            assertThat(post(b, "Extra ferry at 18:00 tonight")).isVisible(); // frozen: posts stay visible
            assertThat(b.locator(".notice-entry")).containsText("This channel was frozen");
            bob.screenshot("channel-frozen");
            // Alice can no longer post, and sees why.
            assertThat(a.locator(".channel-notice")).containsText("frozen");
            assertThat(a.locator(".channel-composer textarea")).isDisabled();

            // Lifted: the channel comes back as it was, subscription and all.
            inForce.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Lift")).click();
            m.getByLabel("Why lift it?").fill("The tickets were genuine after all");
            m.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Lift")).click();
            assertThat(b.locator(".channel-notice")).isHidden();
            assertThat(b.locator(".notice-entry").last()).containsText("restored");
            assertThat(b.locator(".channel-head .subscribers")).hasText("1 subscriber");
            assertThat(a.locator(".channel-composer textarea")).isEnabled();
            postAs(a, "Back to normal: ferries every 40 minutes");
            assertThat(post(b, "Back to normal: ferries every 40 minutes")).isVisible();
        }
    }

    private static void postAs(Page page, String text) {
        page.getByLabel("Write a post").fill(text);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Post").setExact(true)).click();
    }

    private static Locator post(Page page, String text) {
        return page.locator(".channel-entry.post").filter(new Locator.FilterOptions().setHasText(text));
    }
}
