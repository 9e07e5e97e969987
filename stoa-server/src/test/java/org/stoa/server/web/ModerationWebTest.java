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
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.stoa.server.accounts.Role;
import org.stoa.server.support.BrowserTest;
import org.stoa.server.support.ChatPage;
import org.stoa.server.support.ConsolePage;
import org.stoa.server.support.Images;
import org.stoa.server.support.Response;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

/**
 * Moderation in a real browser against a real server running the sample policy: what people see of
 * it in the chat, and what moderators do in the console at /admin.
 */
class ModerationWebTest extends BrowserTest {

    @Test
    void anImageAModeratorBankedIsNotDeliveredAndItsSenderSeesTheRuleAndTheDecision() {
        try (TestServer server = new TestServer(dir)) {
            User moderator = server.registerWith("mod", Role.ADMIN);
            ConsolePage console = ConsolePage.open(desktop(), server);
            console.logIn(moderator);
            byte[] banner = Images.encode(Images.photo(42, 640, 480), "png", 1);
            console.addToBank("scam-banners", "scam.png", banner, "known advance-fee scam banner");
            // Its SHA-256, its MD5, and a PDQ hash for the whole picture and for any picture inside it.
            assertThat(console.page().locator(".pager [role=status]")).hasText(Pattern.compile("^Entries 1 to (\\d+) of \\1$"));
            assertThat(console.page().locator(".entries-table tbody tr td:first-child").first()).hasText("sha256");
            assertThat(console.page().locator(".entries-table tbody tr td:first-child").nth(2)).hasText("pdq");
            console.screenshot("console-bank");

            Friends friends = friends(server, desktop(), desktop());

            ChatPage alice = friends.alice(), bob = friends.bob();
            alice.openChatWith("bob");
            bob.openChatWith("alice");

            alice.attachImage("scam.png", banner);
            alice.clickSend();
            Locator refused = alice.page().locator(".message[data-state=refused]");
            assertThat(refused).containsText("Not delivered");
            assertThat(refused.locator(".rule-title")).hasText("Known scam image");
            assertThat(refused).containsText("This image is a known scam banner.");
            alice.send("a fine message after it");
            assertThat(bob.message("a fine message after it")).isVisible();
            assertThat(bob.messages()).hasCount(1); // the image reached nobody
            assertThat(bob.messages().getByRole(AriaRole.IMG)).hasCount(0);
            alice.screenshot("refused-image");

            refused.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Why? See the decision")).click();
            Locator decision = alice.page().locator(".decision");
            assertThat(decision.getByRole(AriaRole.HEADING, new Locator.GetByRoleOptions().setLevel(2)))
                    .hasText(Pattern.compile("^Decision \\d+: Not delivered$"));
            assertThat(decision).containsText("Known scam image (known-scam-images, version 1)");
            assertThat(decision).containsText("matched image bank scam-banners by exact sha256 hash");
            assertThat(decision).containsText("sample-2026.11#");
            assertThat(decision).containsText("Fully automated");
            Locator redress = decision.locator(".redress");
            assertThat(redress).containsText("If you think this decision is wrong, you can appeal it until");
            assertThat(redress).containsText("a moderator who took no part in it decides");
            // Its sender uploaded the image, so the decision shows it rather than its id.
            assertThat(decision.getByRole(AriaRole.IMG, new Locator.GetByRoleOptions().setName("The image this decision is about")))
                    .hasJSProperty("naturalWidth", 640);
            alice.screenshot("decision");
            alice.page().getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Back")).click();
            assertThat(alice.page().locator(".chat-title")).hasText("bob");

            // The policy page: the rule that fired, and a shadow rule counting what it would have done.
            alice.send("限时优惠 on cakes this week");
            assertThat(bob.message("限时优惠 on cakes this week")).isVisible();
            console.go("Policy");
            assertThat(console.page().locator("tr[data-rule=known-scam-images]")).containsText("block");
            assertThat(console.page().locator("tr[data-rule=promo-watch] .shadow-hits")).hasText("1");
            assertThat(console.page().locator(".ocr-status")).hasText(Pattern.compile("^(available|unavailable)"));
            console.screenshot("console-policy");
        }
    }

