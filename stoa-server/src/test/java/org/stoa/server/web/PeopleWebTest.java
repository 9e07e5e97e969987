package org.stoa.server.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import org.junit.jupiter.api.Test;
import org.stoa.server.support.BrowserTest;
import org.stoa.server.support.ChatPage;
import org.stoa.server.support.Images;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

/**
 * People in a real browser, on a desktop and at 390 px: a profile in another script with a picture
 * cropped square, an invite link opened on a phone that sends a request in one tap, names shown
 * with the username beside them where people are picked, a scam in a display name refused with
 * the decision, and a look-alike username refused at sign-up.
 */
class PeopleWebTest extends BrowserTest {

    @Test
    void aProfileAnInviteLinkAndNamesEverywhere() {
        try (TestServer server = new TestServer(dir)) {
            ChatPage alice = ChatPage.open(desktop(), server, "alice");
            alice.register();
            alice.goToSettings();
            Page page = alice.page();
            Locator profile = page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Your profile"));
            profile.getByLabel("Display name").fill("Алиса Liddell");
            profile.getByLabel("About you").fill("Down the rabbit hole.");
            page.locator("#avatar-file").setInputFiles(new FilePayload("me.png", "image/png", Images.encode(Images.photo(3, 300, 200), "png", 1)));
            assertThat(profile.locator(".avatar-preview img")).isVisible();
            profile.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save profile")).click();
            assertThat(profile.getByRole(AriaRole.STATUS)).hasText("Saved.");
            assertThat(page.locator(".topbar .me")).hasText("Алиса Liddell");
            assertThat(page.locator(".topbar .me-avatar img")).isVisible();
            var saved = server.anonymous().get("/api/v1/accounts/alice").json();
            assertThat(saved.get("displayName").asText()).isEqualTo("Алиса Liddell");
            var avatar = alice.api(server).get("/api/v1/media/" + saved.get("avatarId").asText());
            assertThat(avatar.json() == null && avatar.status() == 200).as("the avatar is served").isTrue();
            alice.screenshot("profile-settings");

            alice.goToContacts();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create an invite link")).click();
            Locator url = page.getByLabel("Your invite link");
            assertThat(url).hasValue(java.util.regex.Pattern.compile("http://localhost:\\d+/#/invite/[A-Za-z0-9_-]{22}"));
            String link = url.inputValue();
            page.getByText("Invite links you made").click();
            Locator invites = page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Invite links you made"));
            assertThat(invites.locator(".invite")).hasCount(1);
            assertThat(invites).containsText("used 0 times; works until revoked");
            alice.screenshot("invite-link");

            ChatPage bob = ChatPage.open(phone(), server, "bob");
            bob.register();
            bob.page().navigate(link);
            Locator invite = bob.page().locator(".invite-page");
            assertThat(invite.getByRole(AriaRole.HEADING)).containsText("Алиса Liddell");
            assertThat(invite.getByRole(AriaRole.HEADING)).containsText("@alice");
            assertThat(invite.locator(".avatar img")).isVisible();
            bob.screenshot("invite-open-phone");
            invite.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Send a contact request")).click();
            assertThat(bob.page().locator(".toast").last()).containsText("Request sent to Алиса Liddell (@alice).");
            assertThat(bob.person("Requests you sent", "Алиса Liddell")).containsText("@alice");

            alice.acceptRequestFrom("bob");
            bob.goToContacts();
            Locator contact = bob.person("Your contacts", "Алиса Liddell");
            assertThat(contact).containsText("@alice");
            assertThat(contact.locator(".avatar img")).isVisible();
            bob.screenshot("contacts-names-phone");
            contact.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Message")).click();
            assertThat(bob.page().locator(".chat-title")).hasText("Алиса Liddell");
            assertThat(bob.chatSubtitle()).hasText("Direct chat with @alice");

            alice.goToSettings();
            profile.getByLabel("Display name").fill("Ali\u202ece\u0007 L.");
            profile.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save profile")).click();
            assertThat(profile.getByLabel("Display name")).hasValue("Alice L."); // control characters and bidi overrides cleaned
            assertThat(bob.page().locator(".chat-title")).hasText("Alice L."); // a profile change reaches others live

            profile.getByLabel("Display name").fill("PayPal https://paypa1.com/login");
            profile.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save profile")).click();
            Locator refused = profile.getByRole(AriaRole.ALERT);
            assertThat(refused).containsText("Not saved:");
            refused.scrollIntoViewIfNeeded();
            assertThat(refused.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Why?"))).isVisible();
            alice.screenshot("profile-refused");
            assertThat(page.locator(".topbar .me")).hasText("Alice L.");
        }
    }

    @Test
    void aPasswordChangedALoginSignedOutAndTheAccountDeletedOnAPhone() {
        try (TestServer server = new TestServer(dir)) {
            ChatPage alice = ChatPage.open(phone(), server, "alice");
            alice.register();
            ChatPage bob = ChatPage.open(desktop(), server, "bob");
            bob.register();
            User alices = alice.user(server);
            User bobs = bob.user(server);
            server.befriend(alices, bobs);
            assertThat(alices.send(server.direct(alices, bobs), "m1", "see you at the station").status()).isEqualTo(201);
            assertThat(bob.conversationRow("alice")).isVisible();
            User laptop = server.logIn("alice", ChatPage.passwordOf("alice"));
            alice.goToSettings();
            Page page = alice.page();
            Locator logins = page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Where you are logged in"));
            assertThat(logins.locator(".session")).hasCount(2);
            assertThat(logins.locator(".session").first()).containsText("Java");
            assertThat(logins.locator(".session").last()).containsText("(this one)");
            logins.locator(".session").first().getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Sign out")).click();
            assertThat(logins.locator(".session")).hasCount(1);
            assertThat(laptop.api().get("/api/v1/me").status()).isEqualTo(401);

            User other = server.logIn("alice", ChatPage.passwordOf("alice"));
            Locator password = page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Change password"));
            password.getByLabel("Current password").fill(ChatPage.passwordOf("alice"));
            password.getByLabel("New password", new Locator.GetByLabelOptions().setExact(true)).fill("a brand new password");
            password.getByLabel("New password again").fill("a brand new password");
            password.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Change password")).click();
            assertThat(password.getByRole(AriaRole.STATUS)).hasText("Password changed. Every other login was signed out.");
            assertThat(other.api().get("/api/v1/me").status()).isEqualTo(401);
            assertThat(logins.locator(".session")).hasCount(1);
            logins.scrollIntoViewIfNeeded();
            alice.screenshot("settings-password-phone");

            Locator deletion = page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Delete my account"));
            assertThat(deletion.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Keep a copy of your data first"))).isVisible();
            deletion.getByLabel("Your password").fill("a brand new password");
            deletion.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete my account")).click();
            Locator confirm = page.locator("dialog");
            assertThat(confirm).containsText("Delete your account for good?");
            alice.screenshot("delete-account-phone");
            confirm.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete my account")).click();
            assertThat(page.getByText("Your account was deleted.")).isVisible();
            assertThat(bob.conversationRow("Deleted account")).isVisible(); // at once, from the stream
            bob.openConversation("Deleted account");
            assertThat(bob.message("see you at the station")).isVisible();
            bob.goToContacts();
            assertThat(bob.page().getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Your contacts")).locator(".person"))
                    .hasCount(0);
            assertThat(server.anonymous().post("/api/v1/sessions",
                    java.util.Map.of("username", "alice", "password", "a brand new password")).status()).isEqualTo(401);
        }
    }

    @Test
    void twoMembersWithTheSameNameAreToldApartByTheirUsernames() {
        try (TestServer server = new TestServer(dir)) {
            ChatPage alice = ChatPage.open(desktop(), server, "alice");
            alice.register();
            User owner = alice.user(server);
            User bob = server.register("bob");
            User carol = server.register("carol");
            User dan = server.register("dan");
            for (User u : java.util.List.of(bob, carol)) {
                assertThat(u.api().patch("/api/v1/me/profile", java.util.Map.of("displayName", "Alex")).status()).isEqualTo(200);
            }
            assertThat(dan.api().patch("/api/v1/me/profile", java.util.Map.of("displayName", "Dana")).status()).isEqualTo(200);
            long group = server.group(owner, java.util.List.of(bob, carol, dan));
            bob.send(group, "b1", "hello from one Alex");
            carol.send(group, "c1", "and from the other");
            dan.send(group, "d1", "hi both");
            alice.openConversation("test group");
            assertThat(alice.message("hello from one Alex").locator(".sender")).hasText("Alex (@" + bob.username() + ")");
            assertThat(alice.message("and from the other").locator(".sender")).hasText("Alex (@" + carol.username() + ")");
            assertThat(alice.message("hi both").locator(".sender")).hasText("Dana");
            alice.screenshot("same-names-group");
        }
    }

    @Test
    void aLookAlikeUsernameIsRefusedAtSignUp() {
        try (TestServer server = new TestServer(dir)) {
            server.anonymous().post("/api/v1/accounts", java.util.Map.of("username", "alice", "password", "long enough pw"));
            Page page = ChatPage.open(phone(), server, "a1ice").page();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New here? Create an account")).click();
            page.getByLabel("Username").fill("a1ice");
            page.getByLabel("Password").fill(ChatPage.passwordOf("a1ice"));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account")).click();
            assertThat(page.getByRole(AriaRole.ALERT)).containsText("looks too much like the username of an existing account");
            page.screenshot(new Page.ScreenshotOptions().setPath(ChatPage.SCREENSHOTS.resolve("username-lookalike-phone.png")));
        }
    }
}
