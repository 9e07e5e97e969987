package org.stoa.server.appeals;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.accounts.Role;
import org.stoa.server.support.Images;
import org.stoa.server.support.Response;
import org.stoa.server.support.RunningServer;
import org.stoa.server.support.StreamClient;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

/** Appeals over the real API: who may file, who may decide, and what each outcome does, in one step. */
class AppealsTest {

    static final String POLICY = """
            version: "appeals-1"
            enforcement:
              ladder:
                - {atStrikes: 1, sanction: warning}
                - {atStrikes: 2, sanction: restriction, features: [send_group], duration: 24h}
                - {atStrikes: 4, sanction: suspension, duration: 7d}
            appeals:
              decideWithin: 7d
              onOverdue: {reverse: [spam]}
            ocr:
              bank: ocr-detected
            lists:
              casino: {terms: [online casino]}
              followers: {terms: [cheap followers]}
              promo: {terms: [limited time offer]}
            banks: [ocr-detected]
            rules:
              - {id: gambling, version: 2, title: Gambling advertising, explanation: Gambling ads are not allowed here.,
                 category: gambling, conditions: [{text: casino}, {ocr: casino}], action: block, severity: 1}
              - {id: follower-spam, version: 1, title: Selling followers, explanation: Selling followers is spam.,
                 category: spam, conditions: [{text: followers}], action: block, severity: 1}
              - {id: promo, version: 1, title: Promotion, explanation: Only counted., category: spam,
                 conditions: [{text: promo}], action: block, severity: 1, mode: shadow}
              - {id: ocr-images, version: 1, title: Image withdrawn for its text, explanation: It broke a rule before.,
                 category: other, conditions: [{image: ocr-detected}], action: block, severity: 1}
            """;

    static final String REASON = "Read in context this is a joke between friends, not an advert.";

    @TempDir
    Path dir;
    TestServer server;
    User admin;
    User sender;
    User friend;
    long group;
    long direct;

    @BeforeEach
    void start() throws Exception {
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, POLICY);
        server = new TestServer(dir.resolve("data"), Map.of("policy.file", policy.toString()));
        admin = server.registerWith("admin", Role.ADMIN);
        sender = server.register("sender");
        friend = server.register("friend");
        group = server.group(sender, List.of(friend));
        direct = server.direct(sender, friend);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static Response appeal(User u, long decisionId, String statement, String requested) {
        return u.api().post("/api/v1/decisions/" + decisionId + "/appeals",
                Map.of("statement", statement, "requestedOutcome", requested));
    }

    private static Response decide(User moderator, long appealId, Map<String, Object> body) {
        return moderator.api().post("/api/v1/moderation/appeals/" + appealId + "/decide", body);
    }

    private static Response decide(User moderator, long appealId, String outcome) {
        return decide(moderator, appealId, Map.of("outcome", outcome, "reason", REASON));
    }

    /** Refused twice, the second time after the warning was acknowledged and the burst window passed: restricted in groups. */
    private Response restrict(User u, long conversation) {
        Response warned = u.send(conversation, "r1", "online casino tonight");
        assertThat(warned.json().at("/decision/sanction/kind").asText()).isEqualTo("warning");
        u.api().post("/api/v1/me/warnings/" + warned.json().get("decisionId").asLong() + "/acknowledge", Map.of());
        server.clock().advance(Duration.ofMinutes(11));
        Response restricted = u.send(conversation, "r2", "the online casino, cinema afterwards?");
        assertThat(restricted.json().at("/decision/sanction/kind").asText()).isEqualTo("restriction");
        return restricted;
    }

