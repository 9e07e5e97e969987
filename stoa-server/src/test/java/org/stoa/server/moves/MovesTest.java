package org.stoa.server.moves;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.support.Response;
import org.stoa.server.support.RunningServer;
import org.stoa.server.support.StreamClient;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

/**
 * One-step contact migration on one server, over the real API and streams: the new account names
 * the old one, the old one moves, every contact and group owner gets a card, and one accept makes
 * the new account a contact and a member again.
 */
class MovesTest {

    @TempDir
    Path dir;
    TestServer server;
    User alice;
    User alice2;

    @BeforeEach
    void start() {
        server = new TestServer(dir, Map.of("sessions.ttl", "400d"));
        alice = server.register("alice");
        alice2 = server.register("alicenew");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static Response nameAlias(User newAccount, String alias) {
        return newAccount.api().put("/api/v1/me/aliases", Map.of("username", alias));
    }

    static Response move(User old, String to) {
        return old.api().post("/api/v1/me/move", Map.of("to", to, "password", RunningServer.passwordOf(old.username())));
    }

    static List<JsonNode> cards(User u) {
        List<JsonNode> out = new java.util.ArrayList<>();
        u.api().get("/api/v1/contacts/moves").json().forEach(out::add);
        return out;
    }

    @Test
    void contactsAndGroupOwnersGetACardAndOneAcceptMakesTheNewAccountAContactAndAMemberAgain() {
        User bob = server.register("bob");
        User carol = server.register("carol");
        User dave = server.register("dave");
        User erin = server.register("erin");
        server.befriend(alice, bob);
        server.befriend(carol, alice);
        server.befriend(alice, dave);
        long book = server.group(erin, List.of(alice, bob)); // erin owns a group alice is in
        assertThat(erin.api().delete("/api/v1/contacts/" + alice.id()).status()).as("erin is only a group owner now").isEqualTo(204);
        assertThat(dave.api().post("/api/v1/blocks", Map.of("accountId", alice.id())).status()).isEqualTo(201);

        Response named = nameAlias(alice2, alice.username().toUpperCase());
        assertThat(named.status()).as(named.toString()).isEqualTo(200);
        assertThat(named.json()).singleElement().satisfies(a -> assertThat(a.get("username").asText()).isEqualTo(alice.username()));
        assertThat(nameAlias(alice2, alice.username()).json()).as("naming it again changes nothing").hasSize(1);
        assertThat(server.anonymous().get("/.well-known/stoa/aliases/" + alice2.username()).json().get("aliases"))
                .extracting(JsonNode::asText).containsExactly(alice.username());

        try (StreamClient bobs = bob.stream(null); StreamClient erins = erin.stream(null);
             StreamClient alice2s = alice2.stream(null)) {
            Response moved = move(alice, alice2.username());
            assertThat(moved.status()).as(moved.toString()).isEqualTo(202);
            assertThat(moved.json().get("to").asText()).isEqualTo(alice2.username());
            assertThat(moved.json().at("/toAccount/id").asLong()).isEqualTo(alice2.id());
            assertThat(moved.json().get("status").asText()).isEqualTo("active");
            assertThat(moved.json().get("pending").asInt()).as("bob, carol and erin; not dave, who blocked alice").isEqualTo(3);

            JsonNode bobsCard = bobs.awaitEvent("contact.moved", e -> true).get("data");
            assertThat(bobsCard.at("/from/username").asText()).isEqualTo(alice.username());
            assertThat(bobsCard.get("to").asText()).isEqualTo(alice2.username());
            assertThat(bobsCard.get("sameServer").asBoolean()).isTrue();
            assertThat(bobsCard.get("wasContact").asBoolean()).isTrue();
            assertThat(bobsCard.get("groups")).as("bob is a member of the book group, not its owner").isEmpty();
            assertThat(bobsCard.get("status").asText()).isEqualTo("pending");
            JsonNode erinsCard = erins.awaitEvent("contact.moved", e -> true).get("data");
            assertThat(erinsCard.get("wasContact").asBoolean()).isFalse();
            assertThat(erinsCard.get("groups")).singleElement()
                    .satisfies(g -> assertThat(g.get("conversationId").asLong()).isEqualTo(book));
            assertThat(cards(bob)).extracting(c -> c.get("id").asLong()).containsExactly(bobsCard.get("id").asLong());
            assertThat(cards(dave)).isEmpty();

            Response accepted = bob.api().post("/api/v1/contacts/moves/" + bobsCard.get("id").asLong() + "/accept", Map.of());
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
            assertThat(accepted.json().get("status").asText()).isEqualTo("accepted");
            assertThat(bob.api().get("/api/v1/contacts").json()).as("a contact at once, with no request to answer")
                    .anySatisfy(c -> assertThat(c.get("username").asText()).isEqualTo(alice2.username()));
            alice2s.awaitEvent("contact.added", e -> e.at("/data/username").asText().equals(bob.username()));
            assertThat(alice2.api().get("/api/v1/contacts/requests").json().get("incoming")).isEmpty();
            assertThat(cards(bob)).isEmpty();

            Response reinvited = erin.api().post("/api/v1/contacts/moves/" + erinsCard.get("id").asLong() + "/accept", Map.of());
            assertThat(reinvited.status()).as(reinvited.toString()).isEqualTo(200);
            assertThat(reinvited.json().at("/groups/0/reinvitedAt").asText()).isNotBlank();
            assertThat(alice2.api().get("/api/v1/conversations/" + book).json().get("members"))
                    .extracting(m -> m.get("username").asText()).contains(alice2.username(), alice.username());
            assertThat(erin.api().get("/api/v1/contacts").json()).as("erin was not alice's contact: no contact made")
                    .noneSatisfy(c -> assertThat(c.get("username").asText()).isEqualTo(alice2.username()));
        }
        JsonNode carolsCard = cards(carol).getFirst();
        assertThat(carol.api().post("/api/v1/contacts/moves/" + carolsCard.get("id").asLong() + "/ignore", Map.of())
                .json().get("status").asText()).isEqualTo("ignored");
        assertThat(carol.api().get("/api/v1/contacts").json()).extracting(c -> c.get("username").asText())
                .containsExactly(alice.username());

        JsonNode mine = alice.api().get("/api/v1/me/move").json();
        assertThat(mine.get("accepted").asInt()).isEqualTo(2);
        assertThat(mine.get("pending").asInt()).isZero();
        assertThat(mine.get("ignored").asInt()).isEqualTo(1);
        JsonNode profile = server.anonymous().get("/api/v1/accounts/" + alice.username()).json();
        assertThat(profile.get("username").asText()).isEqualTo(alice.username());
        assertThat(profile.get("movedTo").asText()).isEqualTo(alice2.username());
        assertThat(server.anonymous().get("/api/v1/accounts/" + alice2.username()).json().get("movedTo").isNull()).isTrue();
        assertThat(alice2.api().get("/api/v1/me/aliases").json().get(0).get("movedHereAt").asText()).isNotBlank();
    }

    @Test
    void cancellingWithinSevenDaysWithdrawsThePendingCardsAndOneMoveIsAllowedPerThirtyDays() {
        User bob = server.register("bob");
        User carol = server.register("carol");
        server.befriend(alice, bob);
        server.befriend(alice, carol);
        nameAlias(alice2, alice.username());
        assertThat(move(alice, alice2.username()).status()).isEqualTo(202);
        JsonNode bobsCard = cards(bob).getFirst();
        bob.api().post("/api/v1/contacts/moves/" + bobsCard.get("id").asLong() + "/accept", Map.of());

        Response again = move(alice, alice2.username());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("already_moved");

        server.clock().advance(Duration.ofDays(6));
        try (StreamClient carols = carol.stream(null)) {
            Response cancelled = alice.api().delete("/api/v1/me/move");
            assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
            assertThat(cancelled.json().get("status").asText()).isEqualTo("cancelled");
            assertThat(cancelled.json().get("withdrawn").asInt()).isEqualTo(1);
            assertThat(cancelled.json().get("accepted").asInt()).isEqualTo(1);
            JsonNode withdrawn = carols.awaitEvent("contact.moved", e -> e.at("/data/status").asText().equals("withdrawn"));
            assertThat(withdrawn.at("/data/from/username").asText()).isEqualTo(alice.username());
        }
        assertThat(cards(carol)).isEmpty();
        assertThat(bob.api().get("/api/v1/contacts").json()).as("what was accepted stays")
                .anySatisfy(c -> assertThat(c.get("username").asText()).isEqualTo(alice2.username()));
        assertThat(server.anonymous().get("/api/v1/accounts/" + alice.username()).json().get("movedTo").isNull()).isTrue();
        assertThat(alice.api().delete("/api/v1/me/move").code()).isEqualTo("move_not_found");

        Response tooSoon = move(alice, alice2.username());
        assertThat(tooSoon.status()).isEqualTo(429);
        assertThat(tooSoon.code()).isEqualTo("move_too_soon");
        assertThat(tooSoon.headers().firstValue("Retry-After")).isPresent();
        assertThat(tooSoon.json().get("possibleAt").asText()).isNotBlank();

        server.clock().advance(Duration.ofDays(25));
        Response later = move(alice, alice2.username());
        assertThat(later.status()).as(later.toString()).isEqualTo(202);
        assertThat(later.json().get("pending").asInt()).as("bob still has alice as a contact, and so does carol").isEqualTo(2);

        server.clock().advance(Duration.ofDays(8));
        Response late = alice.api().delete("/api/v1/me/move");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.code()).isEqualTo("move_not_cancellable");
    }

