package org.stoa.server.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.support.Response;
import org.stoa.server.support.StreamClient;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

/** {@code message.send} over the open stream: the HTTP send's answers, as {@code message.ack} frames. */
class StreamSendTest {

    @TempDir
    Path dir;

    @Test
    void aSendOverTheStreamIsAcknowledgedOnceDurableWithTheBodyHttpWouldAnswer() {
        try (TestServer server = new TestServer(dir)) {
            User alice = server.register("alice");
            User bob = server.register("bob");
            long group = server.group(alice, List.of(bob));
            try (StreamClient alices = alice.stream(null); StreamClient bobs = bob.stream(null)) {
                JsonNode ack = alices.sendMessage(group, "s1", "hello over the stream");
                assertThat(ack.get("type").asText()).isEqualTo("message.ack");
                assertThat(ack.get("clientId").asText()).isEqualTo("s1");
                assertThat(ack.get("status").asInt()).as(ack.toString()).isEqualTo(201);
                assertThat(ack.has("replayed")).isFalse();
                JsonNode message = ack.get("message");
                assertThat(message.get("text").asText()).isEqualTo("hello over the stream");
                assertThat(message.get("seq").asLong()).isEqualTo(1);

                // Durable and delivered before the ack: the history has it, and the sender's own event came first.
                JsonNode history = bob.api().get("/api/v1/conversations/" + group + "/messages").json().get("messages");
                assertThat(history).hasSize(1);
                assertThat(history.get(0)).isEqualTo(message);
                List<JsonNode> frames = alices.frames();
                int created = indexOf(frames, f -> f.path("type").asText().equals("message.created"));
                assertThat(created).isNotNegative().isLessThan(frames.indexOf(ack));
                assertThat(bobs.awaitEvents("message.created", 1).getFirst().get("data")).isEqualTo(message);

                // A reply, as the HTTP body takes it.
                JsonNode reply = alices.sendMessage(Map.of("conversationId", group, "clientId", "s2", "text", "and a reply",
                        "replyTo", message.get("id").asLong()));
                assertThat(reply.get("status").asInt()).as(reply.toString()).isEqualTo(201);
                assertThat(reply.at("/message/quote/text").asText()).isEqualTo("hello over the stream");
            }
        }
    }

    @Test
    void aRetryIsAnsweredWithTheStoredMessageAndDeliveredOnce() {
        try (TestServer server = new TestServer(dir)) {
            User alice = server.register("alice");
            User bob = server.register("bob");
            long group = server.group(alice, List.of(bob));
            try (StreamClient alices = alice.stream(null); StreamClient bobs = bob.stream(null)) {
                JsonNode first = alices.sendMessage(group, "same", "only once");
                JsonNode again = alices.sendMessage(group, "same", "only once");
                assertThat(again.get("status").asInt()).isEqualTo(201);
                assertThat(again.get("replayed").asBoolean()).isTrue();
                assertThat(again.get("message")).isEqualTo(first.get("message"));
                // The same clientId over HTTP is the same message too.
                Response http = alice.send(group, "same", "only once");
                assertThat(http.status()).isEqualTo(201);
                assertThat(http.json()).isEqualTo(first.get("message"));

                JsonNode reused = alices.sendMessage(group, "same", "something else");
                assertThat(reused.get("status").asInt()).isEqualTo(409);
                assertThat(reused.at("/problem/code").asText()).isEqualTo("client_id_reused");

                alices.sendMessage(group, "next", "after it");
                bobs.awaitEvents("message.created", 2);
                assertThat(bobs.events("message.created")).extracting(e -> e.at("/data/clientId").asText()).containsExactly("same", "next");
            }
        }
    }

    @Test
    void aRefusalCarriesTheProblemHttpAnswersWithTheRuleAndTheDecision() {
        try (TestServer server = new TestServer(dir)) {
            User alice = server.register("alice");
            User bob = server.register("bob");
            long group = server.group(alice, List.of(bob));
            try (StreamClient alices = alice.stream(null); StreamClient bobs = bob.stream(null)) {
                JsonNode ack = alices.sendMessage(group, "bad", "best online casino bonus");
                assertThat(ack.get("status").asInt()).as(ack.toString()).isEqualTo(422);
                JsonNode problem = ack.get("problem");
                assertThat(problem.get("code").asText()).isEqualTo("message_refused");
                assertThat(problem.get("status").asInt()).isEqualTo(422);
                assertThat(problem.at("/reasons/0/ruleId").asText()).isEqualTo("gambling-ads");
                assertThat(problem.get("decisionId").asLong()).isPositive();
                // Retried over HTTP: the first decision again, the same problem document.
                Response http = alice.send(group, "bad", "best online casino bonus");
                assertThat(http.status()).isEqualTo(422);
                assertThat(http.json()).isEqualTo(problem);

                alices.sendMessage(group, "fine", "see you at lunch");
                assertThat(bobs.awaitEvents("message.created", 1)).extracting(e -> e.at("/data/clientId").asText()).containsExactly("fine");
            }
        }
    }

