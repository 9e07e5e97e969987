package org.stoa.server.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.WebSocketRoute;
import com.microsoft.playwright.options.AriaRole;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.stoa.server.support.Api;
import org.stoa.server.support.BrowserTest;
import org.stoa.server.support.ChatPage;
import org.stoa.server.support.Images;
import org.stoa.server.support.Response;
import org.stoa.server.support.TestServer;

/** The web client in a real browser against a real server: what people see and do. */
class WebClientTest extends BrowserTest {

    /** A desktop browser whose stream goes through the test, which can cut it and sees where it reconnects. */
    private record CuttableBrowser(BrowserContext context, List<String> streamUrls, AtomicReference<WebSocketRoute> stream) {
        /** Offline, and the open stream closed: the client starts reconnecting. */
        void cut() {
            context.setOffline(true);
            stream.get().close();
        }
    }

    private CuttableBrowser cuttableBrowser() {
        CuttableBrowser browser = new CuttableBrowser(desktop(), new CopyOnWriteArrayList<>(), new AtomicReference<>());
        browser.context().routeWebSocket(Pattern.compile("/api/v1/stream"), ws -> {
            browser.streamUrls().add(ws.url());
            ws.connectToServer();
            browser.stream().set(ws);
        });
        return browser;
    }

    @Test
    void twoPeopleRegisterBecomeContactsAndChatInRealTimeWithTextAndAnImage() {
        try (TestServer server = new TestServer(dir)) {
            ChatPage alice = ChatPage.open(desktop(), server, "alice");
            ChatPage bob = ChatPage.open(phone(), server, "bob");
            alice.screenshot("login");
            alice.register();
            bob.register();

            alice.requestContact("bob");
            bob.goToContacts();
            assertThat(bob.person("Requests to you", "alice")).isVisible();
            bob.screenshot("contacts-phone");
            bob.acceptRequestFrom("alice");
            assertThat(alice.person("Your contacts", "bob")).isVisible();

            alice.openChatWith("bob");
            alice.send("Hi Bob, this is Alice");
            assertThat(alice.message("Hi Bob, this is Alice")).hasAttribute("data-state", "delivered");

            // Bob's list learns of the chat and the unread message live; reading it clears the count.
            bob.goToChats();
            assertThat(bob.unreadBadge("alice")).hasText("1");
            assertThat(bob.conversationRow("alice")).containsText("Hi Bob, this is Alice");
            bob.openConversation("alice");
            assertThat(bob.message("Hi Bob, this is Alice")).isVisible();
            bob.send("Hello Alice!");
            assertThat(alice.message("Hello Alice!")).isVisible();

            alice.attachImage("orange.png", Images.encode("png", 640, 480));
            alice.screenshot("image-preview");
            alice.clickSend();
            // 640 x 480 shown at 280 x 210 in both browsers, from the sizes the message carries.
            Locator alicesImage = alice.messages().getByRole(AriaRole.IMG, new Locator.GetByRoleOptions().setName("Your photo"));
            Locator bobsImage = bob.messages().getByRole(AriaRole.IMG, new Locator.GetByRoleOptions().setName("Photo from alice"));
            assertThat(alicesImage).hasJSProperty("naturalWidth", 640);
            assertThat(bobsImage).hasJSProperty("naturalWidth", 640);
            assertThat(bobsImage).hasAttribute("src", Pattern.compile("^blob:"));
            // At most 280 px wide, in proportion: on the desktop exactly that, on the phone what fits.
            assertThat(alicesImage.boundingBox().width).isEqualTo(280);
            assertThat(alicesImage.boundingBox().height).isEqualTo(210);
            assertThat(bobsImage.boundingBox().width).isLessThanOrEqualTo(280);
            assertThat(bobsImage.boundingBox().width / bobsImage.boundingBox().height).isCloseTo(4 / 3.0, within(0.02));

            bob.goToChats();
            assertThat(bob.conversationRow("alice")).containsText("Photo");
            assertThat(bob.unreadBadge("alice")).hasCount(0);
            bob.openConversation("alice");

            alice.send("Oops, wrong chat");
            assertThat(bob.message("Oops, wrong chat")).isVisible();
            alice.messageAction(alice.message("Oops, wrong chat"), "Recall");
            assertThat(bob.message("This message was recalled.")).isVisible();
            assertThat(bob.message("Oops, wrong chat")).hasCount(0);

            alice.screenshot("chat-desktop");
            bob.screenshot("chat-phone");
        }
    }