    @Test
    void aReversedRefusalDeliversTheMessageRemovesItsStrikesAndLiftsTheRestrictionInOneStep() {
        Response refused = restrict(sender, group);
        long decisionId = refused.json().get("decisionId").asLong();
        assertThat(sender.send(group, "g1", "hello?").code()).isEqualTo("account_restricted");
        assertThat(sender.api().get("/api/v1/me/sanctions").json().get("activeStrikes").asInt()).isEqualTo(2);
        assertThat(refused.json().at("/decision/appealableUntil").asText()).isNotBlank();

        try (StreamClient friendStream = friend.stream(null); StreamClient senderStream = sender.stream(null)) {
            Response filed = appeal(sender, decisionId, "I was inviting a friend to the cinema, not advertising.", "reverse");
            assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
            JsonNode a = filed.json();
            assertThat(a.get("decisionId").asLong()).isEqualTo(decisionId);
            assertThat(a.get("status").asText()).isEqualTo("open");
            Instant filedAt = Instant.parse(a.get("filedAt").asText());
            assertThat(Instant.parse(a.get("decideBy").asText())).isEqualTo(filedAt.plus(Duration.ofDays(7)));
            assertThat(Instant.parse(a.get("windowClosesAt").asText()))
                    .isEqualTo(Instant.parse(refused.json().at("/decision/createdAt").asText()).plus(Duration.ofDays(183)));
            senderStream.awaitEvent("moderation.appeal", e -> e.at("/data/status").asText().equals("open"));

            JsonNode queued = admin.api().get("/api/v1/moderation/appeals").json();
            assertThat(queued).singleElement().satisfies(c -> {
                assertThat(c.at("/appeal/id").asLong()).isEqualTo(filed.id());
                assertThat(c.get("appellant").asText()).isEqualTo(sender.username());
                assertThat(c.at("/decision/ruleId").asText()).isEqualTo("gambling");
                assertThat(c.at("/decision/excerpt").asText()).isEqualTo("the online casino, cinema afterwards?");
                assertThat(c.get("canDecide").asBoolean()).as("an automated decision: any human may decide").isTrue();
                assertThat(c.get("independent").asBoolean()).isTrue();
            });

            Response decided = decide(admin, filed.id(), "reversed");
            assertThat(decided.status()).as(decided.toString()).isEqualTo(200);

            // The message reaches the group, marked as delivered after an appeal, for everyone at once.
            JsonNode delivered = friendStream.awaitEvent("message.created",
                    e -> e.at("/data/text").asText().equals("the online casino, cinema afterwards?"));
            assertThat(delivered.at("/data/moderation/afterAppeal").asBoolean()).isTrue();
            assertThat(delivered.at("/data/moderation/notice").asText()).isEqualTo("delivered after an appeal");
            assertThat(delivered.at("/data/clientId").asText()).isEqualTo("r2");
            JsonNode told = senderStream.awaitEvent("moderation.appeal", e -> e.at("/data/status").asText().equals("decided"));
            assertThat(told.at("/data/outcome").asText()).isEqualTo("reversed");
            senderStream.awaitEvent("moderation.decision", e -> e.at("/data/outcome").asText().equals("reversed"));
        }
        assertThat(friend.api().get("/api/v1/conversations/" + group + "/messages").json().get("messages"))
                .extracting(m -> m.get("text").asText()).containsExactly("the online casino, cinema afterwards?");
        Response retry = sender.send(group, "r2", "the online casino, cinema afterwards?");
        assertThat(retry.status()).as("the sender's retry finds the delivered message, not a second one").isEqualTo(201);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");

        JsonNode standing = sender.api().get("/api/v1/me/sanctions").json();
        assertThat(standing.get("activeStrikes").asInt()).as("the reversed decision's strikes no longer count").isEqualTo(1);
        assertThat(standing.get("sanctions")).as("the restriction is no longer earned").isEmpty();
        assertThat(sender.send(group, "g2", "thanks for looking again").status()).isEqualTo(201);

        JsonNode outcome = sender.api().get("/api/v1/appeals/" + appealIdOf(sender, decisionId)).json();
        assertThat(outcome.get("status").asText()).isEqualTo("decided");
        assertThat(outcome.get("outcome").asText()).isEqualTo("reversed");
        assertThat(outcome.get("reason").asText()).isEqualTo(REASON);
        assertThat(outcome.get("ruleId").asText()).isEqualTo("gambling");
        assertThat(outcome.get("ruleVersion").asInt()).isEqualTo(2);
        assertThat(outcome.get("policyVersion").asText()).startsWith("appeals-1#");
        assertThat(outcome.get("independent").asBoolean()).isTrue();
        assertThat(outcome.get("decidedBy").asText()).isEqualTo("moderator");
        assertThat(outcome.get("decidedAt").asText()).isNotBlank();
        assertThat(outcome.toString()).as("never the reviewer's name").doesNotContain(admin.username()).doesNotContain("reviewer");

        JsonNode record = sender.api().get("/api/v1/decisions/" + outcome.get("outcomeDecisionId").asLong()).json();
        assertThat(record.get("outcome").asText()).isEqualTo("reversed");
        assertThat(record.get("appealOf").asLong()).as("a new decision linked to the original").isEqualTo(decisionId);
        assertThat(record.get("source").asText()).isEqualTo("appeal");
        assertThat(record.get("visibility").asText()).contains("its strikes no longer count", "restriction", "was lifted",
                "the message was delivered");
        assertThat(record.has("appealableUntil")).as("an appeal's outcome is final on this server").isFalse();
        assertThat(appeal(sender, record.get("id").asLong(), "and again", "reverse").code()).isEqualTo("decision_not_appealable");
        assertThat(admin.api().get("/api/v1/moderation/audit?account=" + sender.id()).json())
                .anySatisfy(e -> assertThat(e.get("action").asText()).isEqualTo("appeal.decided"));
    }