    @Test
    void manySendsInFlightOnOneStreamAreStoredAndAnsweredInTheOrderTheyCame() {
        try (TestServer server = new TestServer(dir)) {
            User alice = server.register("alice");
            User bob = server.register("bob");
            long group = server.group(alice, List.of(bob));
            try (StreamClient s = alice.stream(null)) {
                int n = 20; // within the burst limit of messages (30)
                for (int i = 0; i < n; i++) {
                    s.sendText(sendFrame(group, "p" + i, "in flight " + i));
                }
                List<JsonNode> acks = s.awaitReplies("message.ack", n);
                for (int i = 0; i < n; i++) {
                    assertThat(acks.get(i).get("clientId").asText()).isEqualTo("p" + i);
                    assertThat(acks.get(i).get("status").asInt()).as(acks.get(i).toString()).isEqualTo(201);
                    assertThat(acks.get(i).at("/message/seq").asLong()).isEqualTo(i + 1);
                }
            }
            // The stream did not wait for each send to be durable before taking the next: some were committed together.
            String metrics = new String(server.anonymous().get("/metrics").raw(), java.nio.charset.StandardCharsets.UTF_8);
            java.util.regex.Matcher most = java.util.regex.Pattern.compile("(?m)^org_stoa_server_storage_Writer_batchSize_max (\\S+)$")
                    .matcher(metrics);
            assertThat(most.find()).as("the writer's batch sizes in /metrics").isTrue();
            assertThat(Double.parseDouble(most.group(1))).isGreaterThan(1);
        }
    }

    @Test
    void twoStreamsSendingAtOnceGetEveryEventOnceInOrderAndEachAckAfterItsOwnMessage() {
        // Both members send at once, so each stream's acknowledgements interleave with the events of
        // both senders' messages, committed in shared batches.
        try (TestServer server = new TestServer(dir)) {
            User alice = server.register("alice");
            User bob = server.register("bob");
            long group = server.group(alice, List.of(bob));
            try (StreamClient alices = alice.stream(null); StreamClient bobs = bob.stream(null)) {
                int each = 25; // within the burst limit of messages (30)
                for (int i = 0; i < each; i++) {
                    alices.sendText(sendFrame(group, "a" + i, "from alice " + i));
                    bobs.sendText(sendFrame(group, "b" + i, "from bob " + i));
                }
                for (StreamClient s : List.of(alices, bobs)) {
                    List<JsonNode> acks = s.awaitReplies("message.ack", each);
                    List<JsonNode> created = s.awaitEvents("message.created", 2 * each);
                    long first = created.getFirst().get("eventSeq").asLong();
                    for (int i = 0; i < created.size(); i++) {
                        assertThat(created.get(i).get("eventSeq").asLong()).as("event %d of %s", i, created).isEqualTo(first + i);
                    }
                    List<JsonNode> frames = s.frames();
                    for (JsonNode ack : acks) {
                        assertThat(ack.get("status").asInt()).as(ack.toString()).isEqualTo(201);
                        long id = ack.at("/message/id").asLong();
                        int own = indexOf(frames, f -> f.path("type").asText().equals("message.created") && f.at("/data/id").asLong() == id);
                        assertThat(own).as("the message.created of %s", ack).isNotNegative().isLessThan(frames.indexOf(ack));
                    }
                }
            }
        }
    }

