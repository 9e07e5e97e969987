package org.stoa.server.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.accounts.Role;
import org.stoa.server.support.Response;
import org.stoa.server.support.StreamClient;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

/** Channels over the real API: create, post, follow, live channel.post with channelSince= catch-up, and hostile input. */
class ChannelsTest {

    @TempDir
    Path dir;
    TestServer server;
    User owner;
    User reader;

    @BeforeEach
    void start() {
        server = new TestServer(dir);
        owner = server.register("owner");
        reader = server.register("reader");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static Response create(User u, String handle, String title, String visibility) {
        return u.api().post("/api/v1/channels", Map.of("handle", handle, "title", title, "description",
                "News about the harbour and its ferries", "visibility", visibility));
    }

    static long channel(User u, String handle) {
        Response r = create(u, handle, "Harbour news", "public");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.id();
    }

    static Response post(User u, long channel, String clientId, String text) {
        return u.api().post("/api/v1/channels/" + channel + "/posts", Map.of("clientId", clientId, "text", text));
    }

    static void assertProblem(Response r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.code()).as(r.toString()).isEqualTo(code);
    }

    @Test
    void createReadByIdAndHandleAndPostWithIdempotency() {
        long id = channel(owner, server.uniqueName("harbour"));
        JsonNode c = owner.api().get("/api/v1/channels/" + id).json();
        assertThat(c.path("title").asText()).isEqualTo("Harbour news");
        assertThat(c.path("owner").path("id").asLong()).isEqualTo(owner.id());
        assertThat(c.path("subscriberCount").asLong()).isZero();
        assertThat(c.path("state").asText()).isEqualTo("active");
        assertThat(c.path("role").asText()).isEqualTo("owner");
        assertThat(c.has("restriction")).isFalse();
        Response byHandle = reader.api().get("/api/v1/channels/@" + c.path("handle").asText().toUpperCase());
        assertThat(byHandle.status()).as(byHandle.toString()).isEqualTo(200);
        assertThat(byHandle.id()).isEqualTo(id);

        Response first = post(owner, id, "c-1", "The 9:40 ferry is cancelled today");
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        Response again = post(owner, id, "c-1", "The 9:40 ferry is cancelled today");
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(again.id()).isEqualTo(first.id());
        assertProblem(post(owner, id, "c-1", "something else"), 409, "client_id_reused");
        post(owner, id, "c-2", "Second post");

        JsonNode page = reader.api().get("/api/v1/channels/" + id + "/posts?limit=1").json();
        assertThat(page.path("posts")).hasSize(1);
        assertThat(page.path("posts").get(0).path("text").asText()).isEqualTo("Second post");
        assertThat(page.path("hasMore").asBoolean()).isTrue();
        long seq = page.path("posts").get(0).path("seq").asLong();
        JsonNode older = reader.api().get("/api/v1/channels/" + id + "/posts?before=" + seq).json();
        assertThat(older.path("posts")).extracting(p -> p.path("text").asText()).containsExactly("The 9:40 ferry is cancelled today");
    }

    @Test
    void onlyOwnerAndEditorsPostAndOnlyTheOwnerExports() {
        long id = channel(owner, server.uniqueName("harbour"));
        User editor = server.register("editor");
        assertProblem(post(reader, id, "r-1", "hello"), 403, "not_channel_editor");
        assertProblem(reader.api().post("/api/v1/channels/" + id + "/editors", Map.of("accountId", editor.id())), 403,
                "not_channel_owner");
        Response added = owner.api().post("/api/v1/channels/" + id + "/editors", Map.of("accountId", editor.id()));
        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        assertThat(post(editor, id, "e-1", "from the editor").status()).isEqualTo(201);
        assertThat(owner.api().get("/api/v1/channels/" + id + "/export").json().path("posts")).hasSize(1);
        assertProblem(editor.api().get("/api/v1/channels/" + id + "/export"), 403, "not_channel_owner");
        assertThat(owner.api().delete("/api/v1/channels/" + id + "/editors/" + editor.id()).status()).isEqualTo(204);
        assertProblem(post(editor, id, "e-2", "no longer"), 403, "not_channel_editor");
    }

