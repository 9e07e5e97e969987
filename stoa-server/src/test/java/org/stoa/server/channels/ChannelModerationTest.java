package org.stoa.server.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stoa.server.channels.ChannelsTest.assertProblem;
import static org.stoa.server.channels.ChannelsTest.channel;
import static org.stoa.server.channels.ChannelsTest.post;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
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

/** The channel ladder over the real API: every step a decision to the owner and a notice to subscribers, never silence. */
class ChannelModerationTest {

    @TempDir
    Path dir;
    TestServer server;
    User moderator;
    User owner;
    User reader;
    long channel;

    @BeforeEach
    void start() {
        server = new TestServer(dir);
        moderator = server.registerWith("mod", Role.MODERATOR);
        owner = server.register("owner");
        reader = server.register("reader");
        channel = channel(owner, server.uniqueName("harbour"));
        assertThat(reader.api().post("/api/v1/channels/" + channel + "/subscription", Map.of()).status()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Response sanction(String kind, String duration, String ruleId) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("kind", kind, "reason", "Repeated ferry-ticket scams reported by 12 people"));
        if (duration != null) body.put("duration", duration);
        if (ruleId != null) body.put("ruleId", ruleId);
        return moderator.api().post("/api/v1/moderation/channels/" + channel + "/sanctions", body);
    }

    private JsonNode view(User u) {
        return u.api().get("/api/v1/channels/" + channel).json();
    }

    @Test
    void frozenChannelTellsSubscribersAndComesBackWhenLifted() {
        try (StreamClient ownerStream = StreamClient.connect(server.port(), owner.token(), (Long) null);
             StreamClient readerStream = StreamClient.connectWith(server.port(), reader.token(), "")) {
            Response frozen = sanction("frozen", "7d", "scams");
            assertThat(frozen.status()).as(frozen.toString()).isEqualTo(201);
            long sanctionId = frozen.id();
            assertThat(frozen.json().path("kind").asText()).isEqualTo("frozen");
            assertThat(frozen.json().path("decision").path("moderatorReason").asText()).contains("ferry-ticket");

            // The owner gets the decision with its statement of reasons; the subscriber a notice with the rule, date, end and link.
            JsonNode decision = ownerStream.awaitEvent("moderation.decision", e -> e.path("data").path("sanction").path("id").asLong() == sanctionId);
            assertThat(decision.path("data").path("sanction").path("channelId").asLong()).isEqualTo(channel);
            JsonNode notice = readerStream.awaitChannelFrames("channel.notice", 1).getFirst().path("data").path("notice");
            assertThat(notice.path("kind").asText()).isEqualTo("frozen");
            assertThat(notice.path("rule").path("id").asText()).isEqualTo("scams");
            assertThat(notice.path("since").asText()).isNotEmpty();
            assertThat(notice.path("until").asText()).isNotEmpty();
            String link = notice.path("decisionUrl").asText();
            Response publicPart = reader.api().get(link);
            assertThat(publicPart.status()).as(publicPart.toString()).isEqualTo(200);
            assertThat(publicPart.json().path("rule").path("title").asText()).isEqualTo("Scam");
        }
        // Visitors see the restriction; posts stay readable; nothing new may be posted; the subscription stays.
        User visitor = server.register("visitor");
        JsonNode seen = view(visitor);
        assertThat(seen.path("state").asText()).isEqualTo("frozen");
        assertThat(seen.path("restriction").path("kind").asText()).isEqualTo("frozen");
        assertThat(seen.path("subscriberCount").asLong()).isEqualTo(1);
        assertProblem(post(owner, channel, "f-1", "still here?"), 403, "channel_restricted");
        assertThat(visitor.api().get("/api/v1/channels/" + channel + "/posts").status()).isEqualTo(200);
        // The owner sees the decision in the Safety tab and can export in every state.
        assertThat(owner.api().get("/api/v1/me/decisions").json().toString()).contains("ferry-ticket");
        assertThat(owner.api().get("/api/v1/channels/" + channel + "/export").status()).isEqualTo(200);
        // The owner's account itself is not restricted.
        assertThat(owner.api().get("/api/v1/me/sanctions").json().toString()).doesNotContain("frozen");

        long sanctionId = moderator.api().get("/api/v1/moderation/channels/" + channel).json().path("sanctions").get(0).path("id").asLong();
        try (StreamClient readerStream = StreamClient.connectWith(server.port(), reader.token(), "")) {
            Response lifted = moderator.api().post("/api/v1/moderation/sanctions/" + sanctionId + "/lift",
                    Map.of("reason", "the owner removed the scam posts"));
            assertThat(lifted.status()).as(lifted.toString()).isEqualTo(200);
            JsonNode end = readerStream.awaitChannelFrames("channel.notice", 1).getFirst().path("data").path("notice");
            assertThat(end.path("liftedAt").asText()).isNotEmpty();
        }
        JsonNode back = view(reader);
        assertThat(back.path("state").asText()).isEqualTo("active");
        assertThat(back.has("restriction")).isFalse();
        assertThat(back.path("subscribed").asBoolean()).isTrue();
        assertThat(back.path("subscriberCount").asLong()).isEqualTo(1);
        assertThat(post(owner, channel, "f-2", "back again").status()).isEqualTo(201);
    }