    @Test
    void aRefusedMessageStaysWithItsSenderMarkedNotDeliveredAndNeverReachesTheRecipient() {
        try (TestServer server = new TestServer(dir)) { // the bundled sample policy
            Friends friends = friends(server, desktop(), desktop());
            ChatPage alice = friends.alice(), bob = friends.bob();
            alice.openChatWith("bob");
            bob.goToChats();

            alice.send("best online casino tonight");
            Locator refused = alice.message("best online casino tonight");
            assertThat(refused).hasAttribute("data-state", "refused");
            assertThat(refused).containsText("Not delivered");
            assertThat(refused.locator(".rule-title")).hasText("Gambling advertising");
            assertThat(refused).containsText("Advertising gambling, betting or lottery services is not allowed here.");

            alice.send("buy followers cheap");
            assertThat(alice.message("buy followers cheap")).containsText("Pending review");

            alice.send("a fine message");
            assertThat(alice.message("a fine message")).hasAttribute("data-state", "delivered");
            bob.openConversation("alice");
            assertThat(bob.message("a fine message")).isVisible();
            // Sent after the other two, yet the only one Bob has: nothing refused or held reached him.
            assertThat(bob.messages()).hasCount(1);
            alice.screenshot("refused");

            // The server keeps nothing of a refused message; the sender's browser does, across a reload.
            alice.page().reload();
            assertThat(alice.message("best online casino tonight")).containsText("Not delivered");
            assertThat(alice.message("buy followers cheap")).containsText("Pending review");
            // Each where it was written, whatever the server's clock says.
            assertThat(alice.messages().locator(".bubble")).hasText(new String[] {"best online casino tonight", "buy followers cheap", "a fine message"});
        }
    }

    @Test
    void afterTheStreamDropsTheClientReconnectsAndCatchesUpOnWhatWasSentMeanwhile() {
        try (TestServer server = new TestServer(dir)) {
            CuttableBrowser bobs = cuttableBrowser();
            Friends friends = friends(server, desktop(), bobs.context());
            ChatPage alice = friends.alice(), bob = friends.bob();
            alice.openChatWith("bob");
            alice.send("before the drop");
            bob.openConversation("alice");
            assertThat(bob.message("before the drop")).isVisible();

            bobs.cut();
            assertThat(bob.connectionStatus()).hasText("Reconnecting…");
            bob.screenshot("reconnecting");
            alice.send("sent while you were away");
            alice.send("and one more");
            assertThat(alice.message("and one more")).hasAttribute("data-state", "delivered");
            assertThat(bob.message("sent while you were away")).hasCount(0);

            bobs.context().setOffline(false);
            assertThat(bob.message("sent while you were away")).isVisible();
            assertThat(bob.message("and one more")).isVisible();
            assertThat(bob.connectionStatus()).hasText("");
            assertThat(bob.messages()).hasCount(3);
            assertThat(bobs.streamUrls().getLast()).contains("since=").contains("ticket=");
            // Seen while the chat is open, so read: the marker reached the server and came back.
            assertThat(bob.unreadBadge("alice")).hasCount(0);
        }
    }

    @Test
    void awayLongerThanTheServerKeepsEventsTheClientReloadsAndShowsWhatItMissed() {
        try (TestServer server = new TestServer(dir, Map.of("events.retention", "30d", "sessions.ttl", "365d"))) {
            CuttableBrowser bobs = cuttableBrowser();
            Friends friends = friends(server, desktop(), bobs.context());
            ChatPage alice = friends.alice(), bob = friends.bob();
            alice.openChatWith("bob");
            alice.send("last month");
            bob.openConversation("alice");
            assertThat(bob.message("last month")).isVisible();

            bobs.cut();
            assertThat(bob.connectionStatus()).hasText("Reconnecting…");
            alice.send("just after you left");
            assertThat(alice.message("just after you left")).hasAttribute("data-state", "delivered");
            server.clock().advance(Duration.ofDays(31));
            alice.send("while you were away for a month");
            assertThat(alice.message("while you were away for a month")).hasAttribute("data-state", "delivered");
            assertThat(server.pruneExpiredEvents()).isPositive();

            bobs.context().setOffline(false);
            assertThat(bob.message("while you were away for a month")).isVisible();
            assertThat(bob.message("just after you left")).isVisible(); // its event is gone: the reload brought it
            assertThat(bob.message("last month")).isVisible();
            assertThat(bob.connectionStatus()).hasText("");
            assertThat(bobs.streamUrls().getLast()).as("connected afresh, without since").doesNotContain("since=");
            alice.send("and now live");
            assertThat(bob.message("and now live")).isVisible();
        }
    }