    @Test
    void subscribersGetPostsLiveAndCatchUpWithChannelSinceExactlyOnce() {
        long id = channel(owner, server.uniqueName("harbour"));
        Response sub = reader.api().post("/api/v1/channels/" + id + "/subscription", Map.of());
        assertThat(sub.status()).as(sub.toString()).isEqualTo(200);
        assertThat(sub.json().path("subscribed").asBoolean()).isTrue();
        assertThat(sub.json().path("subscriberCount").asLong()).isEqualTo(1);
        // Subscribing twice counts once.
        assertThat(reader.api().post("/api/v1/channels/" + id + "/subscription", Map.of()).json().path("subscriberCount").asLong())
                .isEqualTo(1);

        // Two more subscribers with no stream open: fewer are online than follow, so the fan-out looks up the online ones.
        for (int i = 0; i < 2; i++) server.register("offline").api().post("/api/v1/channels/" + id + "/subscription", Map.of());

        long seen;
        try (StreamClient s = StreamClient.connectWith(server.port(), reader.token(), "")) {
            long start = s.ready().path("lastChannelSeq").asLong();
            post(owner, id, "p-1", "first");
            JsonNode live = s.awaitChannelFrames("channel.post", 1).getFirst();
            assertThat(live.path("data").path("text").asText()).isEqualTo("first");
            assertThat(live.path("data").path("channelId").asLong()).isEqualTo(id);
            assertThat(live.path("channelSeq").asLong()).isGreaterThan(start);
            seen = live.path("channelSeq").asLong();
        }
        post(owner, id, "p-2", "second");
        post(owner, id, "p-3", "third");
        try (StreamClient s = StreamClient.connectWith(server.port(), reader.token(), "?channelSince=" + seen)) {
            List<JsonNode> replayed = s.awaitChannelFrames("channel.post", 2);
            post(owner, id, "p-4", "fourth");
            List<JsonNode> all = s.awaitChannelFrames("channel.post", 3);
            assertThat(all).extracting(f -> f.path("data").path("text").asText()).containsExactly("second", "third", "fourth");
            assertThat(replayed.get(0).path("channelSeq").asLong()).isGreaterThan(seen);
        }
        // Unsubscribed: nothing more arrives, and the count goes down.
        assertThat(reader.api().delete("/api/v1/channels/" + id + "/subscription").json().path("subscriberCount").asLong()).isEqualTo(2);
        try (StreamClient s = StreamClient.connectWith(server.port(), reader.token(), "")) {
            post(owner, id, "p-5", "fifth");
            // The owner's own post arrives on nobody's stream; a post to another followed channel proves the stream is live.
            long other = channel(owner, server.uniqueName("other"));
            reader.api().post("/api/v1/channels/" + other + "/subscription", Map.of());
            post(owner, other, "o-1", "elsewhere");
            s.awaitChannelFrames("channel.post", 1);
            assertThat(s.channelFrames("channel.post")).extracting(f -> f.path("data").path("text").asText()).containsExactly("elsewhere");
        }
    }

    @Test
    void postsAreReviewedInTheChannelScope() {
        long id = channel(owner, server.uniqueName("harbour"));
        // The sample policy's rules apply to channels too (scope any): a scam is refused with its decision.
        Response refused = post(owner, id, "s-1", "Guaranteed returns! Send a deposit to claim your prize");
        assertProblem(refused, 422, "post_refused");
        assertThat(refused.json().path("decision").path("id").asLong()).isPositive();
        assertThat(reader.api().get("/api/v1/channels/" + id + "/posts").json().path("posts")).isEmpty();
    }

    @Test
    void directoryListsPublicChannelsByPrefixAndWordsInEnglishAndChinese() {
        String handle = server.uniqueName("ferries");
        long pub = channel(owner, handle);
        Response unlisted = create(owner, server.uniqueName("secret"), "Harbour secrets", "unlisted");
        Response chinese = owner.api().post("/api/v1/channels", Map.of("handle", server.uniqueName("gangkou"), "title", "港口新闻",
                "description", "每天的渡轮时刻表", "visibility", "public"));
        assertThat(chinese.status()).isEqualTo(201);

        assertThat(ids(reader.api().get("/api/v1/directory/channels?q=harb"))).contains(pub).doesNotContain(unlisted.id());
        assertThat(ids(reader.api().get("/api/v1/directory/channels?q=" + handle.substring(0, 5)))).contains(pub);
        assertThat(ids(reader.api().get("/api/v1/directory/channels?q=FERRIES%20harbour"))).contains(pub);
        assertThat(ids(reader.api().get("/api/v1/directory/channels?q=%E6%B8%A1%E8%BD%AE"))).containsExactly(chinese.id()); // 渡轮
        assertThat(ids(reader.api().get("/api/v1/directory/channels?q=zebra"))).isEmpty();
    }

