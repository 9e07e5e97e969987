package org.stoa.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.support.Images;
import org.stoa.server.support.LaunchedServer;
import org.stoa.server.support.Response;
import org.stoa.server.support.StreamClient;
import org.stoa.server.support.User;

/**
 * Channel posts through the shipped {@code ./stoa serve}: a photo with its caption that a subscriber
 * gets live and downloads, found with message search; a refused post whose retry answers the same
 * decision; a held post its author alone sees until a moderator delivers it; a refused description.
 */
class ServeChannelPostsIT {

    @TempDir
    static Path folder;
    static LaunchedServer server;

    @BeforeAll
    static void start() {
        server = LaunchedServer.start(folder, "limits:\n  accountsPerAddress: 1000/1h\n");
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Test
    void photosSearchRefusalsAndHeldPostsThroughTheLauncher() {
        User moderator = server.staff("postmod", "moderator");
        User owner = server.register("owner");
        User reader = server.register("reader");
        Response created = owner.api().post("/api/v1/channels", Map.of("handle", "pier_photos", "title", "Pier photos",
                "description", "The harbour in pictures", "visibility", "public"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long channel = created.id();
        assertThat(reader.api().post("/api/v1/channels/" + channel + "/subscription", Map.of()).status()).isEqualTo(200);

        byte[] png = Images.encode(Images.photo(21, 320, 240), "png", 1);
        Response uploaded = owner.api().upload("image/png", png);
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        String mediaId = uploaded.json().path("id").asText();
        long postId;
        try (StreamClient s = StreamClient.connectWith(server.port(), reader.token(), "")) {
            s.ready();
            Response posted = owner.api().post("/api/v1/channels/" + channel + "/posts",
                    Map.of("clientId", "photo-1", "mediaId", mediaId, "text", "Sunrise over the lighthouse"));
            assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
            postId = posted.id();
            JsonNode live = s.awaitChannelFrames("channel.post", 1).getFirst();
            assertThat(live.at("/data/media/id").asText()).isEqualTo(mediaId);
        }
        Response image = reader.api().get("/api/v1/media/" + mediaId);
        assertThat(image.status()).as(image.toString()).isEqualTo(200);
        JsonNode hit = reader.api().get("/api/v1/search/messages?q=lighthouse").json().at("/results/0");
        assertThat(hit.path("kind").asText()).isEqualTo("channel_post");
        assertThat(hit.at("/post/id").asLong()).isEqualTo(postId);
        assertThat(hit.at("/channel/id").asLong()).isEqualTo(channel);

        Response refused = owner.api().post("/api/v1/channels/" + channel + "/posts",
                Map.of("clientId", "bad-1", "text", "Sure bet: betting tips for tonight"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("post_refused");
        Response retried = owner.api().post("/api/v1/channels/" + channel + "/posts",
                Map.of("clientId", "bad-1", "text", "Sure bet: betting tips for tonight"));
        assertThat(retried.json().path("decisionId").asLong()).isEqualTo(refused.json().path("decisionId").asLong());

        Response held = owner.api().post("/api/v1/channels/" + channel + "/posts",
                Map.of("clientId", "held-1", "text", "Cheap followers for your page"));
        assertThat(held.status()).as(held.toString()).isEqualTo(202);
        assertThat(reader.api().get("/api/v1/channels/" + channel + "/posts").json().path("posts")).hasSize(1);
        assertThat(reader.api().get("/api/v1/search/messages?q=followers").json().path("results")).isEmpty();
        Response approved = moderator.api().post("/api/v1/moderation/channels/" + channel + "/posts/" + held.id() + "/approve",
                Map.of("reason", "the owner's own joke"));
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(reader.api().get("/api/v1/channels/" + channel + "/posts").json().path("posts")).hasSize(2);
        assertThat(reader.api().get("/api/v1/search/messages?q=followers").json().path("results")).hasSize(1);

        Response description = owner.api().patch("/api/v1/channels/" + channel, Map.of("description", "网上赌场 every night"));
        assertThat(description.status()).as(description.toString()).isEqualTo(422);
        assertThat(description.code()).isEqualTo("channel_refused");
        assertThat(description.json().at("/reasons/0/ruleId").asText()).isEqualTo("gambling-ads");
    }
}