    @Test
    void sendsGoOverTheOpenStreamAndOverHttpWhileItReconnects() {
        try (TestServer server = new TestServer(dir)) {
            CuttableBrowser alices = cuttableBrowser();
            Friends friends = friends(server, alices.context(), desktop());
            ChatPage alice = friends.alice(), bob = friends.bob();
            List<String> posts = new CopyOnWriteArrayList<>();
            alice.page().onRequest(r -> {
                if (r.method().equals("POST") && r.url().endsWith("/messages")) posts.add(r.url());
            });
            alice.openChatWith("bob");
            bob.openConversation("alice");
            double before = streamSends(server);

            alice.send("over the stream");
            assertThat(alice.message("over the stream")).hasAttribute("data-state", "delivered");
            assertThat(bob.message("over the stream")).isVisible();
            assertThat(streamSends(server)).as("answered on the stream").isEqualTo(before + 1);
            assertThat(posts).as("no HTTP send").isEmpty();

            // Refused over the stream: the same notice, the rule named, as over HTTP.
            alice.send("best online casino tonight");
            Locator refused = alice.message("best online casino tonight");
            assertThat(refused).hasAttribute("data-state", "refused");
            assertThat(refused.locator(".rule-title")).hasText("Gambling advertising");
            assertThat(posts).isEmpty();

            // While the stream reconnects, a send goes over HTTP (and fails here, offline), then again once it is back.
            alices.cut();
            assertThat(alice.connectionStatus()).hasText("Reconnecting…");
            alice.send("written in a tunnel");
            Locator unsent = alice.message("written in a tunnel");
            assertThat(unsent).hasAttribute("data-state", "failed");
            assertThat(unsent).containsText("Not sent.");
            alice.screenshot("not-sent");
            assertThat(posts).hasSize(1);
            alices.context().setOffline(false);
            assertThat(unsent).hasAttribute("data-state", "delivered");
            assertThat(bob.message("written in a tunnel")).hasCount(1);
        }
    }

    /** {@code message.send} frames the server answered with a message, from /metrics. */
    private static double streamSends(TestServer server) {
        String metrics = new String(server.anonymous().get("/metrics").raw(), java.nio.charset.StandardCharsets.UTF_8);
        java.util.regex.Matcher m = Pattern.compile("(?m)^org_stoa_server_conversations_StreamSends_sends_total\\{answer=\"message\"[^}]*} (\\S+)$")
                .matcher(metrics);
        if (!m.find()) throw new AssertionError("no stream sends counted in /metrics");
        return Double.parseDouble(m.group(1));
    }

    @Test
    void failedSendsAreRetriedWithTheSameClientIdAndArriveOnce() {
        try (TestServer server = new TestServer(dir)) {
            BrowserContext alicesBrowser = desktop();
            // Alice's stream, through the test: it can lose a send on its way to the server, or its answer on the way back.
            AtomicReference<String> loseThere = new AtomicReference<>();
            AtomicReference<String> loseAnswer = new AtomicReference<>();
            AtomicInteger sends = new AtomicInteger();
            alicesBrowser.routeWebSocket(Pattern.compile("/api/v1/stream"), ws -> {
                WebSocketRoute toServer = ws.connectToServer();
                ws.onMessage(frame -> {
                    String text = frame.text();
                    if (text.contains("\"message.send\"")) sends.incrementAndGet();
                    if (loseThere.get() != null && text.contains(loseThere.get())) {
                        loseThere.set(null);
                        ws.close(); // the connection died before the server read the send
                        return;
                    }
                    toServer.send(text);
                });
                toServer.onMessage(frame -> {
                    String text = frame.text();
                    if (loseAnswer.get() != null && text.contains("\"message.ack\"") && text.contains(loseAnswer.get())) {
                        loseAnswer.set(null);
                        ws.close(); // stored, but the connection died before the answer came back
                        return;
                    }
                    ws.send(text);
                });
            });
            Friends friends = friends(server, alicesBrowser, desktop());
            ChatPage alice = friends.alice(), bob = friends.bob();
            alice.openChatWith("bob");
            bob.openConversation("alice");
            alice.send("warming up");
            assertThat(bob.message("warming up")).isVisible();

            // Lost on the way there: sent again with its clientId once the stream is back.
            loseThere.set("lost on the way there");
            int before = sends.get();
            alice.send("lost on the way there");
            assertThat(alice.message("lost on the way there")).hasAttribute("data-state", "delivered");
            assertThat(sends.get() - before).as("sent, lost, sent again").isGreaterThanOrEqualTo(2);

            // Stored, the answer lost: the resumed stream tells of it, and a retry is answered with the same message.
            loseAnswer.set("its answer lost");
            alice.send("its answer lost");
            assertThat(alice.message("its answer lost")).hasAttribute("data-state", "delivered");

            assertThat(bob.message("lost on the way there")).hasCount(1);
            assertThat(bob.message("its answer lost")).hasCount(1);
            assertThat(bob.messages()).hasCount(3);
            assertThat(alice.messages()).hasCount(3);
            alice.page().reload();
            assertThat(alice.messages()).hasCount(3);
        }
    }

