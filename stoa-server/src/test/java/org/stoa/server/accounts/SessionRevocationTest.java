package org.stoa.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.support.Response;
import org.stoa.server.support.StreamClient;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

/**
 * An ended session ends everywhere at once: its token, its open streams (closed with 4001) and
 * the stream tickets it took and has not used.
 */
class SessionRevocationTest {

    @TempDir
    Path dir;

    private static String ticket(User u) {
        Response r = u.api().post("/api/v1/stream/tickets", Map.of());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("ticket").asText();
    }

    private static void assertEnded(StreamClient stream) throws Exception {
        assertThat(stream.closedWith().get(10, TimeUnit.SECONDS)).as("closed: the session ended").isEqualTo(4001);
    }

    private static void assertTicketRefused(TestServer server, String ticket) {
        assertThat(StreamClient.refusal(server.port(), null, "?ticket=" + ticket).statusCode()).isEqualTo(401);
    }

    private static User secondSession(TestServer server, User u) {
        return server.logIn(u.username(), "password-" + u.username());
    }

    @Test
    void loggingOutClosesThatSessionsStreamsAndTicketsOnly() throws Exception {
        try (TestServer server = new TestServer(dir)) {
            User alice = server.register("alice");
            User bob = server.register("bob");
            server.befriend(alice, bob);
            long chat = server.direct(alice, bob);
            User aliceOnPhone = secondSession(server, alice);
            StreamClient desktop = alice.stream(null);
            StreamClient byTicket = StreamClient.connectWithTicket(server.port(), ticket(alice));
            StreamClient phone = aliceOnPhone.stream(null);
            String unused = ticket(alice);

            assertThat(alice.api().delete("/api/v1/sessions/current").status()).isEqualTo(204);
            assertEnded(desktop);
            assertEnded(byTicket);
            assertTicketRefused(server, unused);
            assertThat(alice.api().get("/api/v1/me").status()).isEqualTo(401);

            assertThat(bob.send(chat, "after", "still there?").status()).isEqualTo(201);
            phone.awaitEvent("message.created", e -> e.at("/data/clientId").asText().equals("after"));
            assertThat(desktop.events("message.created")).as("nothing reaches an ended session").isEmpty();
            phone.close();
        }
    }

    @Test
    void changingThePasswordEndsTheOtherSessionsStreamsAndTickets() throws Exception {
        try (TestServer server = new TestServer(dir)) {
            User alice = server.register("alice");
            User elsewhere = secondSession(server, alice);
            StreamClient here = alice.stream(null);
            StreamClient there = elsewhere.stream(null);
            String thereTicket = ticket(elsewhere);
            String hereTicket = ticket(alice);

            assertThat(alice.api().put("/api/v1/me/password",
                    Map.of("current", "password-" + alice.username(), "password", "a new long password")).status()).isEqualTo(204);
            assertEnded(there);
            assertTicketRefused(server, thereTicket);
            assertThat(here.closedWith()).as("the session that changed it stays").isNotDone();
            StreamClient.connectWithTicket(server.port(), hereTicket).close();
            here.close();
        }
    }

    @Test
    void anAdminEndsEverySessionOfAnAccountAndOnlyAnAdminMay() throws Exception {
        try (TestServer server = new TestServer(dir)) {
            User admin = server.registerWith("admin", Role.ADMIN);
            User moderator = server.registerWith("mod", Role.MODERATOR);
            User mallory = server.register("mallory");
            User malloryAgain = secondSession(server, mallory);
            StreamClient one = mallory.stream(null);
            StreamClient two = malloryAgain.stream(null);
            String ticket = ticket(malloryAgain);

            String path = "/api/v1/admin/accounts/" + mallory.id() + "/sessions";
            assertThat(moderator.api().delete(path).status()).isEqualTo(403);
            assertThat(mallory.api().delete(path).status()).isEqualTo(403);
            assertThat(admin.api().delete("/api/v1/admin/accounts/999999/sessions").code()).isEqualTo("account_not_found");

            Response ended = admin.api().delete(path);
            assertThat(ended.status()).as(ended.toString()).isEqualTo(200);
            assertThat(ended.json().get("sessionsEnded").asInt()).isEqualTo(2);
            assertEnded(one);
            assertEnded(two);
            assertTicketRefused(server, ticket);
            assertThat(mallory.api().get("/api/v1/me").status()).isEqualTo(401);
            assertThat(malloryAgain.api().get("/api/v1/me").status()).isEqualTo(401);
            assertThat(secondSession(server, mallory).api().get("/api/v1/me").status()).as("logging in again works").isEqualTo(200);
        }
    }

    @Test
    void aBanThatEndsSessionsClosesTheAccountsStreamsAndTicketsAndOneThatDoesNotLeavesThem() throws Exception {
        try (TestServer server = new TestServer(dir)) {
            User moderator = server.registerWith("mod", Role.MODERATOR);
            User mallory = server.register("mallory");
            User trudy = server.register("trudy");
            StreamClient mallorys = mallory.stream(null);
            String mallorysTicket = ticket(mallory);
            StreamClient trudys = trudy.stream(null);

            Response plain = moderator.api().post("/api/v1/moderation/accounts/" + trudy.id() + "/sanctions",
                    Map.of("kind", "ban", "reason", "spam from a script"));
            assertThat(plain.status()).as(plain.toString()).isEqualTo(201);
            Response ending = moderator.api().post("/api/v1/moderation/accounts/" + mallory.id() + "/sanctions",
                    Map.of("kind", "ban", "endSessions", true, "reason", "the account was taken over"));
            assertThat(ending.status()).as(ending.toString()).isEqualTo(201);
            assertEnded(mallorys);
            assertTicketRefused(server, mallorysTicket);
            assertThat(mallory.api().get("/api/v1/me").status()).isEqualTo(401);

            assertThat(trudys.closedWith()).as("a ban alone leaves reading and appealing to the open session").isNotDone();
            assertThat(trudy.api().get("/api/v1/me").status()).isEqualTo(200);
            assertThat(secondSession(server, mallory).api().get("/api/v1/me/sanctions").json().at("/sanctions/0/kind").asText())
                    .as("banned, it may log in again to read and appeal").isEqualTo("ban");
            trudys.close();
        }
    }

    @Test
    void whatEndsAnAccountsAccessCallsOneMethodForAllOfIt() throws Exception {
        try (TestServer server = new TestServer(dir)) {
            User eve = server.register("eve");
            List<StreamClient> streams = List.of(eve.stream(null), eve.stream(0L));
            String ticket = ticket(eve);
            assertThat(server.accounts().revokeSessions(eve.id())).isEqualTo(1);
            for (StreamClient s : streams) assertEnded(s);
            assertTicketRefused(server, ticket);
            assertThat(eve.api().get("/api/v1/me").status()).isEqualTo(401);
        }
    }
}
