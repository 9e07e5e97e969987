package org.stoa.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
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
 * A group through the shipped {@code ./stoa serve}: renamed by its owner, an admin made, a member
 * mentioned (counted in their list), typing heard live on the stream and never replayed, a flood of
 * typing refused with 429, and the bundled emoji font served from the jar.
 */
class ServeGroupsIT {

    @TempDir
    static Path folder;
    static LaunchedServer server;

    @BeforeAll
    static void start() {
        server = LaunchedServer.start(folder, "limits:\n  accountsPerAddress: 1000/1h\n  typingPerAccount: 3/1m\n");
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Test
    void renameAdminMentionAndTypingThroughTheLauncher() throws Exception {
        User owner = server.register("owner");
        User helper = server.register("helper");
        User reader = server.register("reader");
        long group = server.group(owner, List.of(helper, reader));
        String path = "/api/v1/conversations/" + group;

        try (StreamClient readers = reader.stream(null)) {
            Response renamed = owner.api().patch(path, Map.of("title", "Night shift 🌙", "description", "Who covers when"));
            assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
            readers.awaitEvent("conversation.updated", e -> e.at("/data/title").asText().equals("Night shift 🌙"));

            Response admin = owner.api().put(path + "/members/" + helper.id() + "/role", Map.of("role", "admin"));
            assertThat(admin.status()).as(admin.toString()).isEqualTo(200);
            assertThat(reader.api().patch(path, Map.of("title", "mine")).code()).isEqualTo("not_allowed");

            assertThat(helper.api().post(path + "/typing", Map.of()).status()).isEqualTo(204);
            await().atMost(Duration.ofSeconds(20)).until(() -> readers.frames().stream()
                    .anyMatch(f -> f.path("type").asText().equals("typing") && f.at("/data/accountId").asLong() == helper.id()));
            Response sent = helper.send(group, "m1", "@" + reader.username() + " can you take Friday?");
            assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
            readers.awaitEvent("message.created", e -> e.at("/data/text").asText().startsWith("@"));
        }
        JsonNode line = null;
        for (JsonNode s : reader.api().get("/api/v1/conversations").json()) if (s.get("id").asLong() == group) line = s;
        assertThat(line).isNotNull();
        assertThat(line.get("mentionCount").asInt()).isEqualTo(1);
        assertThat(line.get("title").asText()).isEqualTo("Night shift 🌙");

        try (StreamClient replay = reader.stream(0L)) {
            replay.awaitEvent("message.created", e -> true);
            assertThat(replay.frames()).as("typing is never stored").noneMatch(f -> f.path("type").asText().equals("typing"));
        }
        Response limited = null;
        for (int i = 0; i < 5 && limited == null; i++) {
            Response r = helper.api().post(path + "/typing", Map.of());
            if (r.status() == 429) limited = r;
        }
        assertThat(limited).as("a typing flood is refused").isNotNull();
        assertThat(limited.code()).isEqualTo("rate_limited");

        HttpResponse<byte[]> font = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + server.port() + "/fonts/noto-emoji/emoji-400-normal.woff2")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(font.statusCode()).isEqualTo(200);
        assertThat(new String(font.body(), 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).as("a WOFF2 file").isEqualTo("wOF2");
    }
}
