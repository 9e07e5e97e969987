package org.stoa.server.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.accounts.Role;
import org.stoa.server.support.Images;
import org.stoa.server.support.Response;
import org.stoa.server.support.StreamClient;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

/** The moderation scenarios of the enforcement lifecycle, over the real API with a policy file of their own. */
class ModerationScenariosTest {

    static final String POLICY = """
            version: "test-1"
            enforcement:
              strikesExpireAfter: 90d
              severeCategories: [malware]
              ladder:
                - {atStrikes: 1, sanction: warning}
                - {atStrikes: 2, sanction: restriction, features: [send_group], duration: 24h}
                - {atStrikes: 3, sanction: suspension, duration: 7d}
            ocr:
              bank: ocr-detected
            lists:
              casino:
                terms: [online casino, 网上赌场]
              followers:
                terms: [buy followers]
              promo:
                terms: [limited time offer]
            banks: [scam-banners, ocr-detected]
            rules:
              - {id: gambling, version: 2, title: Gambling advertising, explanation: Gambling ads are not allowed here.,
                 category: gambling, conditions: [{text: casino}, {ocr: casino}], action: block, severity: 1}
              - {id: followers, version: 1, title: Selling followers, explanation: A moderator checks these first.,
                 category: spam, conditions: [{text: followers}], action: hold, severity: 1}
              - {id: promo, version: 1, title: Promotion, explanation: Only counted., category: spam,
                 conditions: [{text: promo}], action: block, severity: 1, mode: shadow}
              - {id: scam-images, version: 1, title: Known scam image, explanation: This image is a known scam banner.,
                 category: scam, conditions: [{image: scam-banners}], action: block, severity: 1}
              - {id: ocr-images, version: 1, title: Image withdrawn for its text, explanation: It broke a rule before.,
                 category: other, conditions: [{image: ocr-detected}], action: block, severity: 1}
            """;

    @TempDir
    Path dir;
    Path policyFile;
    TestServer server;
    User moderator;

