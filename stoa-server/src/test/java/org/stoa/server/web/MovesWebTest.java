package org.stoa.server.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
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
 * Moving to a new account in a real browser, on both accounts and at a contact's: the new account
 * names the old one, the old one moves from its Settings and follows how its contacts answer, and a
 * contact who owns a group with the old account in it adds the new one, as a contact and back into
 * the group, with one tap. An account the policy keeps from moving is told why, and can appeal.
 */
class MovesWebTest extends BrowserTest {

    @Test
    void theNewAccountNamesTheOldOneWhichMovesAndAContactAddsTheNewAccountWithOneTap() {
        try (TestServer server = new TestServer(dir)) {
            Friends friends = friends(server, desktop(), phone());
            ChatPage alice = friends.alice(), bob = friends.bob();
            Response club = bob.api(server).post("/api/v1/conversations",
                    Map.of("type", "group", "title", "Book club", "members", List.of(alice.user(server).id())));
            assertThat(club.status()).isEqualTo(201);

            ChatPage alicenew = ChatPage.open(desktop(), server, "alicenew");
            alicenew.register();
            alicenew.goToSettings();
            Locator here = alicenew.page().getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Moving here from another account"));
            here.getByLabel("Your old account").fill("alice");
            here.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Name it")).click();
            Locator named = alicenew.page().getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Accounts moving here"));
            assertThat(named).containsText("alice");
            assertThat(named).containsText("may move here");
            named.scrollIntoViewIfNeeded();
            alicenew.screenshot("move-alias");

            alice.goToSettings();
            Locator away = alice.page().getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Move to a new account"));
            away.getByLabel("Your new account").fill("alicenew");
            away.getByLabel("This account’s password").fill("not my password");
            away.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Move my contacts")).click();
            assertThat(away.getByRole(AriaRole.ALERT)).hasText("The password is wrong.");
            away.getByLabel("This account’s password").fill(ChatPage.passwordOf("alice"));
            away.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Move my contacts")).click();
            Locator state = away.locator(".move-state");
            assertThat(state).containsText("You moved to alicenew on");
            assertThat(state).containsText("0 contacts accepted, 1 has not answered yet, 0 ignored it.");
            assertThat(away.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel the move"))).isVisible();
            assertThat(state).not().containsText("false");
            alice.screenshot("move-done");

            bob.goToContacts();
            assertThat(bob.page().locator(".tabs .badge")).hasText("1");
            Locator card = bob.person("Contacts who moved", "alice moved to alicenew.");
            assertThat(card).containsText("Accepting adds alicenew to your contacts and adds alicenew back to “Book club”, in one step.");
            bob.screenshot("move-card-phone");
            card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add alicenew")).click();
            assertThat(bob.page().locator(".toast").last()).containsText("Added alicenew to your contacts and back to “Book club”.");
            assertThat(bob.person("Your contacts", "alicenew")).isVisible();
            assertThat(card).hasCount(0);

            alicenew.goToContacts();
            assertThat(alicenew.person("Your contacts", "bob")).isVisible();
            alicenew.openConversation("Book club");

            alice.goToChats();
            alice.goToSettings();
            assertThat(state).containsText("1 contact accepted, 0 have not answered yet, 0 ignored it.");
            assertThat(server.anonymous().get("/api/v1/accounts/alice").json().get("movedTo").asText()).isEqualTo("alicenew");
            alicenew.goToSettings();
            assertThat(named).containsText("moved here");
        }
    }

    @Test
    void anAccountSuspendedForScamsIsRefusedWithTheDecisionItCanAppeal() {
        try (TestServer server = new TestServer(dir)) {
            User admin = server.registerWith("mod", Role.ADMIN);
            ChatPage alice = ChatPage.open(desktop(), server, "alice");
            alice.register();
            User alicenew = server.register("alicenew");
            alicenew.api().put("/api/v1/me/aliases", Map.of("username", "alice"));
            ConsolePage console = ConsolePage.open(desktop(), server);
            console.logIn(admin);
            console.lookUp("alice");
            Locator form = console.page().locator(".sanction-form");
            form.getByLabel("Suspension: no sending at all").check();
            form.getByLabel("Rule it rests on (optional)").selectOption("scams");
            form.getByLabel("Reason").fill("Asked three members for a processing fee to release a prize.");
            form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Impose sanction")).click();
            assertThat(console.page().getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Sanctions in force")))
                    .containsText("Suspension");
            assertThat(alice.sanctionBanner()).containsText("Your account is suspended until");

            alice.goToSettings();
            Locator away = alice.page().getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Move to a new account"));
            assertThat(away.getByLabel("Your new account")).isEnabled();
            away.getByLabel("Your new account").fill(alicenew.username());
            away.getByLabel("This account’s password").fill(ChatPage.passwordOf("alice"));
            away.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Move my contacts")).click();
            Locator refused = away.getByRole(AriaRole.ALERT);
            assertThat(refused).containsText("This account may not move: the move to " + alicenew.username() + " was refused");
            assertThat(refused).containsText("the policy keeps accounts sanctioned for scam from moving");
            refused.scrollIntoViewIfNeeded();
            alice.screenshot("move-refused");
            refused.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Why?")).click();
            assertThat(alice.page().locator(".decision h2")).containsText("Move refused");
            Locator panel = alice.page().locator(".appeal-panel");
            assertThat(panel).containsText("If you think this decision is wrong, you can appeal it until");
            assertThat(panel.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Appeal"))).isVisible();
        }
    }
}
