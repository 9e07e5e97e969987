package org.stoa.server.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stoa.server.channels.ChannelsTest.assertProblem;
import static org.stoa.server.channels.ChannelsTest.channel;
import static org.stoa.server.channels.ChannelsTest.post;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.accounts.Role;
import org.stoa.server.support.Images;
import org.stoa.server.support.Response;
import org.stoa.server.support.StreamClient;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

/**
 * What a channel post may carry and how the policy reviews it: images (by the banks, with their caption),
 * held posts that only their author sees until a moderator releases them, one decision for a retried
 * refusal, and a channel's title and description reviewed before they are saved.
 */
class ChannelPostsTest {

    @TempDir
    Path dir;
    TestServer server;
    User owner;
    User reader;
    User moderator;

    @BeforeEach
    void start() {
        server = new TestServer(dir);
        owner = server.register("owner");
        reader = server.register("reader");
        moderator = server.registerWith("mod", Role.MODERATOR);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static String upload(User u, byte[] bytes, String type) {
        Response r = u.api().upload(type, bytes);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().path("id").asText();
    }

    static Response imagePost(User u, long channel, String clientId, String mediaId, String caption) {
        Map<String, Object> body = new HashMap<>(Map.of("clientId", clientId, "mediaId", mediaId));
        if (caption != null) body.put("text", caption);
        return u.api().post("/api/v1/channels/" + channel + "/posts", body);
    }

    static List<Long> found(User u, String q) {
        Response r = u.api().get("/api/v1/search/messages?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().findValues("post").stream().map(p -> p.path("id").asLong()).toList();
    }

    @Test
    void anImagePostWithItsCaptionIsReadableByWhoeverMaySeeTheChannel() {
        long id = channel(owner, server.uniqueName("photos"));
        User stranger = server.register("stranger");
        byte[] png = Images.encode(Images.photo(3, 240, 160), "png", 1);
        String mediaId = upload(owner, png, "image/png");
        assertThat(stranger.api().get("/api/v1/media/" + mediaId).status()).as("not posted yet: the uploader's only").isEqualTo(404);

        Response posted = imagePost(owner, id, "i-1", mediaId, "The new ferry at the pier");
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        assertThat(posted.json().at("/media/id").asText()).isEqualTo(mediaId);
        assertThat(posted.json().at("/media/width").asInt()).isEqualTo(240);
        assertThat(posted.json().path("text").asText()).isEqualTo("The new ferry at the pier");
        assertThat(imagePost(owner, id, "i-1", mediaId, "The new ferry at the pier").headers().firstValue("Idempotent-Replayed"))
                .contains("true");
        assertProblem(imagePost(owner, id, "i-1", mediaId, "another caption"), 409, "client_id_reused");
        Response alone = imagePost(owner, id, "i-2", upload(owner, Images.encode("jpeg", 64, 48), "image/jpeg"), null);
        assertThat(alone.status()).as("an image without a caption: " + alone).isEqualTo(201);

        JsonNode page = stranger.api().get("/api/v1/channels/" + id + "/posts").json().path("posts");
        assertThat(page).extracting(p -> p.at("/media/contentType").asText()).containsExactly("image/jpeg", "image/png");
        Response image = stranger.api().get("/api/v1/media/" + mediaId);
        assertThat(image.status()).as("anyone who may see the channel reads its images").isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(server.anonymous().get("/api/v1/media/" + mediaId).status()).isEqualTo(401);

        // A closed channel's posts are its owner's only: so are its images.
        Response closed = moderator.api().post("/api/v1/moderation/channels/" + id + "/sanctions",
                Map.of("kind", "closed", "reason", "a moderator's written decision: impersonates the ferry company"));
        assertThat(closed.status()).as(closed.toString()).isEqualTo(201);
        assertThat(stranger.api().get("/api/v1/media/" + mediaId).status()).isEqualTo(404);
        assertThat(owner.api().get("/api/v1/media/" + mediaId).status()).isEqualTo(200);
    }

    @Test
    void imagePostsRefuseHostileInput() {
        long id = channel(owner, server.uniqueName("photos"));
        assertProblem(owner.api().post("/api/v1/channels/" + id + "/posts", Map.of("clientId", "x")), 400, "invalid_post");
        assertProblem(imagePost(owner, id, "h-1", "x".repeat(5000), null), 404, "media_not_found");
        assertProblem(imagePost(owner, id, "h-2", "no-such-upload", null), 404, "media_not_found");
        String others = upload(reader, Images.encode("png", 40, 40), "image/png");
        assertProblem(imagePost(owner, id, "h-3", others, null), 404, "media_not_found");
        Response uploaded = owner.api().send(owner.api().request("/api/v1/media?name=notes.txt").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("plain text, not a picture\n")));
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        String file = uploaded.json().path("id").asText();
        assertProblem(imagePost(owner, id, "h-4", file, null), 400, "not_an_image");
        assertProblem(owner.api().post("/api/v1/channels/" + id + "/posts", Map.of("clientId", "h-5", "mediaId", List.of(12))), 400,
                "invalid_field");
        String mine = upload(owner, Images.encode("png", 40, 40), "image/png");
        assertProblem(imagePost(owner, id, "h-6", mine, "\u0000\u202e"), 400, "empty_text");
    }

    @Test
    void aBankedImageIsRefusedAndItsRetryAnswersTheSameDecision() {
        long id = channel(owner, server.uniqueName("photos"));
        User admin = server.registerWith("admin", Role.ADMIN);
        byte[] scam = Images.encode(Images.photo(11, 300, 200), "png", 1);
        Response banked = admin.api().send(admin.api().request("/api/v1/moderation/banks/scam-banners/entries?reason=known+scam")
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(scam)));
        assertThat(banked.status()).as(banked.toString()).isEqualTo(201);

        String mediaId = upload(owner, scam, "image/png");
        Response refused = imagePost(owner, id, "s-1", mediaId, "A photo of the harbour");
        assertProblem(refused, 422, "post_refused");
        assertThat(refused.json().at("/reasons/0/ruleId").asText()).isEqualTo("known-scam-images");
        assertThat(refused.json().at("/decision/mediaSha256").asText()).isEqualTo(Images.sha256(scam));
        long decision = refused.json().path("decisionId").asLong();
        int strikes = owner.api().get("/api/v1/me/sanctions").json().path("activeStrikes").asInt();

        Response retried = imagePost(owner, id, "s-1", mediaId, "A photo of the harbour");
        assertProblem(retried, 422, "post_refused");
        assertThat(retried.json().path("decisionId").asLong()).as("the retry gets the first decision").isEqualTo(decision);
        assertThat(owner.api().get("/api/v1/me/sanctions").json().path("activeStrikes").asInt()).isEqualTo(strikes);
        assertThat(owner.api().get("/api/v1/me/decisions").json().findValues("outcome").stream()
                .filter(o -> o.asText().equals("refused")).count()).as("one decision for one offence").isEqualTo(1);
        assertThat(reader.api().get("/api/v1/media/" + mediaId).status()).isEqualTo(404);
        assertThat(reader.api().get("/api/v1/channels/" + id + "/posts").json().path("posts")).isEmpty();
    }