    @Test
    void loggingOutEndsTheSessionAndTheKeyboardAloneLogsBackInAndChats() {
        try (TestServer server = new TestServer(dir)) {
            Friends friends = friends(server, desktop(), desktop());
            ChatPage alice = friends.alice(), bob = friends.bob();
            alice.openChatWith("bob");
            Api oldSession = alice.api(server);
            alice.send("back in a minute");
            bob.openConversation("alice");
            assertThat(bob.message("back in a minute")).isVisible();

            alice.logOut();
            assertThat(oldSession.get("/api/v1/me").status()).as("the token is revoked").isEqualTo(401);
            alice.page().reload();
            assertThat(alice.page().getByLabel("Username")).isVisible();

            alice.logInByKeyboard();
            alice.conversationRow("bob").focus();
            alice.page().keyboard().press("Enter");
            assertThat(alice.messageBox()).isFocused();
            alice.page().keyboard().type("typed without a mouse");
            alice.page().keyboard().press("Enter");
            assertThat(bob.message("typed without a mouse")).isVisible();
            assertThat(alice.message("back in a minute")).isVisible();
        }
    }

    @Test
    void olderMessagesLoadWhenScrollingUpWithoutMovingWhatIsOnScreen() {
        try (TestServer server = new TestServer(dir, TestServer.MESSAGE_FLOOD)) {
            Friends friends = friends(server, desktop(), desktop());
            ChatPage alice = friends.alice(), bob = friends.bob();
            alice.openChatWith("bob");
            long chat = alice.openConversationId();
            Api api = alice.api(server);
            for (int i = 1; i <= 120; i++) {
                Response sent = api.post("/api/v1/conversations/" + chat + "/messages", Map.of("clientId", "m" + i, "text", "message " + i));
                assertThat(sent.status()).isEqualTo(201);
            }

            // Only once Bob's client has taken in every live event: a chat opened while they still
            // arrive keeps each one that comes after it opened, on top of the newest page.
            bob.goToChats();
            assertThat(bob.conversationRow("alice").locator(".conversation-preview")).hasText("message 120");
            bob.openConversation("alice");
            assertThat(bob.message("message 120")).isVisible();
            assertThat(bob.messages()).hasCount(50);
            Locator scroller = bob.page().locator(".scroller");
            scroller.evaluate("el => el.scrollTop = 0");
            assertThat(bob.messages()).hasCount(100);
            // The message that was at the top before the page above it arrived is still on screen.
            assertThat(bob.message("message 71")).isInViewport();
            scroller.evaluate("el => el.scrollTop = 0");
            assertThat(bob.messages()).hasCount(120);
            assertThat(bob.page().getByText("This is the start of the conversation.")).isVisible();
        }
    }

    @Test
    void groupsAreCreatedFromContactsAndMembersComeAndGo() {
        try (TestServer server = new TestServer(dir)) {
            ChatPage alice = ChatPage.open(desktop(), server, "alice");
            ChatPage bob = ChatPage.open(desktop(), server, "bob");
            ChatPage carol = ChatPage.open(desktop(), server, "carol");
            alice.register();
            bob.register();
            carol.register();
            ChatPage.befriend(alice, bob);
            ChatPage.befriend(alice, carol);

            alice.createGroup("Weekend plans", "bob");
            assertThat(alice.chatSubtitle()).hasText("2 members");
            alice.send("Who is in?");
            bob.openConversation("Weekend plans");
            assertThat(bob.message("Who is in?").locator(".sender")).hasText("alice");

            Locator members = alice.openMembers();
            members.getByLabel("carol", new Locator.GetByLabelOptions().setExact(true)).check();
            members.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add").setExact(true)).click();
            assertThat(members.locator(".person")).hasCount(3);
            alice.screenshot("group-members");
            carol.goToChats();
            assertThat(carol.conversationRow("Weekend plans")).isVisible();

            // Removed while looking at it: the chat closes and the group leaves Bob's list.
            members.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Remove bob")).click();
            assertThat(members.locator(".person")).hasCount(2);
            alice.closeDialog();
            assertThat(bob.page().getByText("You were removed from this group.")).isVisible();
            assertThat(bob.conversationRow("Weekend plans")).hasCount(0);

            carol.openConversation("Weekend plans");
            carol.openMembers().getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Leave group")).click();
            carol.page().getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Leave").setExact(true)).click();
            assertThat(carol.conversationRow("Weekend plans")).hasCount(0);
            assertThat(alice.chatSubtitle()).hasText("Only you");
        }
    }
}