    @Test
    void aClosureReversedOnAppealBringsTheChannelBackWithItsSubscribers() {
        Response closed = sanction("closed", null, null);
        long decisionId = closed.json().path("decisionId").asLong();
        Response appeal = owner.api().post("/api/v1/decisions/" + decisionId + "/appeals",
                Map.of("statement", "My channel only posts the official timetable", "requestedOutcome", "reverse"));
        assertThat(appeal.status()).as(appeal.toString()).isEqualTo(201);
        User reviewer = server.registerWith("reviewer", Role.MODERATOR); // took no part in the closure
        try (StreamClient readerStream = StreamClient.connectWith(server.port(), reader.token(), "")) {
            Response decided = reviewer.api().post("/api/v1/moderation/appeals/" + appeal.id() + "/decide",
                    Map.of("outcome", "reversed", "reason", "the posts were the official timetable"));
            assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
            JsonNode notice = readerStream.awaitChannelFrames("channel.notice", 1).getFirst().path("data").path("notice");
            assertThat(notice.path("kind").asText()).isEqualTo("closed");
            assertThat(notice.path("liftedAt").asText()).isNotEmpty();
        }
        JsonNode back = view(reader);
        assertThat(back.path("state").asText()).isEqualTo("active");
        assertThat(back.path("subscribed").asBoolean()).isTrue();
        assertThat(back.path("subscriberCount").asLong()).isEqualTo(1);
    }

    @Test
    void pausedPostingEndsByItself() {
        assertThat(sanction("posting_paused", "24h", null).status()).isEqualTo(201);
        JsonNode v = view(reader);
        assertThat(v.path("state").asText()).isEqualTo("posting_paused");
        assertThat(v.path("restriction").path("reason").asText()).contains("ferry-ticket");
        assertProblem(post(owner, channel, "p-1", "hello"), 403, "channel_restricted");
        server.clock().advance(Duration.ofHours(25));
        assertThat(view(reader).path("state").asText()).isEqualTo("active");
        assertThat(post(owner, channel, "p-2", "hello").status()).isEqualTo(201);
    }

    @Test
    void demotedAndClosedChannelsLeaveTheDirectoryButNeverDisappear() {
        String handle = view(owner).path("handle").asText();
        assertThat(directory(handle)).contains(channel);
        assertThat(sanction("demoted", "3d", null).status()).isEqualTo(201);
        assertThat(directory(handle)).doesNotContain(channel);
        assertThat(post(owner, channel, "d-1", "demoted, still delivered").status()).isEqualTo(201);

        assertProblem(sanction("closed", null, "scams"), 400, "closure_not_severe");
        assertProblem(sanction("closed", "3d", null), 400, "invalid_sanction");
        Response closed = sanction("closed", null, null);
        assertThat(closed.status()).as(closed.toString()).isEqualTo(201);
        assertThat(closed.json().has("endsAt")).isFalse();
        JsonNode v = view(reader);
        assertThat(v.path("state").asText()).isEqualTo("closed");
        assertThat(v.path("restriction").has("until")).isFalse();
        assertThat(v.path("subscriberCount").asLong()).isEqualTo(1);
        assertProblem(reader.api().get("/api/v1/channels/" + channel + "/posts"), 403, "channel_closed");
        assertThat(owner.api().get("/api/v1/channels/" + channel + "/export").json().path("posts").size()).isGreaterThan(0);
        assertThat(directory(handle)).doesNotContain(channel);

        // Lifted (as an appeal's reversal would): everything comes back as it was.
        moderator.api().post("/api/v1/moderation/sanctions/" + closed.id() + "/lift", Map.of("reason", "reversed: not a scam"));
        JsonNode demotedStill = view(reader);
        assertThat(demotedStill.path("state").asText()).isEqualTo("demoted");
        assertThat(demotedStill.path("subscribed").asBoolean()).isTrue();
        assertThat(reader.api().get("/api/v1/channels/" + channel + "/posts").status()).isEqualTo(200);
    }