    @Test
    void aRetriedRefusedTextPostMakesNoSecondDecision() {
        long id = channel(owner, server.uniqueName("news"));
        Response refused = post(owner, id, "r-1", "Online casino: free spins for every subscriber");
        assertProblem(refused, 422, "post_refused");
        assertThat(refused.json().at("/reasons/0/ruleId").asText()).isEqualTo("gambling-ads");
        long decision = refused.json().path("decisionId").asLong();
        for (int i = 0; i < 3; i++) {
            Response again = post(owner, id, "r-1", "Online casino: free spins for every subscriber");
            assertProblem(again, 422, "post_refused");
            assertThat(again.json().path("decisionId").asLong()).isEqualTo(decision);
        }
        assertThat(owner.api().get("/api/v1/me/decisions").json().findValues("outcome").stream()
                .filter(o -> o.asText().equals("refused")).count()).isEqualTo(1);
        // The same clientId in another channel is another post, and another offence.
        long other = channel(owner, server.uniqueName("more"));
        assertThat(post(owner, other, "r-1", "Online casino: free spins for every subscriber").json().path("decisionId").asLong())
                .isNotEqualTo(decision);
    }

    @Test
    void aHeldPostIsItsAuthorsAloneUntilAModeratorReleasesIt() throws Exception {
        long id = channel(owner, server.uniqueName("news"));
        assertThat(reader.api().post("/api/v1/channels/" + id + "/subscription", Map.of()).status()).isEqualTo(200);
        post(owner, id, "d-1", "Timetable for the winter");

        Response held = post(owner, id, "h-1", "Buy followers for the harbour page, cheap");
        assertThat(held.status()).as(held.toString()).isEqualTo(202);
        assertThat(held.json().path("status").asText()).isEqualTo("held");
        long heldId = held.id();
        assertThat(post(owner, id, "h-1", "Buy followers for the harbour page, cheap").id()).as("a retry").isEqualTo(heldId);

        assertThat(owner.api().get("/api/v1/channels/" + id + "/posts").json().path("posts"))
                .extracting(p -> p.path("status").asText()).containsExactly("held", "delivered");
        assertThat(reader.api().get("/api/v1/channels/" + id + "/posts").json().path("posts"))
                .extracting(p -> p.path("text").asText()).containsExactly("Timetable for the winter");
        assertThat(found(reader, "followers")).isEmpty();
        assertThat(found(owner, "followers")).isEmpty();
        JsonNode review = moderator.api().get("/api/v1/moderation/channels/" + id).json();
        assertThat(review.path("held")).extracting(p -> p.path("id").asLong()).containsExactly(heldId);
        assertThat(moderator.api().get("/api/v1/moderation/queue").json().toString()).contains("Selling followers");

        assertProblem(moderator.api().post("/api/v1/moderation/channels/" + id + "/posts/" + heldId + "/approve", Map.of()), 400,
                "reason_required");
        assertProblem(reader.api().post("/api/v1/moderation/channels/" + id + "/posts/" + heldId + "/approve",
                Map.of("reason", "fine")), 403, "not_allowed");
        try (StreamClient s = StreamClient.connectWith(server.port(), reader.token(), "")) {
            s.ready();
            Response approved = moderator.api().post("/api/v1/moderation/channels/" + id + "/posts/" + heldId + "/approve",
                    Map.of("reason", "the owner's own page, a joke"));
            assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
            assertThat(approved.json().path("status").asText()).isEqualTo("delivered");
            JsonNode live = s.awaitChannelFrames("channel.post", 1).getFirst();
            assertThat(live.at("/data/id").asLong()).isEqualTo(heldId);
        }
        assertThat(reader.api().get("/api/v1/channels/" + id + "/posts").json().path("posts"))
                .extracting(p -> p.path("id").asLong()).first().isEqualTo(heldId);
        assertThat(found(reader, "followers")).containsExactly(heldId);
        assertProblem(moderator.api().post("/api/v1/moderation/channels/" + id + "/posts/" + heldId + "/approve",
                Map.of("reason", "again")), 409, "not_held");
        assertThat(moderator.api().get("/api/v1/moderation/channels/" + id).json().path("held")).isEmpty();

        // Removing a held post confirms the hold: the author is told, nobody else ever saw it.
        long second = post(owner, id, "h-2", "Cheap followers for sale").id();
        Response removed = moderator.api().post("/api/v1/moderation/channels/" + id + "/posts/" + second + "/remove",
                Map.of("reason", "selling followers"));
        assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
        assertThat(removed.json().path("ruleId").asText()).isEqualTo("follower-spam");
        assertThat(removed.json().path("channelPostId").asLong()).isEqualTo(second);
        assertThat(owner.api().get("/api/v1/channels/" + id + "/posts").json().path("posts"))
                .extracting(p -> p.path("id").asLong()).doesNotContain(second);
    }

