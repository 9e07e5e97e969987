package org.stoa.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.support.LaunchedServer;
import org.stoa.server.support.Response;
import org.stoa.server.support.StreamClient;
import org.stoa.server.support.User;

/**
 * Sending over the open stream of the shipped {@code ./stoa serve}: a message acknowledged once
 * durable and delivered, an idempotent retry, a refusal by the bundled sample policy with its rule,
 * a hostile frame, and the stream going on after each.
 */
class ServeStreamSendIT {

    @TempDir
    static Path folder;
    static LaunchedServer server;

    @BeforeAll
    static void start() {
        server = LaunchedServer.start(folder, "");
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Test
    void sendsRetriesAndARefusalOverTheStreamThroughTheLauncher() {
        User alice = server.register("alice");
        User bob = server.register("bob");
        long group = server.group(alice, List.of(bob));
        try (StreamClient alices = alice.stream(null); StreamClient bobs = bob.stream(null)) {
            JsonNode ack = alices.sendMessage(group, "e1", "on the stream, through the launcher");
            assertThat(ack.get("status").asInt()).as(ack.toString()).isEqualTo(201);
            assertThat(ack.get("clientId").asText()).isEqualTo("e1");
            long id = ack.at("/message/id").asLong();
            assertThat(bobs.awaitEvent("message.created", e -> e.at("/data/id").asLong() == id).at("/data/text").asText())
                    .isEqualTo("on the stream, through the launcher");

            JsonNode retry = alices.sendMessage(group, "e1", "on the stream, through the launcher");
            assertThat(retry.get("replayed").asBoolean()).isTrue();
            assertThat(retry.at("/message/id").asLong()).isEqualTo(id);

            JsonNode refused = alices.sendMessage(group, "e2", "best online casino bonus");
            assertThat(refused.get("status").asInt()).as(refused.toString()).isEqualTo(422);
            assertThat(refused.at("/problem/code").asText()).isEqualTo("message_refused");
            assertThat(refused.at("/problem/reasons/0/ruleId").asText()).isEqualTo("gambling-ads");
            Response overHttp = alice.send(group, "e2", "best online casino bonus");
            assertThat(overHttp.status()).isEqualTo(422);
            assertThat(overHttp.json()).as("the same problem over HTTP").isEqualTo(refused.get("problem"));

            alices.sendText("{\"type\":\"message.send\",\"conversationId\":");
            JsonNode error = alices.awaitReplies("stream.error", 1).getFirst();
            assertThat(error.at("/problem/code").asText()).isEqualTo("malformed_json");

            assertThat(alices.sendMessage(group, "e3", "and the stream goes on").get("status").asInt()).isEqualTo(201);
            JsonNode history = bob.api().get("/api/v1/conversations/" + group + "/messages").json().get("messages");
            assertThat(history).extracting(m -> m.get("clientId").asText()).containsExactly("e1", "e3");
        }
    }
}