    @Test
    void aMoveNeedsTheNewAccountsAliasThePasswordAndAnAccountThatIsNotTheMoversOwn() {
        Response noAlias = move(alice, alice2.username());
        assertThat(noAlias.status()).isEqualTo(409);
        assertThat(noAlias.code()).isEqualTo("alias_not_published");
        assertThat(noAlias.json().get("detail").asText()).contains("PUT /api/v1/me/aliases");

        nameAlias(alice2, alice.username());
        Response wrongPassword = alice.api().post("/api/v1/me/move", Map.of("to", alice2.username(), "password", "not my password"));
        assertThat(wrongPassword.status()).isEqualTo(403);
        assertThat(wrongPassword.code()).isEqualTo("wrong_password");
        assertThat(move(alice, alice.username()).code()).isEqualTo("cannot_move_to_self");
        assertThat(move(alice, "nobody_here").status()).isEqualTo(404);
        for (String bad : List.of("", "a", "Alice Smith", "../../etc/passwd", "alice@", "@host", "a@b@c", "alice@exa mple.org",
                "alice@host:99999", "alice@host:0", "alice@http://host", "alice@host/path", "x".repeat(400), "ålice",
                "alice@[::1", "alice@-bad-.org")) {
            Response r = move(alice, bad);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.code()).as(bad).isEqualTo("invalid_move_target");
        }
        assertThat(alice.api().post("/api/v1/me/move", Map.of("to", alice2.username())).code()).isEqualTo("missing_field");
        assertThat(alice.api().post("/api/v1/me/move", Map.of("password", "x")).code()).isEqualTo("missing_field");
        assertThat(alice.api().post("/api/v1/me/move", Map.of("to", 12, "password", "x")).code()).isEqualTo("invalid_field");
        assertThat(alice.api().post("/api/v1/me/move", "[]").status()).isEqualTo(400);
        assertThat(alice.api().post("/api/v1/me/move", "{").code()).isEqualTo("malformed_json");
        assertThat(server.anonymous().post("/api/v1/me/move", Map.of("to", alice2.username(), "password", "x")).status())
                .isEqualTo(401);
        assertThat(alice.api().post("/api/v1/me/move", Map.of("to", "alice@chat.example.org",
                "password", RunningServer.passwordOf(alice.username()))).code())
                .as("this server has no public address: it cannot vouch for its accounts elsewhere")
                .isEqualTo("cross_server_moves_off");
        assertThat(alice.api().get("/api/v1/me/move").code()).isEqualTo("move_not_found");

