package org.stoa.server.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.engine.review.Content;
import org.stoa.engine.review.ContentReview;
import org.stoa.engine.review.Decision;
import org.stoa.engine.policy.Action;
import org.stoa.engine.policy.Category;
import org.stoa.engine.policy.Mode;
import org.stoa.engine.review.Evidence;
import org.stoa.engine.review.RuleHit;
import org.stoa.engine.review.RuleRef;
import org.stoa.engine.review.ReviewContext;
import org.stoa.server.support.Images;
import org.stoa.server.support.Response;
import org.stoa.server.support.StreamClient;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

/** Every send passes the one review step; its decision decides what is stored and delivered. */
class ReviewSeamTest {

    @TempDir
    Path dir;

    final List<Content> reviewed = new CopyOnWriteArrayList<>();
    static RuleHit hit(Action action, String quote) {
        return new RuleHit(new RuleRef("spam-1", 3, "Spam", "Unsolicited advertising is not allowed.", Category.SPAM, action, 1,
                Mode.ENFORCE), List.of(new Evidence.PatternMatch("forbidden|hold me", 0, quote.length(), quote)));
    }

    final ContentReview review = content -> {
        reviewed.add(content);
        if (content instanceof Content.Text t && t.text().contains("forbidden")) {
            return new Decision.Refuse("test-1", List.of(hit(Action.BLOCK, "forbidden")));
        }
        if (content instanceof Content.Text t && t.text().contains("hold me")) {
            return new Decision.Hold("test-1", List.of(hit(Action.HOLD, "hold me")));
        }
        return Decision.deliver("test-1", List.of());
    };

    @Test
    void refusedMessagesAreNeitherStoredNorDeliveredAndTheSenderIsToldWhy() {
        try (TestServer server = TestServer.replacingReview(dir, review)) {
            User alice = server.register("alice");
            User bob = server.register("bob");
            long group = server.group(alice, List.of(bob));
            try (StreamClient bobStream = bob.stream(null)) {
                Response refused = alice.send(group, "r1", "buy forbidden pills");
                assertThat(refused.status()).isEqualTo(422);
                assertThat(refused.code()).isEqualTo("message_refused");
                assertThat(refused.json().at("/reasons/0/ruleId").asText()).isEqualTo("spam-1");
                assertThat(refused.json().at("/reasons/0/ruleVersion").asInt()).isEqualTo(3);
                assertThat(refused.json().at("/reasons/0/evidence").asText()).contains("\"forbidden\"");
                assertThat(refused.json().get("decisionId").asLong()).isPositive();

                Response retried = alice.send(group, "r1", "buy forbidden pills");
                assertThat(retried.json().get("decisionId").asLong()).as("a retry gets the same decision")
                        .isEqualTo(refused.json().get("decisionId").asLong());

                Response held = alice.send(group, "h1", "please hold me");
                assertThat(held.status()).isEqualTo(202);
                assertThat(held.json().get("status").asText()).isEqualTo("held");
                assertThat(held.json().has("seq")).isFalse();

                alice.send(group, "ok", "a fine message");
                bobStream.awaitEvent("message.created", e -> e.at("/data/clientId").asText().equals("ok"));
                assertThat(bobStream.events("message.created")).extracting(e -> e.at("/data/text").asText())
                        .containsExactly("a fine message");
            }
            assertThat(bob.api().get("/api/v1/conversations/" + group + "/messages").json().get("messages"))
                    .extracting(m -> m.get("text").asText()).containsExactly("a fine message");
            assertThat(reviewed).hasSize(4);
            assertThat(reviewed.getFirst().context().scope()).isEqualTo(ReviewContext.Scope.GROUP);
            assertThat(reviewed.getFirst().context().senderId()).isEqualTo(alice.id());
        }
    }

    @Test
    void imagesAreReviewedByTheirHash() {
        try (TestServer server = TestServer.replacingReview(dir, review)) {
            User alice = server.register("alice");
            User bob = server.register("bob");
            server.befriend(alice, bob);
            long chat = server.direct(alice, bob);
            Response upload = alice.api().upload("image/png", Images.encode("png", 32, 32));
            alice.api().post("/api/v1/conversations/" + chat + "/messages",
                    Map.of("clientId", "i", "mediaId", upload.json().get("id").asText()));
            assertThat(reviewed).singleElement().isInstanceOfSatisfying(Content.Image.class, image -> {
                assertThat(image.hashes().sha256()).isEqualTo(upload.json().get("sha256").asText());
                assertThat(image.context().scope()).isEqualTo(ReviewContext.Scope.DIRECT);
            });
        }
    }
}
