package org.stoa.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
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

/** Channel posts in {@code GET /api/v1/search/messages}: the channels one follows or runs, with messages, by time. */
class ChannelPostSearchTest {

    @TempDir
    Path dir;
    TestServer server;
    User owner;
    User follower;
    User stranger;
    User moderator;
    long channel;

    @BeforeEach
    void start() {
        server = new TestServer(dir);
        owner = server.register("owner");
        follower = server.register("follower");
        stranger = server.register("stranger");
        moderator = server.registerWith("mod", Role.MODERATOR);
        Response created = owner.api().post("/api/v1/channels", Map.of("handle", server.uniqueName("ferries"), "title", "Ferries",
                "description", "", "visibility", "public"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        channel = created.id();
        assertThat(follower.api().post("/api/v1/channels/" + channel + "/subscription", Map.of()).status()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    long post(String clientId, String text) {
        Response r = owner.api().post("/api/v1/channels/" + channel + "/posts", Map.of("clientId", clientId, "text", text));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.id();
    }

    static Response search(User u, String query) {
        return u.api().get("/api/v1/search/messages?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
    }

    static List<Long> posts(Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        r.json().get("results").forEach(hit -> {
            if (hit.path("kind").asText().equals("channel_post")) ids.add(hit.at("/post/id").asLong());
        });
        return ids;
    }

    @Test
    void followersAndTheOwnerFindPostsAndNobodyElse() {
        long timetable = post("p-1", "Winter timetable for the island ferry");
        post("p-2", "冬季渡轮时刻表已经发布");

        assertThat(posts(search(follower, "FERRY timetable"))).containsExactly(timetable);
        assertThat(posts(search(owner, "timetable"))).containsExactly(timetable);
        assertThat(posts(search(stranger, "timetable"))).as("not followed").isEmpty();
        JsonNode hit = search(follower, "渡轮").json().at("/results/0");
        assertThat(hit.path("kind").asText()).isEqualTo("channel_post");
        assertThat(hit.at("/channel/id").asLong()).isEqualTo(channel);
        assertThat(hit.at("/channel/title").asText()).isEqualTo("Ferries");
        assertThat(hit.at("/post/channelId").asLong()).isEqualTo(channel);
        assertThat(hit.has("conversation")).isFalse();
        String snippet = hit.at("/snippet/text").asText();
        assertThat(snippet.substring(hit.at("/snippet/highlights/0/start").asInt(), hit.at("/snippet/highlights/0/end").asInt()))
                .isEqualTo("渡轮");

        // A conversation filter searches that conversation only.
        User friend = server.register("friend");
        long group = server.group(follower, List.of(friend));
        follower.send(group, "m-1", "the ferry timetable again");
        assertThat(posts(follower.api().get("/api/v1/search/messages?q=timetable&conversationId=" + group))).isEmpty();

        // Unsubscribed: gone from that reader's search.
        follower.api().delete("/api/v1/channels/" + channel + "/subscription");
        assertThat(posts(search(follower, "timetable"))).isEmpty();
    }

    @Test
    void aRemovedPostAndAClosedChannelAreNotFoundADemotedOneStillIsByItsFollowers() {
        long kept = post("p-1", "Harbour works start on Monday");
        long removed = post("p-2", "Harbour party tonight, bring friends");
        Response removal = moderator.api().post("/api/v1/moderation/channels/" + channel + "/posts/" + removed + "/remove",
                Map.of("reason", "a moderator's reason: private address"));
        assertThat(removal.status()).as(removal.toString()).isEqualTo(200);
        assertThat(posts(search(follower, "harbour"))).as("removed: out of search at once").containsExactly(kept);

        Response demoted = moderator.api().post("/api/v1/moderation/channels/" + channel + "/sanctions",
                Map.of("kind", "demoted", "reason", "misleading title", "duration", "7d"));
        assertThat(demoted.status()).as(demoted.toString()).isEqualTo(201);
        assertThat(posts(search(follower, "harbour"))).as("demoted: still delivered to followers").containsExactly(kept);
        assertThat(posts(search(stranger, "harbour"))).isEmpty();

        Response closed = moderator.api().post("/api/v1/moderation/channels/" + channel + "/sanctions",
                Map.of("kind", "closed", "reason", "a moderator's written decision: a fake harbour authority"));
        assertThat(closed.status()).as(closed.toString()).isEqualTo(201);
        assertThat(posts(search(follower, "harbour"))).as("closed: nobody reads its posts").isEmpty();
        assertThat(posts(search(owner, "harbour"))).as("but its owner").containsExactly(kept);
    }

    @Test
    void messagesAndPostsComeNewestFirstAndPageWithBothCursors() {
        User friend = server.register("friend");
        long group = server.group(follower, List.of(friend));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            server.clock().advance(Duration.ofSeconds(1));
            expected.add("post:" + post("p" + i, "tide table " + i));
            server.clock().advance(Duration.ofSeconds(1));
            expected.add("message:" + friend.send(group, "m" + i, "tide table chat " + i).id());
        }
        List<String> seen = new ArrayList<>();
        String cursor = "";
        for (int pages = 0; pages < 10; pages++) {
            Response r = follower.api().get("/api/v1/search/messages?q=tide&limit=4" + cursor);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            r.json().get("results").forEach(hit -> seen.add(hit.path("kind").asText().equals("message")
                    ? "message:" + hit.at("/message/id").asLong() : "post:" + hit.at("/post/id").asLong()));
            if (!r.json().has("nextBefore")) break;
            cursor = "&before=" + r.json().get("nextBefore").asLong() + "&postBefore=" + r.json().get("nextPostBefore").asLong();
        }
        assertThat(seen).as("every hit once, newest first").containsExactlyElementsOf(expected.reversed());
    }

    @Test
    void hostileCursorsGetClearProblems() {
        assertProblem(follower.api().get("/api/v1/search/messages?q=tide&postBefore=0"), 400, "invalid_before");
        assertProblem(follower.api().get("/api/v1/search/messages?q=tide&postBefore=-5"), 400, "invalid_before");
        Response notANumber = follower.api().get("/api/v1/search/messages?q=tide&postBefore=abc");
        assertThat(notANumber.status()).as(notANumber.toString()).isEqualTo(400);
        assertThat(notANumber.contentType()).startsWith("application/problem+json");
        Response huge = follower.api().get("/api/v1/search/messages?q=tide&postBefore=99999999999999999999999");
        assertThat(huge.status()).as(huge.toString()).isEqualTo(400);
    }

    static void assertProblem(Response r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.code()).as(r.toString()).isEqualTo(code);
    }
}
