package org.stoa.server.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.support.Response;
import org.stoa.server.support.StreamClient;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

class MessagingTest {

    @TempDir
    Path dir;
    TestServer server;

    @BeforeEach
    void start() {
        server = new TestServer(dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void directMessagesAreStoredDeliveredAndPaged() {
        User alice = server.register("alice");
        User bob = server.register("bob");
        server.befriend(alice, bob);
        long chat = server.direct(alice, bob);
        try (StreamClient bobStream = bob.stream(null)) {
            Response sent = alice.send(chat, "c1", "hello bob");
            assertThat(sent.status()).isEqualTo(201);
            assertThat(sent.json().get("seq").asLong()).isEqualTo(1);
            assertThat(sent.json().get("senderId").asLong()).isEqualTo(alice.id());
            assertThat(sent.json().get("conversationId").asLong()).isEqualTo(chat);
            assertThat(sent.json().get("text").asText()).isEqualTo("hello bob");
            assertThat(sent.json().has("createdAt")).isTrue();

            JsonNode event = bobStream.awaitEvent("message.created", e -> e.at("/data/id").asLong() == sent.id());
            assertThat(event.at("/data/text").asText()).isEqualTo("hello bob");
        }
        for (int i = 2; i <= 5; i++) assertThat(alice.send(chat, "c" + i, "m" + i).status()).isEqualTo(201);

        Response page = bob.api().get("/api/v1/conversations/" + chat + "/messages?limit=2");
        assertThat(page.json().get("messages")).extracting(m -> m.get("seq").asLong()).containsExactly(4L, 5L);
        assertThat(page.json().get("hasMore").asBoolean()).isTrue();
        Response older = bob.api().get("/api/v1/conversations/" + chat + "/messages?before=4&limit=10");
        assertThat(older.json().get("messages")).extracting(m -> m.get("seq").asLong()).containsExactly(1L, 2L, 3L);
        assertThat(older.json().get("hasMore").asBoolean()).isFalse();

        JsonNode listed = bob.api().get("/api/v1/conversations").json().get(0);
        assertThat(listed.get("unreadCount").asLong()).isEqualTo(5);
        assertThat(listed.at("/lastMessage/text").asText()).isEqualTo("m5");
        assertThat(listed.at("/peer/username").asText()).isEqualTo(alice.username());
        assertThat(alice.api().get("/api/v1/conversations").json().get(0).get("unreadCount").asLong()).isZero();

        Response read = bob.api().post("/api/v1/conversations/" + chat + "/read", Map.of("seq", 3));
        assertThat(read.json().get("lastReadSeq").asLong()).isEqualTo(3);
        assertThat(bob.api().post("/api/v1/conversations/" + chat + "/read", Map.of("seq", 1)).json().get("lastReadSeq").asLong())
                .as("read markers never move back").isEqualTo(3);
        assertThat(bob.api().get("/api/v1/conversations").json().get(0).get("unreadCount").asLong()).isEqualTo(2);
    }

    @Test
    void retriedSendsWithTheSameClientIdStoreAndDeliverOneMessage() {
        User alice = server.register("alice");
        User bob = server.register("bob");
        long chat = server.group(alice, List.of(bob));
        try (StreamClient bobStream = bob.stream(null)) {
            Response first = alice.send(chat, "retry-1", "only once");
            Response again = alice.send(chat, "retry-1", "only once");
            assertThat(first.status()).isEqualTo(201);
            assertThat(again.status()).isEqualTo(201);
            assertThat(again.id()).isEqualTo(first.id());
            assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
            Response other = alice.send(chat, "retry-1", "something else");
            assertThat(other.status()).isEqualTo(409);
            assertThat(other.code()).isEqualTo("client_id_reused");

            alice.send(chat, "marker", "after");
            bobStream.awaitEvent("message.created", e -> e.at("/data/clientId").asText().equals("marker"));
            assertThat(bobStream.events("message.created")).extracting(e -> e.at("/data/clientId").asText())
                    .containsExactly("retry-1", "marker");
        }
        assertThat(bob.api().get("/api/v1/conversations/" + chat + "/messages").json().get("messages")).hasSize(2);
    }

    @Test
    void aRetryIsAnsweredWithItsMessageEvenOnceTheSenderIsRateLimited() {
        User alice = server.register("alice");
        User bob = server.register("bob");
        long chat = server.group(alice, List.of(bob));
        Response first = alice.send(chat, "kept", "stored before the limit");
        Response limited = null;
        for (int i = 0; i < 40 && limited == null; i++) {
            Response r = alice.send(chat, "new-" + i, "message " + i);
            if (r.status() == 429) limited = r;
        }
        assertThat(limited).as("the burst of messagesPerAccountBurst (30/10s) runs out").isNotNull();
        assertThat(limited.code()).isEqualTo("rate_limited");

        Response again = alice.send(chat, "kept", "stored before the limit");
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(alice.send(chat, "kept", "something else").code()).as("a reused clientId is still refused")
                .isEqualTo("client_id_reused");
        assertThat(alice.send(chat, "new-after", "not a retry").code()).isEqualTo("rate_limited");
    }

    @Test
    void recallWorksForTheSenderWithinTwoMinutesOnly() {
        User alice = server.register("alice");
        User bob = server.register("bob");
        long chat = server.group(alice, List.of(bob));
        Response m1 = alice.send(chat, "a", "oops");
        try (StreamClient bobStream = bob.stream(null)) {
            assertThat(bob.api().post("/api/v1/messages/" + m1.id() + "/recall", Map.of()).code()).isEqualTo("not_your_message");
            Response recalled = alice.api().post("/api/v1/messages/" + m1.id() + "/recall", Map.of());
            assertThat(recalled.status()).isEqualTo(200);
            assertThat(recalled.json().has("text")).isFalse();
            assertThat(recalled.json().has("recalledAt")).isTrue();
            JsonNode event = bobStream.awaitEvent("message.recalled", e -> e.at("/data/id").asLong() == m1.id());
            assertThat(event.at("/data/text").isMissingNode()).isTrue();
        }
        assertThat(bob.api().get("/api/v1/conversations/" + chat + "/messages").json().at("/messages/0/text").isMissingNode()).isTrue();

        Response m2 = alice.send(chat, "b", "too late to take back");
        server.clock().advance(Duration.ofMinutes(2).plusSeconds(1));
        Response late = alice.api().post("/api/v1/messages/" + m2.id() + "/recall", Map.of());
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.code()).isEqualTo("recall_window_passed");
        assertThat(bob.api().post("/api/v1/messages/999999/recall", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void outsidersCannotReadOrWriteAConversation() {
        User alice = server.register("alice");
        User bob = server.register("bob");
        User eve = server.register("eve");
        long chat = server.group(alice, List.of(bob));
        alice.send(chat, "a", "private");
        assertThat(eve.api().get("/api/v1/conversations/" + chat + "/messages").status()).isEqualTo(404);
        assertThat(eve.api().get("/api/v1/conversations/" + chat).status()).isEqualTo(404);
        assertThat(eve.send(chat, "x", "let me in").status()).isEqualTo(404);
        assertThat(eve.api().post("/api/v1/conversations/" + chat + "/read", Map.of("seq", 1)).status()).isEqualTo(404);
        assertThat(eve.api().get("/api/v1/conversations").json()).isEmpty();
        assertThat(server.anonymous().get("/api/v1/conversations").status()).isEqualTo(401);
    }

    @Test
    void aBlockedUserCannotSendDirectMessages() {
        User alice = server.register("alice");
        User bob = server.register("bob");
        server.befriend(alice, bob);
        long chat = server.direct(alice, bob);
        assertThat(bob.send(chat, "1", "hi").status()).isEqualTo(201);
        assertThat(alice.api().post("/api/v1/blocks", Map.of("accountId", bob.id())).status()).isEqualTo(201);
        Response refused = bob.send(chat, "2", "hello?");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("blocked");
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(alice.api().get("/api/v1/conversations/" + chat + "/messages").json().get("messages")).hasSize(1);
        assertThat(bob.api().post("/api/v1/contacts/requests", Map.of("username", alice.username())).code()).as("nor send requests to the blocker").isEqualTo("blocked");
        assertThat(alice.api().delete("/api/v1/blocks/" + bob.id()).status()).isEqualTo(204);
        assertThat(bob.send(chat, "3", "thanks").status()).isEqualTo(201);
    }

    @Test
    void aDirectChatTakesMessagesOnlyWhileBothAreContacts() {
        User alice = server.register("alice");
        User bob = server.register("bob");
        server.befriend(alice, bob);
        long chat = server.direct(alice, bob);
        assertThat(alice.api().delete("/api/v1/contacts/" + bob.id()).status()).isEqualTo(204);
        for (User sender : List.of(alice, bob)) {
            Response refused = sender.send(chat, "after-" + sender.username(), "still there?");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.code()).isEqualTo("not_a_contact");
        }
        server.befriend(alice, bob);
        assertThat(bob.send(chat, "again", "hello again").status()).isEqualTo(201);
        assertThat(alice.api().get("/api/v1/conversations/" + chat + "/messages").json().get("messages")).hasSize(1);
    }

    @Test
    void textIsValidated() {
        User alice = server.register("alice");
        User bob = server.register("bob");
        long chat = server.group(alice, List.of(bob));
        assertThat(alice.send(chat, "a", "x".repeat(4000)).status()).isEqualTo(201);
        assertThat(alice.send(chat, "b", "x".repeat(4001)).code()).isEqualTo("text_too_long");
        assertThat(alice.send(chat, "c", "😀".repeat(4000)).status()).as("4,000 characters, not UTF-16 units").isEqualTo(201);
        assertThat(alice.send(chat, "d", "   ").code()).isEqualTo("empty_text");
        assertThat(alice.api().post("/api/v1/conversations/" + chat + "/messages", Map.of("clientId", "e")).code())
                .isEqualTo("invalid_message");
        assertThat(alice.api().post("/api/v1/conversations/" + chat + "/messages", Map.of("text", "no id")).code())
                .isEqualTo("missing_field");
        assertThat(alice.api().post("/api/v1/conversations/" + chat + "/messages",
                "{\"clientId\":\"f\",\"text\":\"\\ud800 lone\"}").code()).isEqualTo("invalid_text");
    }
}