    @Test
    void aChannelsTitleAndDescriptionAreReviewedBeforeTheyAreSaved() {
        Response scamTitle = owner.api().post("/api/v1/channels", Map.of("handle", server.uniqueName("spins"),
                "title", "Free spins every day", "description", "", "visibility", "public"));
        assertProblem(scamTitle, 422, "channel_refused");
        assertThat(scamTitle.json().at("/reasons/0/ruleId").asText()).isEqualTo("gambling-ads");
        assertThat(scamTitle.json().path("detail").asText()).contains("not saved");
        Response scamDescription = owner.api().post("/api/v1/channels", Map.of("handle", server.uniqueName("bets"),
                "title", "Harbour news", "description", "Our partners: 网上赌场", "visibility", "public"));
        assertProblem(scamDescription, 422, "channel_refused");

        long id = channel(owner, server.uniqueName("news"));
        Response edited = owner.api().patch("/api/v1/channels/" + id, Map.of("title", "Harbour and ferries",
                "description", "Sailings, delays and the winter timetable"));
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(edited.json().path("title").asText()).isEqualTo("Harbour and ferries");
        Response refused = owner.api().patch("/api/v1/channels/" + id, Map.of("description", "Sure bet: betting tips inside"));
        assertProblem(refused, 422, "channel_refused");
        assertThat(refused.json().at("/decision/outcome").asText()).isEqualTo("refused");
        assertThat(reader.api().get("/api/v1/channels/" + id).json().path("description").asText())
                .isEqualTo("Sailings, delays and the winter timetable");

        assertProblem(reader.api().patch("/api/v1/channels/" + id, Map.of("title", "Mine now")), 403, "not_channel_owner");
        assertProblem(owner.api().patch("/api/v1/channels/" + id, Map.of()), 400, "invalid_change");
        assertProblem(owner.api().patch("/api/v1/channels/" + id, Map.of("title", "  ")), 400, "invalid_title");
        assertProblem(owner.api().patch("/api/v1/channels/" + id, Map.of("title", "t".repeat(101))), 400, "invalid_title");
        assertProblem(owner.api().patch("/api/v1/channels/" + id, Map.of("title", 5)), 400, "invalid_field");
        assertProblem(owner.api().patch("/api/v1/channels/999999", Map.of("title", "x")), 404, "channel_not_found");
    }
}
