package org.stoa.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.support.LaunchedServer;
import org.stoa.server.support.Response;
import org.stoa.server.support.StreamClient;
import org.stoa.server.support.User;

/**
 * A channel through the shipped {@code ./stoa serve}: created, found, subscribed to, posted to (live
 * {@code channel.post}, and caught up with {@code channelSince=} after a restart), frozen by a
 * moderator with a notice to its subscriber and a decision to its owner, lifted, and restored as it was.
 */
class ServeChannelsIT {

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
    void aChannelUpTheLadderAndBackThroughTheLauncher() {
        User moderator = server.staff("chanmod", "moderator");
        User owner = server.register("owner");
        User reader = server.register("reader");
        Response created = owner.api().post("/api/v1/channels", Map.of("handle", "ferry_times", "title", "Ferry times",
                "description", "渡轮时刻 and harbour news", "visibility", "public"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long channel = created.id();
        assertThat(ids(reader.api().get("/api/v1/directory/channels?q=ferry"))).containsExactly(channel);
        assertThat(reader.api().post("/api/v1/channels/" + channel + "/subscription", Map.of()).json().path("subscriberCount").asLong())
                .isEqualTo(1);

        long lastSeen;
        try (StreamClient s = StreamClient.connectWith(server.port(), reader.token(), "")) {
            Response posted = owner.api().post("/api/v1/channels/" + channel + "/posts", Map.of("clientId", "p-1", "text", "09:40 runs late"));
            assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
            JsonNode live = s.awaitChannelFrames("channel.post", 1).getFirst();
            assertThat(live.at("/data/text").asText()).isEqualTo("09:40 runs late");
            lastSeen = live.path("channelSeq").asLong();
        }
        owner.api().post("/api/v1/channels/" + channel + "/posts", Map.of("clientId", "p-2", "text", "10:20 on time"));
        server.restart();
        User readerNow = server.current(reader);
        User ownerNow = server.current(owner);
        User modNow = server.current(moderator);
        try (StreamClient s = StreamClient.connectWith(server.port(), readerNow.token(), "?channelSince=" + lastSeen)) {
            assertThat(s.awaitChannelFrames("channel.post", 1)).extracting(f -> f.at("/data/text").asText()).containsExactly("10:20 on time");

            Response frozen = modNow.api().post("/api/v1/moderation/channels/" + channel + "/sanctions",
                    Map.of("kind", "frozen", "duration", "2d", "ruleId", "scams", "reason", "fake tickets sold here"));
            assertThat(frozen.status()).as(frozen.toString()).isEqualTo(201);
            JsonNode notice = s.awaitChannelFrames("channel.notice", 1).getFirst().at("/data/notice");
            assertThat(notice.path("kind").asText()).isEqualTo("frozen");
            assertThat(notice.at("/rule/title").asText()).isEqualTo("Scam");
            assertThat(readerNow.api().get(notice.path("decisionUrl").asText()).status()).isEqualTo(200);
            assertThat(ownerNow.api().get("/api/v1/me/decisions").json().toString()).contains("fake tickets sold here");
            Response refused = ownerNow.api().post("/api/v1/channels/" + channel + "/posts", Map.of("clientId", "p-3", "text", "hello?"));
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.code()).isEqualTo("channel_restricted");

            Response lifted = modNow.api().post("/api/v1/moderation/sanctions/" + frozen.id() + "/lift", Map.of("reason", "tickets were real"));
            assertThat(lifted.status()).as(lifted.toString()).isEqualTo(200);
            assertThat(s.awaitChannelFrames("channel.notice", 2).get(1).at("/data/notice/liftedAt").asText()).isNotEmpty();
        }
        JsonNode back = readerNow.api().get("/api/v1/channels/" + channel).json();
        assertThat(back.path("state").asText()).isEqualTo("active");
        assertThat(back.path("subscribed").asBoolean()).isTrue();
        assertThat(back.path("subscriberCount").asLong()).isEqualTo(1);
        assertThat(ownerNow.api().post("/api/v1/channels/" + channel + "/posts", Map.of("clientId", "p-4", "text", "all normal")).status())
                .isEqualTo(201);
    }

    private static List<Long> ids(Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return java.util.stream.StreamSupport.stream(r.json().spliterator(), false).map(n -> n.path("id").asLong()).toList();
    }
}