        User bob = server.register("bob");
        nameAlias(bob, alice2.username());
        nameAlias(alice2, alice.username());
        assertThat(move(alice2, bob.username()).status()).isEqualTo(202);
        Response toMoved = move(alice, alice2.username());
        assertThat(toMoved.code()).as("alice2 itself went to bob").isEqualTo("target_moved");
        assertThat(toMoved.json().get("movedTo").asText()).isEqualTo(bob.username());
    }

    @Test
    void namingAndRemovingAliasesIsLimitedPerAccount() {
        Response last = null;
        for (int i = 0; i < 31 && (last == null || last.status() != 429); i++) {
            last = i % 2 == 0 ? nameAlias(alice2, alice.username()) : alice2.api().delete("/api/v1/me/aliases/" + alice.username());
        }
        assertThat(last.status()).as("the 31st change of the hour: " + last).isEqualTo(429);
        assertThat(last.code()).isEqualTo("rate_limited");
        assertThat(last.json().get("retryAfterSeconds").asLong()).isPositive();
        assertThat(alice2.api().get("/api/v1/me/aliases").status()).as("reading them is not limited").isEqualTo(200);
    }

    @Test
    void aliasesAndCardsRefuseHostileInputWithClearCodes() {
        for (String bad : List.of("", "Alice Smith", "a", "x@", "x@@host", "x@host:70000", "x@ho_st", "<script>", "x".repeat(301))) {
            Response r = nameAlias(alice2, bad);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.code()).as(bad).isEqualTo("invalid_alias");
        }
        assertThat(nameAlias(alice2, alice2.username()).code()).isEqualTo("cannot_alias_self");
        assertThat(nameAlias(alice2, "nobody_here").status()).isEqualTo(404);
        assertThat(alice2.api().put("/api/v1/me/aliases", Map.of()).code()).isEqualTo("missing_field");
        assertThat(alice2.api().put("/api/v1/me/aliases", Map.of("username", List.of("a"))).code()).isEqualTo("invalid_field");
        assertThat(server.anonymous().put("/api/v1/me/aliases", Map.of("username", alice.username())).status()).isEqualTo(401);
        for (int i = 0; i < AliasService.MAX_ALIASES; i++) {
            assertThat(nameAlias(alice2, "old" + i + "@chat.example.org").status()).isEqualTo(200);
        }
        Response tooMany = nameAlias(alice2, alice.username());
        assertThat(tooMany.status()).isEqualTo(409);
        assertThat(tooMany.code()).isEqualTo("too_many_aliases");
        Response removed = alice2.api().delete("/api/v1/me/aliases/old0@chat.example.org");
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json()).hasSize(AliasService.MAX_ALIASES - 1);
        assertThat(alice2.api().delete("/api/v1/me/aliases/old0@chat.example.org").code()).isEqualTo("alias_not_found");
        assertThat(alice2.api().delete("/api/v1/me/aliases/%3Cscript%3E").code()).isEqualTo("alias_not_found");
        assertThat(server.anonymous().get("/.well-known/stoa/aliases/" + alice2.username()).json().get("aliases"))
                .extracting(JsonNode::asText).contains("old1@chat.example.org").doesNotContain("old0@chat.example.org");
        assertThat(server.anonymous().get("/.well-known/stoa/aliases/nobody_here").code()).isEqualTo("account_not_found");
        assertThat(server.anonymous().get("/.well-known/stoa/aliases/%3Cscript%3E").code()).isEqualTo("account_not_found");
        assertThat(server.anonymous().get("/api/v1/accounts/nobody_here").code()).isEqualTo("account_not_found");
        assertThat(server.anonymous().get("/api/v1/accounts/%00").status()).as("Jetty refuses the path itself").isEqualTo(400);
        assertThat(server.anonymous().get("/api/v1/accounts/" + "x".repeat(5000)).status()).isEqualTo(404);

        User bob = server.register("bob");
        User carol = server.register("carol");
        server.befriend(alice, bob);
        server.befriend(alice, carol);
        alice2.api().delete("/api/v1/me/aliases/old1@chat.example.org");
        nameAlias(alice2, alice.username());
        assertThat(move(alice, alice2.username()).status()).isEqualTo(202);
        long bobsCard = cards(bob).getFirst().get("id").asLong();
        Response notHis = carol.api().post("/api/v1/contacts/moves/" + bobsCard + "/accept", Map.of());
        assertThat(notHis.status()).as("someone else's card").isEqualTo(404);
        assertThat(notHis.code()).isEqualTo("move_card_not_found");
        assertThat(carol.api().post("/api/v1/contacts/moves/" + bobsCard + "/ignore", Map.of()).status()).isEqualTo(404);
        assertThat(bob.api().post("/api/v1/contacts/moves/abc/accept", Map.of()).status()).isEqualTo(404);
        assertThat(bob.api().post("/api/v1/contacts/moves/-1/accept", Map.of()).status()).isEqualTo(404);
        assertThat(bob.api().post("/api/v1/contacts/moves/99999999999999999999/accept", Map.of()).status()).isEqualTo(404);
        assertThat(bob.api().get("/api/v1/contacts/moves?status=weird").code()).isEqualTo("invalid_status");
        assertThat(bob.api().post("/api/v1/contacts/moves/" + bobsCard + "/accept", Map.of()).status()).isEqualTo(200);
        Response twice = bob.api().post("/api/v1/contacts/moves/" + bobsCard + "/accept", Map.of());
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.code()).isEqualTo("card_not_pending");
        assertThat(bob.api().post("/api/v1/contacts/moves/" + bobsCard + "/ignore", Map.of()).code()).isEqualTo("card_not_pending");
        assertThat(bob.api().get("/api/v1/contacts/moves?status=all").json()).singleElement()
                .satisfies(c -> assertThat(c.get("status").asText()).isEqualTo("accepted"));

        long carolsCard = cards(carol).getFirst().get("id").asLong();
        assertThat(alice2.api().post("/api/v1/blocks", Map.of("accountId", carol.id())).status()).isEqualTo(201);
        Response blocked = carol.api().post("/api/v1/contacts/moves/" + carolsCard + "/accept", Map.of());
        assertThat(blocked.status()).isEqualTo(403);
        assertThat(blocked.code()).isEqualTo("blocked");
        assertThat(cards(carol)).as("still there to ignore").hasSize(1);
    }
}
