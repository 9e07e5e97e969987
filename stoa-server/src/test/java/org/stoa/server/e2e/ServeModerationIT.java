package org.stoa.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stoa.server.support.Images;
import org.stoa.server.support.LaunchedServer;
import org.stoa.server.support.Response;
import org.stoa.server.support.StreamClient;
import org.stoa.server.support.User;

/**
 * What a user and a moderator meet on {@code ./stoa serve} with the bundled sample policy, copied
 * into the server's folder as an operator would and pointed to by {@code policy.file}, its burst
 * window shortened to a second so that a test can leave a burst behind without waiting minutes.
 */
class ServeModerationIT {

    static final Duration BURST = Duration.ofSeconds(1);

    @TempDir
    static Path folder;
    static LaunchedServer server;
    static User moderator;

    @BeforeAll
    static void start() throws IOException {
        Files.createDirectories(folder);
        String sample = Files.readString(LaunchedServer.repositoryRoot().resolve("stoa-server/src/main/resources/policy/sample-policy.yaml"));
        assertThat(sample).contains("burstWindow: 10m");
        Files.writeString(folder.resolve("policy.yaml"), sample.replace("burstWindow: 10m", "burstWindow: 1s"));
        server = LaunchedServer.start(folder, """
                limits:
                  accountsPerAddress: 1000/1h
                policy:
                  file: ./policy.yaml
                """);
        moderator = server.staff("chiefmod", "admin");
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    record Pair(User sender, User friend, long group, long direct) {}

    /** Two new contacts with a group and a direct chat between them. */
    private static Pair pair() {
        User sender = server.register("sender");
        User friend = server.register("friend");
        long group = server.group(sender, List.of(friend));
        return new Pair(sender, friend, group, server.direct(sender, friend));
    }

    @Test
    void aCleanMessageIsDeliveredAndAListedTermRefusedWithItsRuleVersionsAndEvidence() {
        Pair p = pair();
        try (StreamClient friendStream = p.friend().stream(null)) {
            Response clean = p.sender().send(p.group(), "c1", "see you at the cinema tonight");
            assertThat(clean.status()).as(clean.toString()).isEqualTo(201);
            friendStream.awaitEvent("message.created", e -> e.at("/data/clientId").asText().equals("c1"));

            Response refused = p.sender().send(p.group(), "c2", "best online casino, free spins tonight");
            assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
            assertThat(refused.code()).isEqualTo("message_refused");
            assertThat(refused.json().at("/reasons/0/ruleId").asText()).isEqualTo("gambling-ads");
            assertThat(refused.json().at("/reasons/0/ruleVersion").asInt()).isEqualTo(1);
            assertThat(refused.json().at("/reasons/0/evidence").asText()).contains("\"online casino\"");
            assertThat(refused.json().at("/decision/policyVersion").asText()).startsWith("sample-2026.11#");

            long decisionId = refused.json().get("decisionId").asLong();
            JsonNode decision = p.sender().api().get("/api/v1/decisions/" + decisionId).json();
            assertThat(decision.get("ruleId").asText()).isEqualTo("gambling-ads");
            assertThat(decision.toString()).contains("online casino");

            p.sender().send(p.group(), "c3", "and the popcorn");
            friendStream.awaitEvent("message.created", e -> e.at("/data/clientId").asText().equals("c3"));
            assertThat(friendStream.events("message.created")).extracting(e -> e.at("/data/text").asText())
                    .as("the refused message reached nobody").containsExactly("see you at the cinema tonight", "and the popcorn");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "ｇｕａｒａｎｔｅｅｄ ｒｅｔｕｒｎｓ for everyone",      // full-width
            "g.u.a.r.a.n.t.e.e.d r.e.t.u.r.n.s, honestly",         // dotted
            "gu4r4nt33d r3turn5 this week",                        // leetspeak
            "想要網上賭場嗎",                                        // Traditional Chinese for 网上赌场
            "INSTALL THIS APK now"})
    void disguisedTermsAreRefused(String text) {
        Pair p = pair();
        Response refused = p.sender().send(p.direct(), "d1", text);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("message_refused");
        assertThat(p.friend().api().get("/api/v1/conversations/" + p.direct() + "/messages").json().get("messages")).isEmpty();
    }

    @Test
    void aHoldRuleMessageWaitsInTheModeratorQueue() {
        Pair p = pair();
        Response held = p.sender().send(p.group(), "h1", "buy followers, 1000 for $5");
        assertThat(held.status()).as(held.toString()).isEqualTo(202);
        assertThat(held.json().get("status").asText()).isEqualTo("held");
        assertThat(p.friend().api().get("/api/v1/conversations/" + p.group() + "/messages").json().get("messages")).isEmpty();
        JsonNode queue = moderator.api().get("/api/v1/moderation/queue").json();
        assertThat(queue).anySatisfy(item -> {
            assertThat(item.get("kind").asText()).isEqualTo("held");
            assertThat(item.get("messageId").asLong()).isEqualTo(held.id());
            assertThat(item.get("ruleId").asText()).isEqualTo("follower-spam");
        });
    }

    @Test
    void anImageBankedFromASentMessageIsRefusedWhenAReencodedCopyIsSent() {
        Pair p = pair();
        BufferedImage photo = Images.photo(7, 1200, 800);
        Response sent = sendImage(p.sender(), p.group(), "i1", Images.encode(photo, "png", 1), "image/png");
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);

        Response banked = moderator.api().post("/api/v1/moderation/messages/" + sent.id() + "/bank",
                Map.of("bank", "scam-banners", "reason", "a known advance-fee scam banner"));
        assertThat(banked.status()).as(banked.toString()).isEqualTo(200);
        assertThat(banked.json().get("added").asInt()).isPositive();

        byte[] copy = Images.encode(Images.resize(photo, 900, 600), "jpeg", 0.75f);
        Response refused = sendImage(p.friend(), p.group(), "i2", copy, "image/jpeg");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.json().at("/reasons/0/ruleId").asText()).isEqualTo("known-scam-images");
        assertThat(refused.json().at("/reasons/0/evidence").asText()).contains("scam-banners");
    }

    /**
     * A first offence earns the warning; once it is acknowledged and the burst is over, a second
     * offence (3 strikes in all) climbs to the group restriction. Answers that second refusal.
     */
    private static Response restrictInGroups(Pair p, long conversation, String text) {
        Response warned = p.sender().send(p.direct(), "w-" + System.nanoTime(), "online casino");
        assertThat(warned.json().at("/decision/sanction/kind").asText()).as(warned.toString()).isEqualTo("warning");
        Instant burstOver = Instant.now().plus(BURST);
        Response ack = p.sender().api().post("/api/v1/me/warnings/" + warned.json().get("decisionId").asLong() + "/acknowledge", Map.of());
        assertThat(ack.status()).as(ack.toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(burstOver));
        Response restricting = p.sender().send(conversation, "r-" + System.nanoTime(), text);
        assertThat(restricting.status()).isEqualTo(422);
        assertThat(restricting.json().at("/decision/sanction/kind").asText()).as(restricting.toString()).isEqualTo("restriction");
        return restricting;
    }

    @Test
    void theStrikeLadderRestrictsGroupsWhileReadingAndDirectMessagesStillWork() {
        Pair p = pair();
        Response restricting = restrictInGroups(p, p.direct(), "double your bitcoin");

        Response blocked = p.sender().send(p.group(), "g1", "hello group");
        assertThat(blocked.status()).as(blocked.toString()).isEqualTo(403);
        assertThat(blocked.code()).isEqualTo("account_restricted");
        assertThat(blocked.json().at("/sanction/kind").asText()).isEqualTo("restriction");
        assertThat(blocked.json().at("/sanction/features/0").asText()).isEqualTo("send_group");
        assertThat(blocked.json().at("/sanction/decisionId").asLong()).isEqualTo(restricting.json().get("decisionId").asLong());

        assertThat(p.sender().api().get("/api/v1/conversations/" + p.group() + "/messages").status())
                .as("reading still works").isEqualTo(200);
        assertThat(p.sender().send(p.direct(), "d1", "sorry, my account was hacked").status())
                .as("direct messages still work").isEqualTo(201);
        assertThat(p.sender().api().get("/api/v1/me/sanctions").json().at("/sanctions/0/kind").asText()).isEqualTo("restriction");
    }

    @Test
    void aRefusedMessageAppealedAndReversedByAnAdminIsDeliveredAndTheRestrictionLifted() {
        Pair p = pair();
        Response refused = restrictInGroups(p, p.group(), "double your bitcoin? no, double your popcorn at the cinema");
        assertThat(p.sender().send(p.group(), "g1", "hello group").code()).isEqualTo("account_restricted");

        Response appeal = p.sender().api().post("/api/v1/decisions/" + refused.json().get("decisionId").asLong() + "/appeals",
                Map.of("statement", "It was a joke about popcorn, not a crypto offer.", "requestedOutcome", "reverse"));
        assertThat(appeal.status()).as(appeal.toString()).isEqualTo(201);
        assertThat(moderator.api().get("/api/v1/moderation/appeals").json())
                .anySatisfy(c -> assertThat(c.at("/appeal/id").asLong()).isEqualTo(appeal.id()));

        try (StreamClient friendStream = p.friend().stream(null)) {
            Response decided = moderator.api().post("/api/v1/moderation/appeals/" + appeal.id() + "/decide",
                    Map.of("outcome", "reversed", "reason", "Read in full this is about popcorn; no crypto offer was made."));
            assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
            assertThat(decided.json().get("independent").asBoolean()).isTrue();
            JsonNode delivered = friendStream.awaitEvent("message.created", e -> e.at("/data/text").asText().contains("popcorn"));
            assertThat(delivered.at("/data/moderation/afterAppeal").asBoolean()).isTrue();
        }
        JsonNode standing = p.sender().api().get("/api/v1/me/sanctions").json();
        assertThat(standing.get("activeStrikes").asInt()).as("only the warning's strike is left").isEqualTo(1);
        assertThat(standing.get("sanctions")).isEmpty();
        assertThat(p.sender().send(p.group(), "g2", "thank you").status()).as("the restriction is lifted").isEqualTo(201);
    }

    @Test
    void onlyAnAdminSanctionsAModeratorWhoThenHasNoPowersUntilItIsLifted() {
        User mod = server.staff("deputy", "moderator");
        Response onAdmin = mod.api().post("/api/v1/moderation/accounts/" + moderator.id() + "/sanctions",
                Map.of("kind", "ban", "reason", "I do not like this admin"));
        assertThat(onAdmin.status()).as(onAdmin.toString()).isEqualTo(403);
        assertThat(onAdmin.code()).isEqualTo("staff_protected");
        Response self = moderator.api().post("/api/v1/moderation/accounts/" + moderator.id() + "/sanctions",
                Map.of("kind", "suspension", "duration", "1d", "reason", "testing on myself"));
        assertThat(self.code()).as(self.toString()).isEqualTo("cannot_sanction_self");

        Response suspended = moderator.api().post("/api/v1/moderation/accounts/" + mod.id() + "/sanctions",
                Map.of("kind", "suspension", "duration", "7d", "reason", "tried to ban an admin, see the audit log"));
        assertThat(suspended.status()).as(suspended.toString()).isEqualTo(201);
        Response refused = mod.api().get("/api/v1/moderation/queue");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.code()).isEqualTo("staff_powers_suspended");

        assertThat(moderator.api().post("/api/v1/moderation/sanctions/" + suspended.json().at("/sanction/id").asLong() + "/lift",
                Map.of("reason", "talked it through")).status()).isEqualTo(200);
        assertThat(mod.api().get("/api/v1/moderation/queue").status()).as("powers back once lifted").isEqualTo(200);
    }

    @Test
    void theServerLogsItsPolicyAndRefusalsShowInTheModeratorsAudit() {
        Pair p = pair();
        p.sender().send(p.direct(), "a1", "double your bitcoin");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(moderator.api().get("/api/v1/moderation/audit?account=" + p.sender().id()).json()).isNotEmpty());
        assertThat(server.output()).contains("sample-2026.11");
    }

    private static Response sendImage(User u, long conversation, String clientId, byte[] bytes, String type) {
        Response up = u.api().upload(type, bytes);
        assertThat(up.status()).as(up.toString()).isEqualTo(201);
        return u.api().post("/api/v1/conversations/" + conversation + "/messages",
                Map.of("clientId", clientId, "mediaId", up.json().get("id").asText()));
    }
}