    @Test
    void aReportedMessageRemovedInTheConsoleTellsTheReporterTheOutcomeAndTheSenderWhy() {
        try (TestServer server = new TestServer(dir)) {
            User moderator = server.registerWith("mod", Role.MODERATOR);
            Friends friends = friends(server, desktop(), phone());
            ChatPage alice = friends.alice(), bob = friends.bob();
            alice.openChatWith("bob");
            alice.send("you are all idiots");
            bob.openConversation("alice");
            bob.report(bob.message("you are all idiots"), "Insulting me for no reason");
            bob.goToSafety();
            Locator report = bob.page().locator(".report");
            assertThat(report).containsText("Insulting me for no reason");
            assertThat(report).containsText("Waiting for a moderator.");

            ConsolePage console = ConsolePage.open(desktop(), server);
            console.logIn(moderator);
            Locator item = console.queueItem("you are all idiots");
            assertThat(item.locator("h3")).hasText("Reported");
            assertThat(item).containsText("“Insulting me for no reason” from bob");
            console.screenshot("console-queue");
            console.act(item, "Insults towards another member", "Remove message");
            assertThat(item.locator(".result")).containsText("Removed for everyone.");
            assertThat(console.page().locator(".console-nav a[href='#/queue'] .badge")).isHidden(); // nothing left waiting

            // The reporter learns the outcome live; the sender sees the removal and the moderator's reason.
            assertThat(report).containsText("Resolved: the message was removed");
            bob.screenshot("report-resolved-phone");
            Locator removed = alice.message("This message was removed by a moderator.");
            assertThat(removed).hasAttribute("data-state", "removed");
            assertThat(removed).containsText("Reason: Insults towards another member");
            assertThat(alice.message("you are all idiots")).hasCount(0);
            alice.screenshot("removed");
            removed.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("See the decision")).click();
            Locator decision = alice.page().locator(".decision");
            assertThat(decision.locator("h2")).containsText("Removed by a moderator");
            assertThat(decision).containsText("you are all idiots");
            assertThat(decision).containsText("Insults towards another member");
            assertThat(decision).containsText("after a report from a user");

            bob.openConversation("alice");
            assertThat(bob.message("This message was removed by a moderator.")).isVisible();
            assertThat(bob.message("you are all idiots")).hasCount(0);

            // The audit log, filtered to what this moderator did; the filter lives in the address.
            console.go("Audit log");
            console.page().getByLabel("Done by (username)").fill(moderator.username());
            console.page().getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Filter")).click();
            assertThat(console.page()).hasURL(Pattern.compile("#/audit\\?actor=" + moderator.username() + "$"));
            Locator entries = console.page().locator("table.audit tbody tr");
            assertThat(entries).hasCount(1);
            assertThat(entries.first()).hasAttribute("data-action", "decision.removed");
            assertThat(entries.first()).containsText("alice");
            console.screenshot("console-audit");
            console.page().getByLabel("Rule").selectOption("malware-lures");
            console.page().getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Filter")).click();
            assertThat(console.page().locator(".audit-results")).hasText("Nothing matches these filters.");
        }
    }

    @Test
    void aRestrictedUserSeesTheBannerCannotSendInGroupsYetSendsDirectAndReadsUntilItEndsByItself() {
        try (TestServer server = new TestServer(dir)) {
            User moderator = server.registerWith("mod", Role.ADMIN);
            BrowserContext alicesBrowser = desktop();
            alicesBrowser.clock().install(); // her browser's time can jump to the restriction's end
            ChatPage alice = ChatPage.open(alicesBrowser, server, "alice");
            alice.register();
            User aliceUser = alice.user(server);
            User bob = server.register("bob");
            User carol = server.register("carol");
            server.befriend(aliceUser, bob);
            server.befriend(aliceUser, carol);
            Response group = aliceUser.api().post("/api/v1/conversations",
                    Map.of("type", "group", "title", "Book club", "members", List.of(bob.id(), carol.id())));
            assertThat(group.status()).isEqualTo(201);
            server.direct(aliceUser, bob);

            ConsolePage console = ConsolePage.open(desktop(), server);
            console.logIn(moderator);
            console.lookUp("alice");
            console.restrict(24, "Flooding the book club with adverts", "May not send messages in groups", "May not create groups");
            assertThat(console.page().getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Sanctions in force")))
                    .containsText("Restriction: cannot send messages in groups or create groups, until");
            console.page().locator(".toast").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Dismiss")).click();
            console.heading("Account: alice").scrollIntoViewIfNeeded();
            console.screenshot("console-account");

            String endsAt = aliceUser.api().get("/api/v1/me/sanctions").json().at("/sanctions/0/endsAt").asText();
            Locator banner = alice.sanctionBanner();
            assertThat(banner).containsText("Your account is restricted until");
            assertThat(banner).containsText("you cannot send messages in groups or create groups.");
            assertThat(banner).containsText("You can still read all your conversations.");
            assertThat(banner.locator(".sanction")).hasAttribute("data-ends-at", endsAt);

            alice.openConversation("Book club");
            assertThat(alice.messageBox()).isDisabled();
            assertThat(alice.page().locator(".composer .restriction")).containsText("You can still read this conversation.");
            assertThat(alice.page().getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New group"))).isDisabled();
            assertThat(bob.send(group.id(), "b1", "see you on Thursday").status()).isEqualTo(201);
            assertThat(alice.message("see you on Thursday")).isVisible(); // reading still works
            alice.screenshot("restricted");

            // The Safety tab says the same in words, exactly while the sanction is in force.
            alice.goToSafety();
            Locator standing = alice.page().locator(".standing");
            assertThat(standing.locator(".sanction")).hasText(Pattern.compile(
                    "^Your account is restricted until .+: you cannot send messages in groups or create groups\\.$"));
            assertThat(standing).not().containsText("[object");
            alice.screenshot("safety-restricted");

            // Were she to send anyway, the server's 403 names the sanction, and problem.js says it in her words.
            String refusal = (String) alice.page().evaluate("async ([token, id]) => {"
                    + " const { Api } = await import('/js/api.js'); const { problemText } = await import('/js/problem.js');"
                    + " try { await new Api(token).post(`/conversations/${id}/messages`, { clientId: 'x', text: 'hi' }); return 'sent'; }"
                    + " catch (problem) { return problem.code + ': ' + problemText(problem); } }",
                    List.of(aliceUser.token(), (int) group.id()));
            assertThat(refusal).startsWith("account_restricted: Your account is restricted until ")
                    .endsWith("you cannot send messages in groups or create groups. You can still read your conversations.");

            alice.openConversation(bob.username());
            assertThat(alice.messageBox()).isEnabled();
            alice.send("direct messages still work");
            assertThat(alice.message("direct messages still work")).hasAttribute("data-state", "delivered");

            server.clock().advance(Duration.ofHours(24).plusMinutes(1));
            alicesBrowser.clock().fastForward("24:01:00");
            assertThat(banner).isHidden();
            alice.openConversation("Book club");
            assertThat(alice.messageBox()).isEnabled();
            alice.send("back in the club");
            assertThat(alice.message("back in the club")).hasAttribute("data-state", "delivered");
        }
    }

    @Test
    void heldMessagesApprovedOrRemovedInTheConsoleChangeOnTheSendersScreen() {
        try (TestServer server = new TestServer(dir)) {
            User moderator = server.registerWith("mod", Role.MODERATOR);
            Friends friends = friends(server, desktop(), desktop());
            ChatPage alice = friends.alice(), bob = friends.bob();
            alice.openChatWith("bob");
            bob.openChatWith("alice");
            alice.send("I can buy followers for my band");
            alice.send("buy followers cheap, click here");
            assertThat(alice.message("I can buy followers for my band")).containsText("Pending review");
            assertThat(alice.message("buy followers cheap, click here")).containsText("Pending review");

            // The moderator works on a phone, with the keyboard alone.
            ConsolePage console = ConsolePage.open(phone(), server);
            console.logIn(moderator);
            Locator legit = console.queueItem("I can buy followers for my band");
            assertThat(legit.locator("h3")).hasText("Held before delivery: Selling followers");
            assertThat(legit).containsText("matched the term");
            console.screenshot("console-queue-phone");
            legit.getByLabel("Your reason").focus();
            console.page().keyboard().type("A band promoting itself, not a sale");
            console.page().keyboard().press("Tab"); // to the rule a removal would cite
            console.page().keyboard().press("Tab");
            assertThat(legit.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Approve and deliver"))).isFocused();
            console.page().keyboard().press("Enter");
            assertThat(legit.locator(".result")).containsText("Approved");

            Locator approved = alice.message("I can buy followers for my band");
            assertThat(approved).hasAttribute("data-state", "delivered");
            assertThat(approved).not().containsText("Pending review");
            assertThat(bob.message("I can buy followers for my band")).isVisible();

            Locator spam = console.queueItem("buy followers cheap, click here");
            spam.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Remove message")).click();
            assertThat(spam.getByRole(AriaRole.ALERT)).hasText("Write your reason first: the person affected reads it.");
            console.act(spam, "Selling followers is spam", "Remove message");
            assertThat(spam.locator(".result")).containsText("Removed for everyone.");
            Locator removed = alice.message("This message was removed by a moderator.");
            assertThat(removed).containsText("Reason: Selling followers is spam");
            assertThat(alice.message("buy followers cheap, click here")).hasCount(0);
            assertThat(bob.messages()).hasCount(1); // only the approved one reached bob

            // A reload keeps both as they now are.
            alice.page().reload();
            assertThat(alice.message("I can buy followers for my band")).hasAttribute("data-state", "delivered");
            assertThat(alice.message("This message was removed by a moderator.")).isVisible();

            // Bob reports alice's account; the moderator finds it unfounded, and bob is told so.
            bob.goToContacts();
            bob.person("Your contacts", "alice").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Report")).click();
            Locator dialog = bob.page().getByRole(AriaRole.DIALOG);
            dialog.getByLabel("What is wrong?").fill("Keeps advertising follower sales");
            dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Report").setExact(true)).click();
            assertThat(dialog).hasCount(0);
            Locator refresh = console.page().getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Refresh"));
            refresh.click();
            Locator accountReport = console.queueItem("Keeps advertising follower sales");
            assertThat(accountReport).containsText("A report about the account alice.");
            // A reason half written stays through a refresh: the item still waits, so it stays as it is.
            accountReport.getByLabel("Your reason").fill("One approved post");
            refresh.click();
            assertThat(refresh).isEnabled();
            assertThat(accountReport.getByLabel("Your reason")).hasValue("One approved post");
            console.act(accountReport, "One approved post about a band is not spam", "Dismiss report");
            assertThat(accountReport.locator(".result")).containsText("Dismissed");
            bob.goToSafety();
            assertThat(bob.page().locator(".report")).containsText("Resolved: no action: One approved post about a band is not spam.");
        }
    }

    @Test
    void theQueueCountFollowsTheQueueLiveAndAPermanentBanAsksFirstSayingWhatTheAccountKeeps() {
        try (TestServer server = new TestServer(dir)) {
            User moderator = server.registerWith("mod", Role.MODERATOR);
            User colleague = server.registerWith("colleague", Role.MODERATOR);
            User alice = server.register("alice");
            User bob = server.register("bob");
            server.befriend(alice, bob);
            long direct = server.direct(alice, bob);

            ConsolePage console = ConsolePage.open(desktop(), server);
            console.logIn(moderator);
            Locator status = console.page().locator(".queue-status");
            assertThat(status).hasText("Nothing is waiting. Well done.");
            assertThat(console.queueBadge()).isHidden();

            // Items arrive while the moderator watches: the count and the list follow without a reload.
            assertThat(alice.send(direct, "h1", "buy followers cheap, click here").status()).isEqualTo(202);
            assertThat(console.queueBadge()).hasText("1");
            assertThat(status).hasText("1 item is waiting, oldest first.");
            assertThat(console.queueItem("buy followers cheap, click here")).isVisible();

            // In another section too.
            console.lookUp(alice.username());
            Response report = bob.api().post("/api/v1/reports", Map.of("accountId", alice.id(), "reason", "Sells followers to everyone"));
            assertThat(report.status()).isEqualTo(201);
            assertThat(console.queueBadge()).hasText("2");

            // A permanent ban asks first, saying what it takes, that only a lift ends it, and what the account keeps.
            console.banPermanently("Runs a follower-selling business through the chat");
            Locator confirm = console.page().getByRole(AriaRole.DIALOG);
            assertThat(confirm.getByRole(AriaRole.HEADING)).hasText("Ban " + alice.username() + " permanently?");
            assertThat(confirm).containsText("Ban: cannot send messages in groups, send direct messages, create groups, add contacts"
                    + " or post in channels, permanently. Only a moderator can lift it.");
            assertThat(confirm.locator(".kept li")).hasText(new String[] {"log in", "read their conversations",
                    "see the decisions about them and the reasons given", "appeal them, to a moderator who took no part in them",
                    "take their data with them (Download my data)",
                    "move to a new account and tell their contacts where they went, unless the policy refuses that for the"
                            + " sanction’s category"});
            console.screenshot("console-ban-confirm");
            confirm.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel")).click();
            assertThat(confirm).hasCount(0);
            assertThat(console.page().locator(".account-body")).containsText("None: the account can use everything.");
            assertThat(alice.api().get("/api/v1/me/sanctions").json().get("sanctions")).as("cancelled: no ban").isEmpty();

            console.page().locator(".sanction-form").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Impose sanction")).click();
            confirm.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Ban permanently")).click();
            assertThat(console.page().getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Sanctions in force")))
                    .containsText("Ban: cannot send messages in groups, send direct messages, create groups, add contacts or post in channels, permanently.");
            assertThat(alice.api().get("/api/v1/me/sanctions").json().at("/sanctions/0/kind").asText()).isEqualTo("ban");

            // Another moderator deals with the report: it leaves this console's count and says so in its list.
            console.go("Queue");
            Locator reported = console.queueItem("Sells followers to everyone");
            assertThat(reported).isVisible();
            assertThat(colleague.api().post("/api/v1/moderation/dismissals",
                    Map.of("reportId", report.id(), "reason", "Handled with the ban")).status()).isEqualTo(204);
            assertThat(console.queueBadge()).hasText("1");
            assertThat(reported.locator(".result")).hasText("No longer waiting: someone else dealt with it.");
            assertThat(reported.getByRole(AriaRole.BUTTON)).hasCount(0);

            console.act(console.queueItem("buy followers cheap, click here"), "Selling followers is spam", "Remove message");
            assertThat(console.queueBadge()).isHidden();
            assertThat(status).hasText("Nothing is waiting. Well done.");
        }
    }

    @Test
    void someoneWhoIsNotAModeratorIsToldPlainlyThatTheConsoleIsNotForThem() {
        try (TestServer server = new TestServer(dir)) {
            ChatPage bob = ChatPage.open(desktop(), server, "bob");
            bob.register();
            ConsolePage console = ConsolePage.from(bob, server);
            assertThat(console.heading("Moderators only")).isVisible();
            assertThat(console.page().locator(".not-allowed")).containsText("Your account, bob, is not one of them.");
            assertThat(console.page().getByRole(AriaRole.NAVIGATION)).hasCount(0);
            console.screenshot("console-not-allowed");
            assertThat(bob.api(server).get("/api/v1/moderation/queue").status()).as("the API refuses too").isEqualTo(403);

            console.page().getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Back to the chat")).click();
            assertThat(bob.page().locator(".topbar .me")).hasText("bob");
            assertThat(bob.page().getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Moderation"))).isHidden();

            // Logged out, /admin asks for a moderator's login and offers no sign-up.
            ConsolePage anonymous = ConsolePage.open(desktop(), server);
            assertThat(anonymous.page().getByText("Moderation console. Log in with a moderator’s or an admin’s account.")).isVisible();
            assertThat(anonymous.page().getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New here? Create an account"))).hasCount(0);
        }
    }
}