    private static long appealIdOf(User u, long decisionId) {
        for (JsonNode a : u.api().get("/api/v1/me/appeals").json()) {
            if (a.get("decisionId").asLong() == decisionId) return a.get("id").asLong();
        }
        throw new AssertionError("no appeal of decision " + decisionId);
    }

    @Test
    void oneAppealPerDecisionFromThePersonItIsAboutWithinTheWindow() {
        Response refused = sender.send(direct, "o1", "online casino");
        long decisionId = refused.json().get("decisionId").asLong();
        assertThat(appeal(friend, decisionId, "not mine, but still", "reverse").status()).as("someone else's decision").isEqualTo(404);
        assertThat(appeal(sender, 999_999, "no such decision", "reverse").status()).isEqualTo(404);
        assertThat(sender.api().post("/api/v1/decisions/abc/appeals", Map.of("statement", "x", "requestedOutcome", "reverse"))
                .status()).isEqualTo(404);

        // Hostile input, each a clear 4xx that changes nothing.
        assertThat(appeal(sender, decisionId, "why", "overturn").code()).isEqualTo("invalid_requested_outcome");
        assertThat(sender.api().post("/api/v1/decisions/" + decisionId + "/appeals", Map.of("statement", "why")).code())
                .isEqualTo("missing_field");
        assertThat(appeal(sender, decisionId, "   ", "reverse").code()).isEqualTo("statement_required");
        assertThat(appeal(sender, decisionId, "x".repeat(5001), "reverse").code()).isEqualTo("statement_too_long");
        assertThat(appeal(sender, decisionId, "x".repeat(70_000), "reverse").status()).isEqualTo(413);
        assertThat(sender.api().post("/api/v1/decisions/" + decisionId + "/appeals", "{\"statement\": ").code()).isEqualTo("malformed_json");
        assertThat(sender.api().post("/api/v1/decisions/" + decisionId + "/appeals",
                Map.of("statement", List.of("a"), "requestedOutcome", "reverse")).code()).isEqualTo("invalid_field");
        assertThat(server.anonymous().post("/api/v1/decisions/" + decisionId + "/appeals",
                Map.of("statement", "x", "requestedOutcome", "reverse")).status()).isEqualTo(401);
        assertThat(sender.api().get("/api/v1/me/appeals").json()).isEmpty();

        Response first = appeal(sender, decisionId, "It was a quote from a film review.", "clarify");
        assertThat(first.status()).isEqualTo(201);
        Response second = appeal(sender, decisionId, "Again, please.", "reverse");
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.code()).isEqualTo("appeal_exists");
        assertThat(second.json().get("appealId").asLong()).isEqualTo(first.id());
        assertThat(friend.api().get("/api/v1/appeals/" + first.id()).status()).as("someone else's appeal").isEqualTo(404);
        assertThat(admin.api().get("/api/v1/appeals/" + first.id()).status()).as("moderators read it").isEqualTo(200);

        // A shadow decision was never shown; a decision that took nothing away has nothing to appeal.
        sender.send(direct, "s1", "limited time offer on cakes");
        long shadow = 0;
        for (JsonNode d : admin.api().get("/api/v1/moderation/accounts/" + sender.id()).json().get("decisions")) {
            if (d.get("mode").asText().equals("shadow")) shadow = d.get("id").asLong();
        }
        assertThat(shadow).isPositive();
        assertThat(appeal(sender, shadow, "watched?", "clarify").status()).isEqualTo(404);
        Response lifted = admin.api().post("/api/v1/moderation/sanctions/"
                + admin.api().post("/api/v1/moderation/accounts/" + sender.id() + "/sanctions",
                Map.of("kind", "suspension", "duration", "1d", "reason", "testing a lift")).json().at("/sanction/id").asLong()
                + "/lift", Map.of("reason", "lifted at once"));
        Response notAppealable = appeal(sender, lifted.id(), "thanks", "clarify");
        assertThat(notAppealable.status()).isEqualTo(409);
        assertThat(notAppealable.code()).isEqualTo("decision_not_appealable");

