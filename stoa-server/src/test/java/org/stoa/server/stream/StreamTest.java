package org.stoa.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.support.Response;
import org.stoa.server.support.StreamClient;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

class StreamTest {

    @TempDir
    Path dir;

    @Test
    void twentyClientsSendingConcurrentlyEachReceiveAllFourThousandMessagesOnceInOrder() throws Exception {
        int clients = 20, perClient = 200;
        try (TestServer server = new TestServer(dir, TestServer.MESSAGE_FLOOD)) {
            User owner = server.register("owner");
            List<User> users = new ArrayList<>();
            users.add(owner);
            for (int i = 1; i < clients; i++) users.add(server.register("member"));
            long group = server.group(owner, users.subList(1, clients));
            List<StreamClient> streams = users.stream().map(u -> u.stream(null)).toList();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> sends = new ArrayList<>();
                for (User u : users) {
                    sends.add(pool.submit(() -> {
                        for (int i = 0; i < perClient; i++) {
                            Response r = u.send(group, u.username() + "-" + i, "message " + i + " from " + u.username());
                            assertThat(r.status()).as(r.toString()).isEqualTo(201);
                        }
                    }));
                }
                for (Future<?> f : sends) f.get();
            }
            for (StreamClient s : streams) {
                List<JsonNode> got = s.awaitEvents("message.created", clients * perClient);
                assertThat(got).hasSize(clients * perClient);
                assertThat(got).extracting(e -> e.at("/data/seq").asLong())
                        .as("every message exactly once, in seq order")
                        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, clients * perClient).boxed().toList());
                List<Long> eventSeqs = s.events().stream().map(e -> e.get("eventSeq").asLong()).toList();
                assertThat(eventSeqs).isSorted().doesNotHaveDuplicates();
                s.close();
            }
        }
    }

    @Test
    void aResumedStreamGetsExactlyTheMissedEventsAlsoAfterARestart() {
        try (TestServer server = new TestServer(dir)) {
            User alice = server.register("alice");
            User bob = server.register("bob");
            long group = server.group(alice, List.of(bob));
            long seen;
            try (StreamClient bobStream = bob.stream(0L)) {
                alice.send(group, "1", "one");
                alice.send(group, "2", "two");
                bobStream.awaitEvents("message.created", 2);
                seen = bobStream.lastEventSeq();
            }
            alice.send(group, "3", "three");
            alice.send(group, "4", "four");
            server.restart();
            User bob2 = server.current(bob);
            User alice2 = server.current(alice);
            assertThat(bob2.api().get("/api/v1/conversations/" + group + "/messages").json().get("messages"))
                    .extracting(m -> m.get("text").asText()).containsExactly("one", "two", "three", "four");

            try (StreamClient resumed = bob2.stream(seen)) {
                alice2.send(group, "5", "five");
                List<JsonNode> got = resumed.awaitEvents("message.created", 3);
                assertThat(got).extracting(e -> e.at("/data/text").asText()).containsExactly("three", "four", "five");
                List<Long> seqs = resumed.events().stream().map(e -> e.get("eventSeq").asLong()).toList();
                assertThat(seqs.getFirst()).isEqualTo(seen + 1);
                assertThat(seqs).isSorted().doesNotHaveDuplicates();
                for (int i = 1; i < seqs.size(); i++) assertThat(seqs.get(i)).isEqualTo(seqs.get(i - 1) + 1);
            }
            try (StreamClient fromStart = bob2.stream(0L)) {
                assertThat(fromStart.events().getFirst().get("eventSeq").asLong()).isEqualTo(1);
                assertThat(fromStart.events()).extracting(e -> e.get("type").asText())
                        .contains("contact.request", "contact.added", "conversation.updated", "message.created");
            }
        }
    }

    @Test
    void browsersAuthenticateWithASingleUseTicket() {
        try (TestServer server = new TestServer(dir)) {
            User alice = server.register("alice");
            Response ticket = alice.api().post("/api/v1/stream/tickets", Map.of());
            assertThat(ticket.status()).isEqualTo(201);
            String t = ticket.json().get("ticket").asText();
            try (StreamClient s = StreamClient.connectWithTicket(server.port(), t)) {
                assertThat(s.frames().getLast().get("type").asText()).isEqualTo("stream.ready");
            }
            assertThat(upgradeStatus(server.port(), "?ticket=" + t)).as("a ticket works once").isEqualTo(401);
        }
    }

    @Test
    void badStreamRequestsAreRefusedBeforeTheUpgrade() {
        try (TestServer server = new TestServer(dir)) {
            assertThat(upgradeStatus(server.port(), "")).isEqualTo(401);
            assertThat(upgradeStatus(server.port(), "?ticket=forged")).isEqualTo(401);
            User alice = server.register("alice");
            Response ticket = alice.api().post("/api/v1/stream/tickets", Map.of());
            assertThat(upgradeStatus(server.port(), "?since=abc&ticket=" + ticket.json().get("ticket").asText())).isEqualTo(400);
            ticket = alice.api().post("/api/v1/stream/tickets", Map.of());
            assertThat(upgradeStatus(server.port(), "?since=999&ticket=" + ticket.json().get("ticket").asText())).isEqualTo(400);
            Response plain = alice.api().get("/api/v1/stream");
            assertThat(plain.status()).isEqualTo(426);
            assertThat(plain.code()).isEqualTo("upgrade_required");
        }
    }

    @Test
    void aFrameThatIsNoRequestIsAnsweredWithAStreamError() {
        try (TestServer server = new TestServer(dir)) {
            User alice = server.register("alice");
            try (StreamClient s = alice.stream(null)) {
                int before = s.frames().size();
                s.sendText("hello?");
                await().atMost(Duration.ofSeconds(10)).until(() -> s.frames().size() > before);
                assertThat(s.frames().getLast().get("type").asText()).isEqualTo("stream.error");
                assertThat(s.frames().getLast().at("/problem/code").asText()).isEqualTo("malformed_json");
            }
        }
    }

    private static int upgradeStatus(int port, String query) {
        try {
            HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://localhost:" + port + "/api/v1/stream" + query), new java.net.http.WebSocket.Listener() {})
                    .join();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException h) return h.getResponse().statusCode();
            throw e;
        }
    }
}