    @BeforeEach
    void start() throws Exception {
        policyFile = dir.resolve("policy.yaml");
        Files.writeString(policyFile, POLICY);
        server = new TestServer(dir.resolve("data"), Map.of("policy.file", policyFile.toString()));
        moderator = server.registerWith("mod", Role.ADMIN);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private List<User> users(int n) {
        List<User> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(server.register("user"));
        return out;
    }

    private Response sendImage(User u, long conversation, String clientId, byte[] bytes, String type) {
        Response up = u.api().upload(type, bytes);
        assertThat(up.status()).as(up.toString()).isEqualTo(201);
        return u.api().post("/api/v1/conversations/" + conversation + "/messages",
                Map.of("clientId", clientId, "mediaId", up.json().get("id").asText()));
    }

    private Response bank(String bank, byte[] bytes) {
        return moderator.api().send(moderator.api().request("/api/v1/moderation/banks/" + bank + "/entries?reason=known+scam+banner")
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    @Test
    void aKnownBannedPhotoIsRefusedInAGroupAndSoIsItsReencodedResizedCopy() {
        List<User> people = users(6);
        User sender = people.getFirst();
        long group = server.group(sender, people.subList(1, 6));
        BufferedImage banner = Images.photo(42, 1000, 700);
        byte[] original = Images.encode(banner, "png", 1);
        Response banked = bank("scam-banners", original);
        assertThat(banked.status()).as(banked.toString()).isEqualTo(201);
        assertThat(banked.json().get("added").asInt()).isPositive();

        List<StreamClient> streams = people.subList(1, 6).stream().map(u -> u.stream(null)).toList();
        Response refused = sendImage(sender, group, "banned-1", original, "image/png");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("message_refused");
        assertThat(refused.json().at("/reasons/0/ruleId").asText()).isEqualTo("scam-images");
        assertThat(refused.json().at("/reasons/0/evidence").asText()).contains("matched image bank scam-banners");
        assertThat(refused.json().at("/decision/source").asText()).isEqualTo("automated");
        assertThat(refused.json().at("/decision/automation").asText()).isEqualTo("fully");
        assertThat(refused.json().at("/decision/policyVersion").asText()).startsWith("test-1#");

        // Another user, the same picture re-encoded as a JPEG at 70 % of the size.
        User other = people.get(1);
        byte[] copy = Images.encode(Images.resize(banner, 700, 490), "jpeg", 0.8f);
        Response refusedCopy = sendImage(other, group, "banned-2", copy, "image/jpeg");
        assertThat(refusedCopy.status()).as(refusedCopy.toString()).isEqualTo(422);
        assertThat(refusedCopy.json().at("/reasons/0/evidence").asText()).contains("perceptual hash");

        sender.send(group, "after", "still here");
        for (StreamClient s : streams) {
            s.awaitEvent("message.created", e -> e.at("/data/clientId").asText().equals("after"));
            assertThat(s.events("message.created")).as("no member received either image").hasSize(1);
        }
        streams.forEach(StreamClient::close);
    }

    @Test
    void textInAnImageIsCaughtAfterDeliveryWithdrawnAndItsNextSendRefusedAtOnce() {
        User sender = server.register("sender");
        User friend = server.register("friend");
        long group = server.group(sender, List.of(friend));
        byte[] banner = Images.encode(Images.banner("ONLINE CASINO", 1000, 300), "png", 1);
        try (StreamClient friendStream = friend.stream(null); StreamClient senderStream = sender.stream(null)) {
            Response sent = sendImage(sender, group, "ocr-1", banner, "image/png");
            assertThat(sent.status()).as("text in pixels passes the synchronous check").isEqualTo(201);
            JsonNode withdrawn = friendStream.awaitEvent("message.withdrawn", e -> e.at("/data/id").asLong() == sent.id());
            assertThat(withdrawn.at("/data/status").asText()).isEqualTo("withdrawn");
            assertThat(withdrawn.at("/data/mediaId").isMissingNode()).as("the image is gone for recipients").isTrue();
            JsonNode notice = senderStream.awaitEvent("moderation.decision", e -> e.at("/data/outcome").asText().equals("withdrawn"));
            assertThat(notice.at("/data/ruleId").asText()).isEqualTo("gambling");
            assertThat(notice.at("/data/hits/0/describe").asText()).contains("text in the image");
        }
        assertThat(friend.api().get("/api/v1/media/" + friend.api().get("/api/v1/conversations/" + group + "/messages")
                .json().at("/messages/0/id").asText()).status()).isEqualTo(404);

        Response again = sendImage(friend, group, "ocr-2", banner, "image/png");
        assertThat(again.status()).as("the next send of that image, by anyone, is refused at once").isEqualTo(422);
        assertThat(again.json().at("/reasons/0/ruleId").asText()).isEqualTo("ocr-images");
    }

    @Test
    void repeatedViolationsClimbTheLadderAndRestrictionsEndByThemselves() {
        User spammer = server.register("spammer");
        User friend = server.register("friend");
        long group = server.group(spammer, List.of(friend));
        long direct = server.direct(spammer, friend);

        Response first = spammer.send(group, "v1", "best online casino");
        assertThat(first.status()).isEqualTo(422);
        assertThat(first.json().at("/decision/sanction/kind").asText()).isEqualTo("warning");
        // Each later offence comes after the burst window and after the warning was read and acknowledged.
        acknowledgeAndWait(spammer, first);

        Response second = spammer.send(group, "v2", "online casino again");
        assertThat(second.json().at("/decision/sanction/kind").asText()).isEqualTo("restriction");
        assertThat(second.json().at("/decision/sanction/features/0").asText()).isEqualTo("send_group");

        Response blocked = spammer.send(group, "g", "hello group");
        assertThat(blocked.status()).isEqualTo(403);
        assertThat(blocked.code()).isEqualTo("account_restricted");
        assertThat(blocked.json().at("/sanction/kind").asText()).isEqualTo("restriction");
        assertThat(blocked.json().at("/sanction/endsAt").asText()).isNotBlank();
        assertThat(blocked.json().at("/sanction/decisionId").asLong()).isEqualTo(second.json().get("decisionId").asLong());
        assertThat(spammer.send(direct, "d", "direct still works").status()).isEqualTo(201);
        assertThat(spammer.api().get("/api/v1/conversations/" + group + "/messages").status()).as("reading still works").isEqualTo(200);
        assertThat(spammer.api().get("/api/v1/me/sanctions").json().at("/sanctions/0/kind").asText()).isEqualTo("restriction");

        server.clock().advance(Duration.ofMinutes(11));
        Response third = spammer.send(direct, "v3", "online casino in private");
        assertThat(third.json().at("/decision/sanction/kind").asText()).isEqualTo("suspension");
        assertThat(spammer.send(direct, "d2", "hello?").code()).isEqualTo("account_restricted");

        server.clock().advance(Duration.ofDays(7).plusMinutes(1));
        assertThat(spammer.send(direct, "d3", "back again").status()).as("the suspension ended by itself").isEqualTo(201);
        assertThat(spammer.send(group, "g2", "and in the group").status()).as("so did the restriction").isEqualTo(201);
    }

    /** The person reads the warning and acknowledges it, and leaves the burst window behind. */
    private void acknowledgeAndWait(User u, Response warned) {
        Response ack = u.api().post("/api/v1/me/warnings/" + warned.json().get("decisionId").asLong() + "/acknowledge", Map.of());
        assertThat(ack.status()).as(ack.toString()).isEqualTo(200);
        server.clock().advance(Duration.ofMinutes(11));
    }

    @Test
    void shadowRulesRecordDecisionsAndBlockNothing() {
        User alice = server.register("alice");
        User bob = server.register("bob");
        long group = server.group(alice, List.of(bob));
        Response sent = alice.send(group, "s1", "limited time offer on cakes");
        assertThat(sent.status()).isEqualTo(201);
        assertThat(bob.api().get("/api/v1/conversations/" + group + "/messages").json().get("messages")).hasSize(1);
        JsonNode policy = moderator.api().get("/api/v1/moderation/policy").json();
        JsonNode promo = null;
        for (JsonNode r : policy.get("rules")) if (r.get("id").asText().equals("promo")) promo = r;
        assertThat(promo).isNotNull();
        assertThat(promo.get("shadowHits").asLong()).isEqualTo(1);
        assertThat(alice.api().get("/api/v1/me/sanctions").json().get("activeStrikes").asInt()).isZero();
        assertThat(alice.api().get("/api/v1/me/decisions").json()).as("shadow rules do not tell people they are watched").isEmpty();
    }

    @Test
    void anInvalidPolicyReloadIsRefusedAndTheOldPolicyKeepsWorking() throws Exception {
        User alice = server.register("alice");
        User bob = server.register("bob");
        long group = server.group(alice, List.of(bob));
        String version = moderator.api().get("/api/v1/moderation/policy").json().get("version").asText();
        Files.writeString(policyFile, POLICY.replace("action: hold", "action: explode"));
        Response reload = moderator.api().post("/api/v1/admin/policy/reload", Map.of());
        assertThat(reload.status()).isEqualTo(422);
        assertThat(reload.code()).isEqualTo("invalid_policy");
        assertThat(reload.json().get("line").asInt()).isEqualTo(POLICY.lines().toList().indexOf(
                POLICY.lines().filter(l -> l.contains("action: hold")).findFirst().orElseThrow()) + 1);
        assertThat(reload.json().get("detail").asText()).contains("explode");
        assertThat(moderator.api().get("/api/v1/moderation/policy").json().get("version").asText()).isEqualTo(version);
        assertThat(alice.send(group, "x", "online casino").status()).as("the old policy still refuses").isEqualTo(422);
        assertThat(alice.api().post("/api/v1/admin/policy/reload", Map.of()).status()).as("admins only").isEqualTo(403);

        Files.writeString(policyFile, POLICY.replace("version: \"test-1\"", "version: \"test-2\""));
        Response good = moderator.api().post("/api/v1/admin/policy/reload", Map.of());
        assertThat(good.status()).isEqualTo(200);
        assertThat(good.json().get("version").asText()).startsWith("test-2#");
    }

    @Test
    void aReportReachesTheQueueAndAModeratorsRemovalTellsReporterAndSender() {
        User sender = server.register("sender");
        User reporter = server.register("reporter");
        long group = server.group(sender, List.of(reporter));
        Response msg = sender.send(group, "r", "you are all idiots");
        try (StreamClient reporterStream = reporter.stream(null); StreamClient senderStream = sender.stream(null)) {
            Response report = reporter.api().post("/api/v1/reports", Map.of("messageId", msg.id(), "reason", "insulting the group"));
            assertThat(report.status()).isEqualTo(201);
            JsonNode queue = moderator.api().get("/api/v1/moderation/queue").json();
            assertThat(queue).anySatisfy(item -> {
                assertThat(item.get("kind").asText()).isEqualTo("report");
                assertThat(item.get("messageId").asLong()).isEqualTo(msg.id());
                assertThat(item.get("text").asText()).isEqualTo("you are all idiots");
            });
            assertThat(reporter.api().get("/api/v1/moderation/queue").status()).as("moderators only").isEqualTo(403);
            assertThat(moderator.api().post("/api/v1/moderation/messages/" + msg.id() + "/remove", Map.of()).code())
                    .isEqualTo("reason_required");
            Response removed = moderator.api().post("/api/v1/moderation/messages/" + msg.id() + "/remove",
                    Map.of("reason", "harassment of group members"));
            assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
            assertThat(removed.json().get("source").asText()).isEqualTo("user_report");

            JsonNode resolved = reporterStream.awaitEvent("report.resolved", e -> e.at("/data/reportId").asLong() == report.id());
            assertThat(resolved.at("/data/outcome").asText()).contains("removed");
            JsonNode told = senderStream.awaitEvent("moderation.decision", e -> e.at("/data/outcome").asText().equals("removed"));
            assertThat(told.at("/data/moderatorReason").asText()).isEqualTo("harassment of group members");
            reporterStream.awaitEvent("message.withdrawn", e -> e.at("/data/id").asLong() == msg.id());
        }
        assertThat(reporter.api().get("/api/v1/reports").json().at("/0/status").asText()).isEqualTo("resolved");
        assertThat(moderator.api().get("/api/v1/moderation/queue").json()).isEmpty();
        JsonNode audit = moderator.api().get("/api/v1/moderation/audit?actor=" + moderator.id()).json();
        assertThat(audit).anySatisfy(e -> assertThat(e.get("action").asText()).isEqualTo("decision.removed"));
    }

    @Test
    void heldMessagesWaitForAModerator() {
        User sender = server.register("sender");
        User friend = server.register("friend");
        long group = server.group(sender, List.of(friend));
        try (StreamClient friendStream = friend.stream(null)) {
            Response held = sender.send(group, "h", "buy followers here");
            assertThat(held.status()).isEqualTo(202);
            assertThat(held.json().get("status").asText()).isEqualTo("held");
            assertThat(held.json().at("/moderation/notice").asText()).contains("pending review");
            assertThat(friend.api().get("/api/v1/conversations/" + group + "/messages").json().get("messages")).isEmpty();

            JsonNode queue = moderator.api().get("/api/v1/moderation/queue").json();
            assertThat(queue).singleElement().satisfies(item -> {
                assertThat(item.get("kind").asText()).isEqualTo("held");
                assertThat(item.get("ruleId").asText()).isEqualTo("followers");
            });
            Response approved = moderator.api().post("/api/v1/moderation/messages/" + held.id() + "/approve",
                    Map.of("reason", "a joke between friends"));
            assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
            JsonNode delivered = friendStream.awaitEvent("message.created", e -> e.at("/data/id").asLong() == held.id());
            assertThat(delivered.at("/data/text").asText()).isEqualTo("buy followers here");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> moderator.api().get("/api/v1/moderation/queue").json().isEmpty());
    }

    @Test
    void moderatorsStreamsHearEachChangeOfTheQueueAndNobodyElsesDo() {
        User sender = server.register("sender");
        User friend = server.register("friend");
        User colleague = server.registerWith("colleague", Role.MODERATOR);
        long group = server.group(sender, List.of(friend));
        try (StreamClient admin = moderator.stream(null); StreamClient mod = colleague.stream(null);
             StreamClient member = friend.stream(null)) {
            Response held = sender.send(group, "h", "buy followers here");
            assertThat(held.status()).isEqualTo(202);
            admin.awaitEvents("moderation.queue", 1);
            mod.awaitEvents("moderation.queue", 1);
            Response report = friend.api().post("/api/v1/reports", Map.of("accountId", sender.id(), "reason", "spam"));
            assertThat(report.status()).isEqualTo(201);
            mod.awaitEvents("moderation.queue", 2);
            assertThat(moderator.api().post("/api/v1/moderation/messages/" + held.id() + "/approve", Map.of("reason", "fine")).status())
                    .isEqualTo(200);
            mod.awaitEvents("moderation.queue", 3);
            assertThat(moderator.api().post("/api/v1/moderation/dismissals", Map.of("reportId", report.id(), "reason", "unfounded"))
                    .status()).isEqualTo(204);
            mod.awaitEvents("moderation.queue", 4);
            // A decision that does not enter the queue (a refusal) tells moderators nothing.
            assertThat(sender.send(group, "c", "visit my online casino").status()).isEqualTo(422);
            assertThat(friend.api().post("/api/v1/reports", Map.of("accountId", sender.id(), "reason", "more spam")).status())
                    .isEqualTo(201);
            member.awaitEvent("report.resolved", e -> e.at("/data/reportId").asLong() == report.id());
            assertThat(member.events("moderation.queue")).as("not for members").isEmpty();
        }
        // Replayed from the start, the log holds exactly one event per change, nothing for the refusal.
        try (StreamClient replay = colleague.stream(0L)) {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> replay.frames().stream().anyMatch(f -> f.path("type").asText().equals("stream.ready")));
            assertThat(replay.events("moderation.queue")).hasSize(5).allSatisfy(e -> assertThat(e.get("data").isObject()).isTrue());
        }
    }

    @Test
    void moderatorsSanctionAndLiftWithReasons() {
        User alice = server.register("alice");
        User bob = server.register("bob");
        server.befriend(alice, bob);
        long direct = server.direct(alice, bob);
        Response noReason = moderator.api().post("/api/v1/moderation/accounts/" + alice.id() + "/sanctions",
                Map.of("kind", "suspension", "duration", "3d"));
        assertThat(noReason.code()).isEqualTo("reason_required");
        Response suspended = moderator.api().post("/api/v1/moderation/accounts/" + alice.id() + "/sanctions",
                Map.of("kind", "suspension", "duration", "3d", "reason", "coordinated spam, see report 12"));
        assertThat(suspended.status()).isEqualTo(201);
        assertThat(alice.send(direct, "1", "hi").code()).isEqualTo("account_restricted");
        long sanctionId = suspended.json().at("/sanction/id").asLong();
        assertThat(moderator.api().post("/api/v1/moderation/sanctions/" + sanctionId + "/lift", Map.of("reason", "appeal accepted"))
                .status()).isEqualTo(200);
        assertThat(alice.send(direct, "2", "hi again").status()).isEqualTo(201);
        JsonNode review = moderator.api().get("/api/v1/moderation/accounts/" + alice.id()).json();
        assertThat(review.get("sanctions")).hasSize(1);
        assertThat(review.at("/sanctions/0/liftReason").asText()).isEqualTo("appeal accepted");
        assertThat(alice.api().get("/api/v1/decisions/" + suspended.json().get("id").asLong()).status()).isEqualTo(200);
        assertThat(bob.api().get("/api/v1/decisions/" + suspended.json().get("id").asLong()).status()).as("not bob's").isEqualTo(404);
    }
}