    @Test
    void postRemovalIsADecisionToTheAuthorAndTheOwner() {
        User editor = server.register("editor");
        owner.api().post("/api/v1/channels/" + channel + "/editors", Map.of("accountId", editor.id()));
        long postId = post(editor, channel, "e-1", "cheap ferry tickets, message me").id();
        try (StreamClient ownerStream = StreamClient.connect(server.port(), owner.token(), (Long) null);
             StreamClient editorStream = StreamClient.connect(server.port(), editor.token(), (Long) null)) {
            Response removed = moderator.api().post("/api/v1/moderation/channels/" + channel + "/posts/" + postId + "/remove",
                    Map.of("reason", "ticket resale is not allowed here"));
            assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
            editorStream.awaitEvent("moderation.decision", e -> e.path("data").path("outcome").asText().equals("removed"));
            ownerStream.awaitEvent("moderation.decision", e -> e.path("data").path("outcome").asText().equals("removed"));
        }
        assertThat(reader.api().get("/api/v1/channels/" + channel + "/posts").json().path("posts")).isEmpty();
        assertProblem(moderator.api().post("/api/v1/moderation/channels/" + channel + "/posts/" + postId + "/remove",
                Map.of("reason", "again")), 409, "already_removed");
    }

    @Test
    void theAccountSanctionPostChannelStopsPostingToAnyChannel() {
        Response r = moderator.api().post("/api/v1/moderation/accounts/" + owner.id() + "/sanctions",
                Map.of("kind", "restriction", "features", List.of("post_channel"), "duration", "1d", "reason", "spam posts"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertProblem(post(owner, channel, "x-1", "hello"), 403, "account_restricted");
        // Reading and following are untouched.
        assertThat(owner.api().get("/api/v1/channels/" + channel + "/posts").status()).isEqualTo(200);
    }

    @Test
    void hostileAndUnauthorisedModeration() {
        assertProblem(reader.api().post("/api/v1/moderation/channels/" + channel + "/sanctions",
                Map.of("kind", "frozen", "duration", "1d", "reason", "x")), 403, "not_allowed");
        assertProblem(sanction("frozen", null, null), 400, "invalid_sanction");
        assertProblem(sanction("frozen", "soon", null), 400, "invalid_duration");
        assertProblem(sanction("frozen", "1d", "no-such-rule"), 400, "unknown_rule");
        assertProblem(sanction("suspension", "1d", null), 400, "invalid_sanction");
        assertThat(sanction("vanished", "1d", null).status()).isEqualTo(400);
        assertProblem(moderator.api().post("/api/v1/moderation/channels/" + channel + "/sanctions",
                Map.of("kind", "frozen", "duration", "1d")), 400, "reason_required");
        assertProblem(moderator.api().post("/api/v1/moderation/channels/999999/sanctions",
                Map.of("kind", "frozen", "duration", "1d", "reason", "x")), 404, "channel_not_found");
        assertProblem(moderator.api().post("/api/v1/moderation/accounts/" + owner.id() + "/sanctions",
                Map.of("kind", "frozen", "duration", "1d", "reason", "x")), 400, "invalid_sanction");
        assertProblem(moderator.api().post("/api/v1/moderation/channels/" + channel + "/posts/999999/remove",
                Map.of("reason", "x")), 404, "post_not_found");
        assertProblem(reader.api().get("/api/v1/moderation/channels?q=harb"), 403, "not_allowed");
        Response found = moderator.api().get("/api/v1/moderation/channels?q=HARB");
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        assertThat(found.json()).extracting(n -> n.path("id").asLong()).containsExactly(channel);
        Response wild = moderator.api().get("/api/v1/moderation/channels?q=%25_%21%27");
        assertThat(wild.status()).as(wild.toString()).isEqualTo(200);
        assertThat(wild.json()).isEmpty();
        assertProblem(reader.api().get("/api/v1/channels/" + channel + "/decisions/999999"), 404, "decision_not_found");
    }

    private List<Long> directory(String q) {
        Response r = reader.api().get("/api/v1/directory/channels?q=" + q);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return java.util.stream.StreamSupport.stream(r.json().spliterator(), false).map(n -> n.path("id").asLong()).toList();
    }
}
