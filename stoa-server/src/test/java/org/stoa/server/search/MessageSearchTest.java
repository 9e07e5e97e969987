package org.stoa.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.accounts.Role;
import org.stoa.server.support.Response;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

class MessageSearchTest {

    @TempDir
    Path dir;
    TestServer server;
    User alice;
    User bob;
    long group;

    @BeforeEach
    void start() {
        server = new TestServer(dir);
        alice = server.register("alice");
        bob = server.register("bob");
        group = server.group(alice, List.of(bob));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static Response search(User u, String query) {
        return u.api().get("/api/v1/search/messages?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
    }

    static List<Long> ids(Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        r.json().get("results").forEach(hit -> ids.add(hit.at("/message/id").asLong()));
        return ids;
    }

    @Test
    void findsWordsWhateverTheirCaseAndAccentsAndChineseInsideASentence() {
        long cafe = alice.send(group, "1", "Meet me at the Café Zoë tomorrow").id();
        long beijing = bob.send(group, "2", "我们明天去北京看看长城").id();
        bob.send(group, "3", "nothing to see here");

        assertThat(ids(search(bob, "cafe ZOE"))).containsExactly(cafe);
        assertThat(ids(search(bob, "CAFÉ"))).containsExactly(cafe);
        assertThat(ids(search(alice, "北京"))).as("two characters inside a sentence without spaces").containsExactly(beijing);
        assertThat(ids(search(alice, "長城"))).as("Traditional for Simplified").containsExactly(beijing);
        assertThat(ids(search(alice, "城"))).containsExactly(beijing);
        assertThat(ids(search(alice, "上海"))).isEmpty();
        assertThat(ids(search(alice, "cafes"))).as("whole words").isEmpty();

        JsonNode hit = search(bob, "北京").json().at("/results/0");
        assertThat(hit.at("/conversation/id").asLong()).isEqualTo(group);
        assertThat(hit.at("/conversation/type").asText()).isEqualTo("group");
        assertThat(hit.at("/message/senderId").asLong()).isEqualTo(bob.id());
        String snippet = hit.at("/snippet/text").asText();
        JsonNode lit = hit.at("/snippet/highlights/0");
        assertThat(snippet.substring(lit.get("start").asInt(), lit.get("end").asInt())).isEqualTo("北京");

        String longText = "word ".repeat(100) + "needle " + "hay ".repeat(100);
        alice.send(group, "4", longText);
        JsonNode far = search(bob, "needle").json().at("/results/0/snippet");
        assertThat(far.get("text").asText()).startsWith("…").endsWith("…").hasSizeLessThan(170);
        assertThat(far.get("text").asText().substring(far.at("/highlights/0/start").asInt(), far.at("/highlights/0/end").asInt()))
                .isEqualTo("needle");
    }

    @Test
    void searchesOnlyWhatTheCallerMayReadNowAndSinceTheyJoined() {
        User outsider = server.register("outsider");
        long secret = alice.send(group, "1", "the secret plan").id();
        assertThat(ids(search(outsider, "secret"))).as("not a member").isEmpty();
        assertThat(outsider.api().get("/api/v1/search/messages?q=secret&conversationId=" + group).code())
                .isEqualTo("conversation_not_found");

        User late = server.register("late");
        server.befriend(alice, late);
        alice.api().post("/api/v1/conversations/" + group + "/members", Map.of("members", List.of(late.id())));
        assertThat(ids(search(late, "secret"))).as("said before they joined").isEmpty();
        long after = alice.send(group, "2", "another secret").id();
        assertThat(ids(search(late, "secret"))).containsExactly(after);
        assertThat(ids(search(bob, "secret"))).containsExactly(after, secret);

        long direct = server.direct(alice, late);
        long inDirect = late.send(direct, "d", "secret in private").id();
        assertThat(ids(search(alice, "secret"))).containsExactly(inDirect, after, secret);
        assertThat(ids(alice.api().get("/api/v1/search/messages?q=secret&conversationId=" + direct))).containsExactly(inDirect);

        assertThat(bob.api().post("/api/v1/conversations/" + group + "/leave", Map.of()).status()).isEqualTo(204);
        assertThat(ids(search(bob, "secret"))).as("after leaving").isEmpty();
    }

    @Test
    void heldMessagesOnlyTheirSenderFindsAndRecalledOrRemovedOnesNobody() {
        User moderator = server.registerWith("mod", Role.ADMIN);
        Response held = bob.send(group, "h", "buy followers here");
        assertThat(held.status()).isEqualTo(202);
        assertThat(ids(search(bob, "followers"))).as("the sender finds their held message").containsExactly(held.id());
        assertThat(ids(search(alice, "followers"))).as("nobody else").isEmpty();
        assertThat(moderator.api().post("/api/v1/moderation/messages/" + held.id() + "/approve", Map.of("reason", "a joke"))
                .status()).isEqualTo(200);
        assertThat(ids(search(alice, "followers"))).as("once approved").containsExactly(held.id());

        long recalled = alice.send(group, "r", "oops wrong window").id();
        assertThat(ids(search(bob, "window"))).containsExactly(recalled);
        assertThat(alice.api().post("/api/v1/messages/" + recalled + "/recall", Map.of()).status()).isEqualTo(200);
        assertThat(ids(search(bob, "window"))).isEmpty();
        assertThat(ids(search(alice, "window"))).isEmpty();

        long removed = bob.send(group, "x", "you are all idiots").id();
        assertThat(ids(search(alice, "idiots"))).containsExactly(removed);
        assertThat(moderator.api().post("/api/v1/moderation/messages/" + removed + "/remove", Map.of("reason", "insults"))
                .status()).isEqualTo(200);
        assertThat(ids(search(alice, "idiots"))).isEmpty();
        assertThat(ids(search(bob, "idiots"))).as("not even its sender").isEmpty();
    }

    @Test
    void anEditIsSearchedAsItNowReadsAndAHiddenMessageNotByWhoHidIt() {
        long edited = alice.send(group, "e", "lunch at noon").id();
        Response edit = alice.api().patch("/api/v1/messages/" + edited, Map.of("text", "dinner at eight"));
        assertThat(edit.status()).as(edit.toString()).isEqualTo(200);
        assertThat(ids(search(bob, "lunch"))).isEmpty();
        assertThat(ids(search(bob, "dinner"))).containsExactly(edited);
        assertThat(bob.api().post("/api/v1/messages/" + edited + "/hide", Map.of()).status()).isLessThan(300);
        assertThat(ids(search(bob, "dinner"))).isEmpty();
        assertThat(ids(search(alice, "dinner"))).containsExactly(edited);
    }

    @Test
    void pagesGoBackInTimeWithBefore() {
        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) sent.add(alice.send(group, "p" + i, "page test " + i).id());
        Response first = alice.api().get("/api/v1/search/messages?q=page&limit=2");
        assertThat(ids(first)).containsExactly(sent.get(4), sent.get(3));
        long next = first.json().get("nextBefore").asLong();
        Response second = alice.api().get("/api/v1/search/messages?q=page&limit=2&before=" + next);
        assertThat(ids(second)).containsExactly(sent.get(2), sent.get(1));
        Response last = alice.api().get("/api/v1/search/messages?q=page&limit=2&before=" + second.json().get("nextBefore").asLong());
        assertThat(ids(last)).containsExactly(sent.get(0));
        assertThat(last.json().has("nextBefore")).as("no older page").isFalse();
    }

    @Test
    void aWordInHundredsOfMessagesStillGivesTheNewestFirst() {
        try (TestServer flood = new TestServer(dir.resolve("flood"), TestServer.MESSAGE_FLOOD)) {
            User carol = flood.register("carol");
            User dave = flood.register("dave");
            long first = flood.group(carol, List.of(dave));
            long second = dave.api().post("/api/v1/conversations", Map.of("type", "group", "members", List.of(carol.id()))).id();
            List<Long> sent = new ArrayList<>();
            for (int i = 0; i < 520; i++) {
                User who = i % 2 == 0 ? carol : dave;
                sent.add(who.send(i % 3 == 0 ? first : second, "m" + i, "common word " + i).id());
            }
            List<Long> newest = sent.reversed();
            Response page = carol.api().get("/api/v1/search/messages?q=common&limit=20");
            assertThat(ids(page)).containsExactlyElementsOf(newest.subList(0, 20));
            Response next = carol.api().get("/api/v1/search/messages?q=common&limit=20&before=" + page.json().get("nextBefore").asLong());
            assertThat(ids(next)).containsExactlyElementsOf(newest.subList(20, 40));
            List<Long> inFirst = sent.stream().filter(id -> sent.indexOf(id) % 3 == 0).toList().reversed();
            assertThat(ids(carol.api().get("/api/v1/search/messages?q=common%20word&limit=5&conversationId=" + first)))
                    .containsExactlyElementsOf(inFirst.subList(0, 5));
            assertThat(ids(flood.register("eve").api().get("/api/v1/search/messages?q=common"))).isEmpty();
        }
    }

    @Test
    void hostileQueriesGetClearProblems() {
        alice.send(group, "1", "100% sure, a_b test");
        String base = "/api/v1/search/messages";
        assertThat(alice.api().get(base).code()).isEqualTo("missing_query");
        assertThat(alice.api().get(base + "?q=").code()).isEqualTo("missing_query");
        assertThat(alice.api().get(base + "?q=%20%20").code()).isEqualTo("missing_query");
        Response tenKilobytes = search(alice, "x".repeat(10 * 1024));
        assertThat(tenKilobytes.status()).as("the server's line limit answers first").isEqualTo(414);
        assertThat(tenKilobytes.code()).isEqualTo("uri_too_long");
        assertThat(search(alice, "x ".repeat(150)).code()).isEqualTo("query_too_long");
        assertThat(search(alice, "%").code()).as("only punctuation").isEqualTo("invalid_query");
        assertThat(search(alice, "_").code()).isEqualTo("invalid_query");
        assertThat(alice.api().get(base + "?q=a%00b").code()).isEqualTo("invalid_query");
        assertThat(alice.api().get(base + "?q=%ED%A0%80").status()).isEqualTo(400);
        assertThat(search(alice, "a b c d e f g h i").code()).isEqualTo("too_many_terms");
        assertThat(ids(search(alice, "su%"))).as("% is no wildcard").isEmpty();
        assertThat(ids(search(alice, "s_re"))).as("_ is no wildcard").isEmpty();
        assertThat(ids(search(alice, "' OR 1=1 --"))).isEmpty();
        assertThat(ids(search(alice, "\u0007sure\u001b\t"))).as("control characters separate words").hasSize(1);
        assertThat(ids(search(alice, "100%"))).hasSize(1);
        assertThat(alice.api().get(base + "?q=sure&limit=0").code()).isEqualTo("invalid_limit");
        assertThat(alice.api().get(base + "?q=sure&limit=51").code()).isEqualTo("invalid_limit");
        assertThat(alice.api().get(base + "?q=sure&limit=abc").code()).isEqualTo("invalid_limit");
        assertThat(alice.api().get(base + "?q=sure&before=0").code()).isEqualTo("invalid_before");
        assertThat(alice.api().get(base + "?q=sure&before=99999999999999999999").code()).isEqualTo("invalid_before");
        assertThat(alice.api().get(base + "?q=sure&conversationId=-1").code()).isEqualTo("conversation_not_found");
        assertThat(alice.api().get(base + "?q=sure&conversationId=x").code()).isEqualTo("invalid_conversationId");
        assertThat(server.anonymous().get(base + "?q=sure").status()).isEqualTo(401);
    }

    @Test
    void searchesAreLimitedPerAccount() {
        try (TestServer limited = new TestServer(dir.resolve("limited"), Map.of("limits.messageSearchesPerAccount", "2/1m"))) {
            User carol = limited.register("carol");
            assertThat(search(carol, "a").status()).isEqualTo(200);
            assertThat(search(carol, "a").status()).isEqualTo(200);
            Response third = search(carol, "a");
            assertThat(third.status()).isEqualTo(429);
            assertThat(third.code()).isEqualTo("rate_limited");
            assertThat(third.json().get("limiter").asText()).isEqualTo("messageSearchesPerAccount");
        }
    }
}