    @Test
    void hostileInputIsAClearProblemNeverA500() {
        long id = channel(owner, server.uniqueName("harbour"));
        assertProblem(create(owner, "a", "t", "public"), 400, "invalid_handle");
        assertProblem(create(owner, "bad handle!", "t", "public"), 400, "invalid_handle");
        assertProblem(create(owner, "x".repeat(33), "t", "public"), 400, "invalid_handle");
        assertProblem(create(owner, server.uniqueName("ok"), "   ", "public"), 400, "invalid_title");
        assertProblem(create(owner, server.uniqueName("ok"), "t".repeat(101), "public"), 400, "invalid_title");
        Response taken = create(owner, owner.api().get("/api/v1/channels/" + id).json().path("handle").asText(), "t", "public");
        assertProblem(taken, 409, "handle_taken");
        Map<String, Object> badVisibility = new HashMap<>(Map.of("handle", server.uniqueName("v"), "title", "t", "visibility", "secret"));
        assertThat(owner.api().post("/api/v1/channels", badVisibility).status()).isEqualTo(400);
        assertProblem(owner.api().post("/api/v1/channels", Map.of("title", "t", "visibility", "public")), 400, "missing_field");
        assertThat(owner.api().post("/api/v1/channels", Map.of("handle", 12, "title", "t", "visibility", "public")).status())
                .isEqualTo(400);
        assertThat(owner.api().sendJson("POST", "/api/v1/channels", "{\"handle\":").status()).isEqualTo(400);

        assertProblem(owner.api().get("/api/v1/channels/999999"), 404, "channel_not_found");
        assertProblem(owner.api().get("/api/v1/channels/abc"), 404, "channel_not_found");
        assertProblem(owner.api().get("/api/v1/channels/@nobody_here"), 404, "channel_not_found");
        assertProblem(owner.api().get("/api/v1/channels/-1/posts"), 404, "channel_not_found");
        assertProblem(post(owner, id, "", "x"), 400, "invalid_client_id");
        assertProblem(post(owner, id, "k".repeat(65), "x"), 400, "invalid_client_id");
        assertProblem(post(owner, id, "k-1", "  \n "), 400, "empty_text");
        assertProblem(post(owner, id, "k-2", "x".repeat(4001)), 400, "text_too_long");
        assertProblem(owner.api().post("/api/v1/channels/" + id + "/posts", Map.of("text", "no client id")), 400, "missing_field");
        assertProblem(owner.api().get("/api/v1/channels/" + id + "/posts?limit=0"), 400, "invalid_limit");
        assertProblem(owner.api().get("/api/v1/channels/" + id + "/posts?limit=x"), 400, "invalid_limit");
        assertProblem(owner.api().get("/api/v1/channels/" + id + "/posts?before=0"), 400, "invalid_before");
        assertProblem(owner.api().post("/api/v1/channels/" + id + "/editors", Map.of("accountId", 999999)), 404, "account_not_found");
        assertProblem(owner.api().delete("/api/v1/channels/" + id + "/editors/" + reader.id()), 404, "editor_not_found");
        assertProblem(owner.api().get("/api/v1/directory/channels?q=" + "q".repeat(201)), 400, "invalid_query");
        assertProblem(owner.api().get("/api/v1/directory/channels?limit=51"), 400, "invalid_limit");
        assertProblem(server.anonymous().get("/api/v1/channels/" + id), 401, "unauthorized");
        assertThat(StreamClient.refusal(server.port(), reader.token(), "?channelSince=-1").statusCode()).isEqualTo(400);
        assertThat(StreamClient.refusal(server.port(), reader.token(), "?channelSince=99999999").statusCode()).isEqualTo(400);
        // Bidi overrides and control characters are cleaned out of titles.
        Response cleaned = create(owner, server.uniqueName("clean"), "Ha\u202Erbour\u0007", "public");
        assertThat(cleaned.json().path("title").asText()).isEqualTo("Harbour");
    }

    @Test
    void creatingChannelsIsLimited() {
        try (TestServer limited = new TestServer(dir.resolve("limited"), Map.of("limits.channelsPerAccount", "2/1d"))) {
            User u = limited.register("maker");
            assertThat(create(u, limited.uniqueName("a"), "A", "public").status()).isEqualTo(201);
            assertThat(create(u, limited.uniqueName("b"), "B", "public").status()).isEqualTo(201);
            assertProblem(create(u, limited.uniqueName("c"), "C", "public"), 429, "rate_limited");
        }
    }

    private static List<Long> ids(Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return java.util.stream.StreamSupport.stream(r.json().spliterator(), false).map(n -> n.path("id").asLong()).toList();
    }
}