    @Test
    void framesBeyondTheUnansweredLimitAreRefusedWithTheirRequestIdAndEveryFrameIsAnsweredOnce() {
        try (TestServer server = new TestServer(dir, TestServer.MESSAGE_FLOOD)) {
            User alice = server.register("alice");
            User bob = server.register("bob");
            long group = server.group(alice, List.of(bob));
            try (StreamClient s = alice.stream(null)) {
                int n = 400; // arrive faster than the stream takes them (each is checked and reviewed in turn)
                for (int i = 0; i < n; i++) {
                    s.sendText(sendFrame(group, "q" + i, "burst " + i));
                }
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> s.replies("message.ack").size() + s.replies("stream.error").size() >= n);
                List<JsonNode> refused = s.replies("stream.error");
                assertThat(refused).as("frames refused while 64 were unanswered").isNotEmpty()
                        .allSatisfy(e -> assertThat(e.at("/problem/code").asText()).isEqualTo("too_many_pending"));
                List<String> answered = new ArrayList<>();
                s.replies("message.ack").forEach(a -> answered.add(a.get("requestId").asText()));
                refused.forEach(e -> answered.add(e.path("requestId").asText()));
                List<String> sent = new ArrayList<>();
                for (int i = 0; i < n; i++) sent.add("q" + i);
                assertThat(answered).as("each frame answered once, by its requestId").containsExactlyInAnyOrderElementsOf(sent);
                assertThat(s.replies("message.ack")).allSatisfy(a -> assertThat(a.get("status").asInt()).isEqualTo(201));
            }
        }
    }

    @Test
    void aSessionThatExpiredWhileTheStreamStayedOpenSendsNothingMore() throws Exception {
        try (TestServer server = new TestServer(dir)) {
            User alice = server.register("alice");
            User bob = server.register("bob");
            long group = server.group(alice, List.of(bob));
            try (StreamClient s = alice.stream(null)) {
                assertThat(s.sendMessage(group, "e1", "while logged in").get("status").asInt()).isEqualTo(201);
                server.clock().advance(Duration.ofDays(31)); // sessions.ttl is 30 days
                assertThat(errorCode(s, sendFrame(group, "e2", "after"), 401)).isEqualTo("unauthorized");
            }
            try (var db = server.connectToDatabase();
                 var count = db.prepareStatement("SELECT count(*) FROM messages WHERE conversation_id = " + group).executeQuery()) {
                count.next();
                assertThat(count.getInt(1)).as("messages stored").isEqualTo(1);
            }
        }
    }

    @Test
    void hostileFramesGetAProblemWithACodeAndTheStreamGoesOn() {
        try (TestServer server = new TestServer(dir)) {
            User alice = server.register("alice");
            User bob = server.register("bob");
            User stranger = server.register("stranger");
            long group = server.group(alice, List.of(bob));
            try (StreamClient s = alice.stream(null)) {
                assertThat(errorCode(s, "{not json", 400)).isEqualTo("malformed_json");
                assertThat(errorCode(s, "[1,2]", 400)).isEqualTo("malformed_json");
                assertThat(errorCode(s, "{\"type\":\"message.send\",\"type\":\"x\"}", 400)).isEqualTo("malformed_json");
                assertThat(errorCode(s, "{\"text\":\"no type\"}", 400)).isEqualTo("missing_field");
                assertThat(errorCode(s, "{\"type\":5}", 400)).isEqualTo("invalid_field");
                assertThat(errorCode(s, "{\"type\":\"message.delete\"}", 400)).isEqualTo("unknown_frame_type");
                assertThat(errorCode(s, "{\"type\":\"message.send\",\"requestId\":\"" + "r".repeat(65) + "\"}", 400))
                        .isEqualTo("invalid_request_id");
                assertThat(errorCode(s, "{\"type\":\"message.send\",\"text\":\"" + "x".repeat(70_000) + "\"}", 413))
                        .isEqualTo("frame_too_large");
                int before = s.replies("stream.error").size();
                s.sendBinary(new byte[] {1, 2, 3});
                await().atMost(Duration.ofSeconds(10)).until(() -> s.replies("stream.error").size() > before);
                assertThat(s.replies("stream.error").getLast().at("/problem/code").asText()).isEqualTo("binary_frame");

                assertThat(ackCode(s.sendMessage(Map.of("conversationId", "12", "clientId", "w1", "text", "hi")), 400))
                        .isEqualTo("invalid_field");
                assertThat(ackCode(s.sendMessage(Map.of("clientId", "w2", "text", "hi")), 400)).isEqualTo("missing_field");
                assertThat(ackCode(s.sendMessage(Map.of("conversationId", group, "text", "hi")), 400)).isEqualTo("missing_field");
                assertThat(ackCode(s.sendMessage(Map.of("conversationId", group, "clientId", "w3", "text", 5)), 400))
                        .isEqualTo("invalid_field");
                assertThat(ackCode(s.sendMessage(Map.of("conversationId", group, "clientId", "w4", "text", " ")), 400))
                        .isEqualTo("empty_text");
                assertThat(ackCode(s.sendMessage(Map.of("conversationId", group, "clientId", "w5", "text", "x".repeat(4001))), 400))
                        .isEqualTo("text_too_long");
                assertThat(ackCode(s.sendMessage(Map.of("conversationId", group, "clientId", "w6", "mediaId", "nope")), 404))
                        .isEqualTo("media_not_found");
                JsonNode wrongType = s.sendMessage(Map.of("conversationId", group, "clientId", "w7", "text", "hi"));
                assertThat(wrongType.get("clientId").asText()).isEqualTo("w7");
                assertThat(wrongType.get("status").asInt()).isEqualTo(201);
                try (StreamClient strangers = stranger.stream(null)) {
                    assertThat(ackCode(strangers.sendMessage(group, "x1", "let me in"), 404)).isEqualTo("conversation_not_found");
                }
            }
            // Larger than the stream reads at all: that stream is closed as too big, the server serves on.
            StreamClient huge = alice.stream(null);
            try {
                huge.sendText("{\"type\":\"message.send\",\"text\":\"" + "x".repeat(300_000) + "\"}");
            } catch (CompletionException e) {
                // The server may close before the client has written the whole frame.
                assertThat(e).hasRootCauseInstanceOf(IOException.class);
            }
            // 1009, or -1 when the kernel's reset overtakes the close frame: the server closes with the
            // rest of that frame unread, and a reset drops what the client had not read yet.
            assertThat(huge.closedWith()).succeedsWithin(20, TimeUnit.SECONDS).isIn(1009, -1);
            try (StreamClient again = alice.stream(null)) {
                assertThat(again.sendMessage(group, "after", "still here").get("status").asInt()).isEqualTo(201);
            }
        }
    }

    @Test
    void aFloodMeetsTheMessageLimitsOfHttpAndEveryFrameIsAnswered() {
        try (TestServer server = new TestServer(dir)) {
            User alice = server.register("alice");
            User bob = server.register("bob");
            long group = server.group(alice, List.of(bob));
            try (StreamClient s = alice.stream(null)) {
                int frames = 60;
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < frames; i++) {
                    String id = "f" + i;
                    ids.add(id);
                    s.sendText(sendFrame(group, id, "flood " + i));
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> s.replies("message.ack").size() + s.replies("stream.error").size() >= frames);
                List<JsonNode> acks = s.replies("message.ack");
                long stored = acks.stream().filter(a -> a.get("status").asInt() == 201).count();
                assertThat(stored).as("the burst of messagesPerAccountBurst (30/10s)").isEqualTo(30);
                assertThat(acks).filteredOn(a -> a.get("status").asInt() == 429)
                        .allSatisfy(a -> {
                            assertThat(a.at("/problem/code").asText()).isEqualTo("rate_limited");
                            assertThat(a.at("/problem/retryAfterSeconds").asLong()).isPositive();
                        });
                assertThat(s.replies("stream.error")).allSatisfy(e -> assertThat(e.at("/problem/code").asText()).isEqualTo("too_many_pending"));
                // Junk frames cost the same burst: once it is spent, they are refused as rate limited.
                assertThat(errorCode(s, "{junk", 429)).isEqualTo("rate_limited");
            }
        }
    }

    /** A {@code message.send} frame as a client writes it, sent without waiting for its answer: {@code id} is its requestId and clientId. */
    private static String sendFrame(long conversationId, String id, String text) {
        return "{\"type\":\"message.send\",\"requestId\":\"" + id + "\",\"conversationId\":" + conversationId
                + ",\"clientId\":\"" + id + "\",\"text\":\"" + text + "\"}";
    }

    private static String errorCode(StreamClient s, String frame, int status) {
        int before = s.replies("stream.error").size();
        s.sendText(frame);
        await().atMost(Duration.ofSeconds(20)).until(() -> s.replies("stream.error").size() > before);
        JsonNode error = s.replies("stream.error").get(before);
        assertThat(error.get("status").asInt()).as(error.toString()).isEqualTo(status);
        assertThat(error.at("/problem/status").asInt()).isEqualTo(status);
        return error.at("/problem/code").asText();
    }

    private static String ackCode(JsonNode ack, int status) {
        assertThat(ack.get("type").asText()).isEqualTo("message.ack");
        assertThat(ack.get("status").asInt()).as(ack.toString()).isEqualTo(status);
        return ack.at("/problem/code").asText();
    }

    private static int indexOf(List<JsonNode> frames, java.util.function.Predicate<JsonNode> match) {
        for (int i = 0; i < frames.size(); i++) if (match.test(frames.get(i))) return i;
        return -1;
    }
}