        // After the window (183 days by default) it is too late, and the refused content is gone.
        Response later = sender.send(direct, "o2", "online casino again");
        long laterId = later.json().get("decisionId").asLong();
        assertThat(sender.api().get("/api/v1/decisions/" + laterId).json().get("excerpt").asText()).isEqualTo("online casino again");
        server.clock().advance(Duration.ofDays(183).plusMinutes(1));
        User back = server.logIn(sender.username(), RunningServer.passwordOf(sender.username())); // the old session expired
        Response closed = appeal(back, laterId, "Sorry, I was away.", "reverse");
        assertThat(closed.status()).isEqualTo(410);
        assertThat(closed.code()).isEqualTo("appeal_window_closed");
        assertThat(closed.json().get("detail").asText()).contains(later.json().at("/decision/appealableUntil").asText());
        back.api().get("/api/v1/me/appeals"); // reading appeals runs the deadlines at once
        assertThat(back.api().get("/api/v1/decisions/" + laterId).json().has("excerpt"))
                .as("refused content is deleted when its appeal window closes").isFalse();
    }

    @Test
    void aBannedAccountCanLogInReadAndAppealItsBan() {
        sender.send(group, "b0", "before the ban");
        Response ban = admin.api().post("/api/v1/moderation/accounts/" + sender.id() + "/sanctions",
                Map.of("kind", "ban", "reason", "Repeated scam links to group members"));
        assertThat(ban.status()).isEqualTo(201);
        User again = server.logIn(sender.username(), RunningServer.passwordOf(sender.username()));
        assertThat(again.send(group, "b1", "let me speak").code()).isEqualTo("account_restricted");
        assertThat(again.api().get("/api/v1/conversations/" + group + "/messages").status()).as("reading").isEqualTo(200);
        assertThat(again.api().get("/api/v1/me/sanctions").json().at("/sanctions/0/kind").asText()).isEqualTo("ban");

        Response filed = appeal(again, ban.id(), "Those links were to my own shop, which is legitimate.", "reverse");
        assertThat(filed.status()).as("a banned account may appeal").isEqualTo(201);

        User moderator = server.registerWith("mod", Role.MODERATOR);
        assertThat(decide(admin, filed.id(), "reversed").code()).as("the admin who banned").isEqualTo("appeal_reviewer_conflict");
        Response reversed = decide(moderator, filed.id(), "reversed");
        assertThat(reversed.status()).as(reversed.toString()).isEqualTo(200);
        assertThat(again.send(group, "b2", "back").status()).isEqualTo(201);
        assertThat(admin.api().get("/api/v1/moderation/accounts/" + sender.id()).json().at("/sanctions/0/liftReason").asText())
                .contains("reversed on appeal");
    }

    @Test
    void whoeverTookActedOnOrReportedTheCaseCannotDecideItsAppeal() {
        User remover = server.registerWith("remover", Role.MODERATOR);
        User reporter = server.registerWith("reporter", Role.MODERATOR);
        User other = server.registerWith("other", Role.MODERATOR);
        server.befriend(sender, reporter);
        Response add = sender.api().post("/api/v1/conversations/" + group + "/members", Map.of("members", List.of(reporter.id())));
        assertThat(add.status()).as(add.toString()).isEqualTo(200);
        Response msg = sender.send(group, "m1", "you are all hopeless");
        reporter.api().post("/api/v1/reports", Map.of("messageId", msg.id(), "reason", "rude to the group"));
        Response removed = remover.api().post("/api/v1/moderation/messages/" + msg.id() + "/remove",
                Map.of("reason", "Rude to the group", "ruleId", "gambling"));
        assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
        assertThat(sender.api().get("/api/v1/me/sanctions").json().get("activeStrikes").asInt()).isEqualTo(1);

        Response filed = appeal(sender, removed.id(), "It was banter among old friends.", "reverse");
        assertThat(filed.status()).isEqualTo(201);

        Response byRemover = decide(remover, filed.id(), "upheld");
        assertThat(byRemover.status()).isEqualTo(403);
        assertThat(byRemover.code()).isEqualTo("appeal_reviewer_conflict");
        assertThat(byRemover.json().get("conflict").asText()).isEqualTo("you took the original decision");
        assertThat(decide(reporter, filed.id(), "upheld").json().get("conflict").asText()).isEqualTo("you reported this content");
        assertThat(decide(sender, filed.id(), "reversed").code()).as("not a moderator").isEqualTo("not_allowed");
        JsonNode asSeenByRemover = remover.api().get("/api/v1/moderation/appeals").json().get(0);
        assertThat(asSeenByRemover.get("canDecide").asBoolean()).isFalse();
        assertThat(asSeenByRemover.get("conflict").asText()).isEqualTo("you took the original decision");
        assertThat(other.api().get("/api/v1/moderation/appeals").json().get(0).get("canDecide").asBoolean()).isTrue();

        try (StreamClient friendStream = friend.stream(null)) {
            Response reversed = decide(other, filed.id(), "reversed");
            assertThat(reversed.status()).as(reversed.toString()).isEqualTo(200);
            JsonNode restored = friendStream.awaitEvent("message.restored", e -> e.at("/data/id").asLong() == msg.id());
            assertThat(restored.at("/data/text").asText()).isEqualTo("you are all hopeless");
            assertThat(restored.at("/data/status").asText()).isEqualTo("delivered");
            assertThat(restored.at("/data/seq").asLong()).as("back in its old place").isEqualTo(msg.json().get("seq").asLong());
        }
        assertThat(sender.api().get("/api/v1/me/sanctions").json().get("activeStrikes").asInt()).isZero();
        assertThat(decide(other, filed.id(), "upheld").code()).isEqualTo("appeal_decided");
    }

    @Test
    void whenNobodyElseCouldDecideAnAdminMayAndTheAppellantIsToldItWasNotIndependent() {
        Response suspended = admin.api().post("/api/v1/moderation/accounts/" + sender.id() + "/sanctions",
                Map.of("kind", "suspension", "duration", "7d", "reason", "Flooding the group"));
        Response filed = appeal(sender, suspended.id(), "I posted three photos of my cat, that is all.", "reduce");
        JsonNode queued = admin.api().get("/api/v1/moderation/appeals").json().get(0);
        assertThat(queued.get("canDecide").asBoolean()).isTrue();
        assertThat(queued.get("independent").asBoolean()).isFalse();
        assertThat(queued.get("conflict").asText()).contains("you took the original decision", "nobody else");

        Response decided = decide(admin, filed.id(), "upheld");
        assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
        JsonNode seen = sender.api().get("/api/v1/appeals/" + filed.id()).json();
        assertThat(seen.get("outcome").asText()).isEqualTo("upheld");
        assertThat(seen.get("independent").asBoolean()).as("the appellant sees it was not independent").isFalse();
        assertThat(sender.send(direct, "u1", "still suspended?").code()).as("upheld changes nothing").isEqualTo("account_restricted");
    }

    @Test
    void aModifiedSanctionRecordsTheOldAndTheNew() {
        Response suspended = admin.api().post("/api/v1/moderation/accounts/" + sender.id() + "/sanctions",
                Map.of("kind", "suspension", "duration", "7d", "reason", "Flooding the group"));
        Response filed = appeal(sender, suspended.id(), "A week is a lot for a first time.", "reduce");
        User moderator = server.registerWith("mod", Role.MODERATOR);
        Instant tomorrow = server.clock().instant().plus(Duration.ofDays(1));

        assertThat(decide(moderator, filed.id(), "modified").code()).isEqualTo("invalid_sanction");
        assertThat(decide(moderator, filed.id(), Map.of("outcome", "upheld", "reason", REASON,
                "sanction", Map.of("endsAt", tomorrow.toString()))).code()).isEqualTo("invalid_sanction");
        assertThat(decide(moderator, filed.id(), Map.of("outcome", "modified", "reason", REASON,
                "sanction", Map.of("features", List.of("send_group")))).code()).as("a suspension has no scope").isEqualTo("invalid_sanction");
        assertThat(decide(moderator, filed.id(), Map.of("outcome", "modified", "reason", REASON,
                "sanction", Map.of("endsAt", "2000-01-01T00:00:00Z"))).code()).isEqualTo("invalid_sanction");

        Response modified = decide(moderator, filed.id(), Map.of("outcome", "modified", "reason", "A first offence; one day is enough.",
                "sanction", Map.of("endsAt", tomorrow.toString())));
        assertThat(modified.status()).as(modified.toString()).isEqualTo(200);
        assertThat(Instant.parse(modified.json().at("/sanctionBefore/endsAt").asText()))
                .isEqualTo(Instant.parse(suspended.json().at("/sanction/endsAt").asText()));
        assertThat(modified.json().at("/sanctionBefore/liftReason").asText()).contains("replaced on appeal");
        assertThat(Instant.parse(modified.json().at("/sanctionAfter/endsAt").asText())).isEqualTo(tomorrow);
        assertThat(sender.api().get("/api/v1/me/sanctions").json().at("/sanctions/0/endsAt").asText()).isEqualTo(tomorrow.toString());

        server.clock().advance(Duration.ofDays(1).plusMinutes(1));
        assertThat(sender.send(direct, "m1", "back a week early").status()).isEqualTo(201);
    }

    @Test
    void decidingTakesAKnownOutcomeAndAReasonTheAppellantCanRead() {
        Response refused = restrict(sender, group);
        Response filed = appeal(sender, refused.json().get("decisionId").asLong(), "Please look again.", "reverse");
        assertThat(decide(admin, filed.id(), Map.of("outcome", "overturned", "reason", REASON)).code()).isEqualTo("invalid_outcome");
        assertThat(decide(admin, filed.id(), Map.of("reason", REASON)).code()).isEqualTo("missing_field");
        Response terse = decide(admin, filed.id(), Map.of("outcome", "upheld", "reason", "no"));
        assertThat(terse.status()).isEqualTo(422);
        assertThat(terse.code()).isEqualTo("reason_required");
        assertThat(decide(admin, filed.id(), Map.of("outcome", "upheld")).code()).isEqualTo("reason_required");
        assertThat(decide(admin, filed.id(), Map.of("outcome", "upheld", "reason", "x".repeat(2001))).code()).isEqualTo("invalid_reason");
        assertThat(decide(admin, 999_999, "upheld").status()).isEqualTo(404);
        assertThat(admin.api().get("/api/v1/moderation/appeals?status=sideways").code()).isEqualTo("invalid_status");
        assertThat(sender.api().get("/api/v1/moderation/appeals").status()).isEqualTo(403);

        Response upheld = decide(admin, filed.id(), "upheld");
        assertThat(upheld.status()).isEqualTo(200);
        assertThat(upheld.json().get("outcome").asText()).isEqualTo("upheld");
        assertThat(sender.api().get("/api/v1/decisions/" + upheld.json().get("outcomeDecisionId").asLong()).json()
                .get("visibility").asText()).contains("stands after an appeal");
        assertThat(sender.send(group, "u1", "still restricted").code()).isEqualTo("account_restricted");
        assertThat(admin.api().get("/api/v1/moderation/appeals").json()).as("decided: out of the open queue").isEmpty();
        assertThat(admin.api().get("/api/v1/moderation/appeals?status=decided").json()).hasSize(1);
    }

    @Test
    void overdueAppealsGoFirstAndThePolicyReversesThoseInTheCategoriesItNames() {
        long gambling = sender.send(direct, "g1", "online casino").json().get("decisionId").asLong();
        long spam = sender.send(direct, "s1", "cheap followers here").json().get("decisionId").asLong();
        Response gamblingAppeal = appeal(sender, gambling, "A film title.", "reverse");
        Response spamAppeal = appeal(sender, spam, "My band's page, not a sale.", "reverse");
        server.clock().advance(Duration.ofDays(8));
        long fresh = friend.send(direct, "f1", "online casino").json().get("decisionId").asLong();
        Response freshAppeal = appeal(friend, fresh, "A quote.", "reverse");

        JsonNode queue = admin.api().get("/api/v1/moderation/appeals").json();
        assertThat(queue).extracting(c -> c.at("/appeal/id").asLong()).containsExactly(gamblingAppeal.id(), freshAppeal.id());
        assertThat(queue.get(0).at("/appeal/overdue").asBoolean()).isTrue();
        assertThat(queue.get(0).get("escalated").asBoolean()).isTrue();
        assertThat(queue.get(1).at("/appeal/overdue").asBoolean()).isFalse();
        assertThat(admin.api().get("/api/v1/moderation/audit?account=" + sender.id()).json())
                .anySatisfy(e -> assertThat(e.get("action").asText()).isEqualTo("appeal.overdue"));

        JsonNode auto = sender.api().get("/api/v1/appeals/" + spamAppeal.id()).json();
        assertThat(auto.get("outcome").asText()).as("spam: onOverdue reverse").isEqualTo("reversed");
        assertThat(auto.get("decidedBy").asText()).isEqualTo("policy");
        assertThat(auto.get("reason").asText()).contains("Not decided by its deadline");
        assertThat(friend.api().get("/api/v1/conversations/" + direct + "/messages").json().get("messages"))
                .extracting(m -> m.get("text").asText()).containsExactly("cheap followers here");
    }

    @Test
    void theReporterOfADismissedReportMayAppealAndAReversalReopensIt() {
        Response msg = sender.send(group, "r1", "send me your bank details, quickly");
        Response report = friend.api().post("/api/v1/reports", Map.of("messageId", msg.id(), "reason", "asking for bank details"));
        User dismisser = server.registerWith("dismisser", Role.MODERATOR);
        dismisser.api().post("/api/v1/moderation/dismissals", Map.of("reportId", report.id(), "reason", "Looks like a joke"));
        long dismissal = friend.api().get("/api/v1/reports").json().get(0).get("decisionId").asLong();

        assertThat(friend.api().get("/api/v1/decisions/" + dismissal).status()).as("the reporter reads it").isEqualTo(200);
        assertThat(appeal(sender, dismissal, "I want to appeal too", "clarify").status())
                .as("a dismissal is not the reported account's to appeal").isEqualTo(404);
        Response filed = appeal(friend, dismissal, "They asked three of us for bank details.", "reverse");
        assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
        assertThat(decide(dismisser, filed.id(), "upheld").code()).isEqualTo("appeal_reviewer_conflict");

        Response reversed = decide(admin, filed.id(), "reversed");
        assertThat(reversed.status()).as(reversed.toString()).isEqualTo(200);
        assertThat(friend.api().get("/api/v1/reports").json().get(0).get("status").asText()).isEqualTo("open");
        assertThat(admin.api().get("/api/v1/moderation/queue").json())
                .anySatisfy(item -> assertThat(item.get("reportId").asLong()).isEqualTo(report.id()));
    }

    @Test
    void anImageWithdrawnAfterOcrIsRestoredOnAppealAndLeavesTheOcrBank() {
        byte[] banner = Images.encode(Images.banner("ONLINE CASINO", 1000, 300), "png", 1);
        Response sent;
        long withdrawal;
        try (StreamClient senderStream = sender.stream(null)) {
            sent = sendImage(sender, group, "i1", banner);
            assertThat(sent.status()).isEqualTo(201);
            withdrawal = senderStream.awaitEvent("moderation.decision", e -> e.at("/data/outcome").asText().equals("withdrawn"))
                    .at("/data/id").asLong();
        }
        assertThat(sendImage(friend, group, "i2", banner).status()).as("in the OCR bank").isEqualTo(422);

        Response filed = appeal(sender, withdrawal, "It is a photo of a street sign in Macau.", "reverse");
        try (StreamClient friendStream = friend.stream(null)) {
            assertThat(decide(admin, filed.id(), "reversed").status()).isEqualTo(200);
            JsonNode restored = friendStream.awaitEvent("message.restored", e -> e.at("/data/id").asLong() == sent.id());
            String mediaId = restored.at("/data/mediaId").asText();
            assertThat(mediaId).isNotBlank();
            assertThat(friend.api().get("/api/v1/media/" + mediaId).status()).isEqualTo(200);
        }
        assertThat(sendImage(friend, group, "i3", banner).status()).as("out of the OCR bank: it can be sent again").isEqualTo(201);
    }

    private static Response sendImage(User u, long conversation, String clientId, byte[] bytes) {
        Response up = u.api().upload("image/png", bytes);
        assertThat(up.status()).as(up.toString()).isEqualTo(201);
        return u.api().post("/api/v1/conversations/" + conversation + "/messages",
                Map.of("clientId", clientId, "mediaId", up.json().get("id").asText()));
    }
}
