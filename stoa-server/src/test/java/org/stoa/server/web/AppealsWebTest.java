package org.stoa.server.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stoa.server.accounts.Role;
import org.stoa.server.support.BrowserTest;
import org.stoa.server.support.ChatPage;
import org.stoa.server.support.ConsolePage;
import org.stoa.server.support.Response;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

/**
 * Due process in a real browser against a real server running the sample policy: a warning read and
 * acknowledged before the ladder climbs; "Appeal" with its deadline on the decisions a person sees,
 * whatever their sanction; the console's Appeals queue, where whoever took a decision cannot decide
 * its appeal; and a permanent ban that asks first, naming what the account keeps.
 */
class AppealsWebTest extends BrowserTest {

    static final String STATEMENT = "I was asking a friend to the cinema; the bitcoin line was a joke about popcorn prices.";

    @Test
    void aWarningIsAcknowledgedThenARestrictionAppealedFromItsDecisionAndReversedInTheConsole() {
        try (TestServer server = new TestServer(dir)) {
            User admin = server.registerWith("mod", Role.ADMIN);
            BrowserContext alicesBrowser = desktop();
            alicesBrowser.clock().install(); // her browser's time follows the server's when it jumps
            Friends friends = friends(server, alicesBrowser, desktop());
            ChatPage alice = friends.alice(), bob = friends.bob();
            Response group = alice.user(server).api().post("/api/v1/conversations",
                    Map.of("type", "group", "title", "Film club", "members", List.of(bob.user(server).id())));
            assertThat(group.status()).isEqualTo(201);

            alice.openConversation("Film club");
            alice.send("online casino tonight?");
            assertThat(alice.message("online casino tonight?")).containsText("Not delivered");
            Locator banner = alice.sanctionBanner();
            Locator warning = banner.locator(".warning");
            assertThat(warning).containsText("Warning: a message of yours broke a rule.");
            assertThat(alice.messageBox()).isEnabled(); // a warning takes nothing away
            alice.screenshot("warning");
            warning.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("I understand")).click();
            assertThat(banner).isHidden();

            // Later, after the burst window: a second offence climbs to the restriction in groups.
            server.clock().advance(Duration.ofMinutes(11));
            alicesBrowser.clock().fastForward("11:00");
            alice.send("double your bitcoin with me, then popcorn");
            assertThat(banner.locator(".sanction")).containsText("Your account is restricted until");
            assertThat(alice.messageBox()).isDisabled();

            banner.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Why? You can appeal")).click();
            Locator panel = alice.page().locator(".appeal-panel");
            assertThat(panel).containsText("If you think this decision is wrong, you can appeal it until");
            assertThat(panel).containsText("Whatever sanction your account is under, you can still appeal.");
            panel.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Appeal")).click();
            Locator dialog = alice.page().getByRole(AriaRole.DIALOG);
            dialog.getByLabel("Reverse it: the decision was wrong").check();
            dialog.getByLabel("Why is the decision wrong?").fill(STATEMENT);
            dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Send appeal")).click();
            assertThat(dialog).hasCount(0);
            assertThat(panel.getByRole(AriaRole.HEADING)).hasText("Your appeal");
            assertThat(panel).containsText("Waiting for a moderator who took no part in the decision; due by");
            alice.screenshot("appeal-filed");

            ConsolePage console = ConsolePage.open(desktop(), server);
            console.logIn(admin);
            assertThat(console.page().locator(".console-nav a[href='#/appeals'] .badge")).hasText("1");
            console.go("Appeals");
            Locator appealCase = console.page().locator(".appeal-case").filter(new Locator.FilterOptions().setHasText(STATEMENT));
            assertThat(appealCase.locator("h3")).containsText("Not delivered (Scam)");
            assertThat(appealCase).containsText("double your bitcoin with me, then popcorn");
            assertThat(appealCase).containsText("asks to reverse it");
            console.screenshot("console-appeals");
            appealCase.getByLabel("Your reason").fill("Fair enough.");
            appealCase.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Reverse")).click();
            assertThat(appealCase.getByRole(AriaRole.ALERT)).hasText("Write the appellant a reason of at least 20 characters: they read it.");
            appealCase.getByLabel("Your reason").fill("Read in full this invites a friend to the cinema; no crypto offer was made.");
            appealCase.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Reverse")).click();
            assertThat(appealCase.locator(".result")).containsText("Reversed on");
            assertThat(console.page().locator(".console-nav a[href='#/appeals'] .badge")).isHidden();

            // In one step: the restriction is gone, the message reached the group, and alice is told why.
            assertThat(banner).isHidden();
            assertThat(panel).containsText("Reversed on");
            assertThat(panel).containsText("Read in full this invites a friend to the cinema; no crypto offer was made.");
            assertThat(panel).containsText("Decided by a moderator who took no part in the original decision.");
            alice.screenshot("appeal-decided");
            alice.openConversation("Film club");
            assertThat(alice.messageBox()).isEnabled();
            Locator delivered = alice.message("double your bitcoin with me, then popcorn");
            assertThat(delivered).hasAttribute("data-state", "delivered");
            assertThat(delivered).containsText("Delivered after an appeal");
            bob.openConversation("Film club");
            assertThat(bob.message("double your bitcoin with me, then popcorn")).containsText("Delivered after an appeal");
            assertThat(bob.messages()).hasCount(1);

            alice.goToSafety();
            Locator appeals = alice.page().getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Your appeals"));
            assertThat(appeals.locator(".appeal-item")).hasAttribute("data-outcome", "reversed");
            assertThat(appeals).containsText("Read in full this invites a friend to the cinema");
            Locator decisions = alice.page().getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Decisions about you"));
            assertThat(decisions).containsText("Appeal until");
            alice.screenshot("safety-appeals");
        }
    }

    @Test
    void aPermanentBanAsksFirstTheBannedAccountAppealsAndWhoeverBannedCannotDecide() {
        try (TestServer server = new TestServer(dir)) {
            User admin = server.registerWith("mod", Role.ADMIN);
            User other = server.registerWith("othermod", Role.MODERATOR);
            ChatPage alice = ChatPage.open(desktop(), server, "alice");
            alice.register();

            ConsolePage console = ConsolePage.open(desktop(), server);
            console.logIn(admin);
            console.lookUp("alice");
            Locator form = console.page().locator(".sanction-form");
            form.getByLabel("Ban: no sending, groups or contacts").check();
            form.getByLabel("Permanent (a ban only)").check();
            form.getByLabel("Reason").fill("Sold fake tickets to three members");
            form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Impose sanction")).click();
            Locator confirm = console.page().getByRole(AriaRole.DIALOG);
            assertThat(confirm.getByRole(AriaRole.HEADING)).hasText("Ban alice permanently?");
            assertThat(confirm.locator(".kept li")).hasText(new String[] {"log in", "read their conversations",
                    "see the decisions about them and the reasons given", "appeal them, to a moderator who took no part in them",
                    "take their data with them (Download my data)",
                    "move to a new account and tell their contacts where they went, unless the policy refuses that for the"
                            + " sanction’s category"});
            console.screenshot("console-ban-confirm");
            confirm.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Ban permanently")).click();
            assertThat(console.page().getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Sanctions in force")))
                    .containsText("Ban: cannot");

            Locator banner = alice.sanctionBanner();
            assertThat(banner).containsText("Your account is banned permanently");
            banner.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Why? You can appeal")).click();
            Locator panel = alice.page().locator(".appeal-panel");
            panel.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Appeal")).click();
            Locator dialog = alice.page().getByRole(AriaRole.DIALOG);
            dialog.getByLabel("Reduce it: the sanction is too much").check();
            dialog.getByLabel("Why is the decision wrong?").fill("The tickets were real; I can show the receipts. A ban for ever is too much.");
            dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Send appeal")).click();
            assertThat(panel).containsText("Waiting for a moderator");
            alice.screenshot("banned-appeal");

            console.go("Appeals");
            Locator mine = console.page().locator(".appeal-case").first();
            assertThat(mine.locator(".conflict")).hasText("You cannot decide this appeal: you took the original decision. Another moderator must.");
            assertThat(mine.getByRole(AriaRole.BUTTON)).hasCount(0);
            console.screenshot("console-appeal-conflict");

            ConsolePage second = ConsolePage.open(phone(), server);
            second.logIn(other);
            second.go("Appeals");
            Locator theirs = second.page().locator(".appeal-case").first();
            theirs.getByLabel("New end (your local time; empty keeps the end)").fill("2031-05-01T12:00");
            theirs.getByLabel("Your reason").fill("A first offence with receipts shown: a ban until May 2031 is proportionate.");
            theirs.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Modify the sanction")).click();
            assertThat(theirs.locator(".result")).containsText("Changed on");
            assertThat(theirs).containsText("Sanction now");
            second.screenshot("console-appeal-modified-phone");

            assertThat(panel).containsText("Changed on");
            assertThat(panel).containsText("Sanction before");
            assertThat(banner).containsText("Your account is banned until");
        }
    }
}
