package org.stoa.server.enforcement;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.support.Response;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

/**
 * A ladder that climbs with a person's behaviour, not with the speed of the detectors: decisions in
 * one burst count as one offence at the highest severity, a warning comes first and is acknowledged
 * before the next step, and severe categories are exempt from both.
 */
class ProportionateLadderTest {

    static final String POLICY = """
            version: "ladder-1"
            enforcement:
              burstWindow: 10m
              severeCategories: [malware]
              ladder:
                - {atStrikes: 1, sanction: warning}
                - {atStrikes: 3, sanction: restriction, features: [send_group], duration: 24h}
                - {atStrikes: 6, sanction: suspension, duration: 7d}
            lists:
              casino: {terms: [online casino]}
              scam: {terms: [double your bitcoin]}
              phishing: {terms: [confirm your password]}
              malware: {terms: [install this apk]}
            rules:
              - {id: gambling, version: 1, title: Gambling, explanation: No gambling ads., category: gambling,
                 conditions: [{text: casino}], action: block, severity: 1}
              - {id: scams, version: 1, title: Scam, explanation: No scams., category: scam,
                 conditions: [{text: scam}], action: block, severity: 2}
              - {id: phishing, version: 1, title: Phishing, explanation: No phishing., category: phishing,
                 conditions: [{text: phishing}], action: block, severity: 3}
              - {id: malware, version: 1, title: Malware, explanation: No malware., category: malware,
                 conditions: [{text: malware}], action: block, severity: 4}
            """;

    @TempDir
    Path dir;
    TestServer server;
    User sender;
    User friend;
    long group;
    long direct;

    @BeforeEach
    void start() throws Exception {
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, POLICY);
        server = new TestServer(dir.resolve("data"), Map.of("policy.file", policy.toString()));
        sender = server.register("sender");
        friend = server.register("friend");
        group = server.group(sender, List.of(friend));
        direct = server.direct(sender, friend);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonNode standing() {
        return sender.api().get("/api/v1/me/sanctions").json();
    }

    private Response acknowledge(User u, long decisionId) {
        return u.api().post("/api/v1/me/warnings/" + decisionId + "/acknowledge", Map.of());
    }

    @Test
    void decisionsInOneBurstCountAsOneOffenceAtTheHighestSeverity() {
        Response first = sender.send(direct, "b1", "online casino");
        assertThat(first.json().at("/decision/sanction/kind").asText()).isEqualTo("warning");
        assertThat(first.json().at("/decision/strikes").asInt()).isEqualTo(1);

        Response second = sender.send(direct, "b2", "double your bitcoin");
        assertThat(second.status()).as("still refused: the content rules do not relax").isEqualTo(422);
        assertThat(second.json().at("/decision/strikes").asInt()).as("only what the higher severity adds").isEqualTo(1);
        assertThat(second.json().at("/decision/sanction").isMissingNode()).isTrue();
        Response third = sender.send(direct, "b3", "online casino again");
        assertThat(third.json().at("/decision/strikes").asInt()).isZero();
        assertThat(standing().get("activeStrikes").asInt()).as("one offence, at severity 2").isEqualTo(2);
        assertThat(standing().get("sanctions")).isEmpty();
        assertThat(sender.send(group, "g1", "hello group").status()).as("nothing taken away yet").isEqualTo(201);

        // A burst is measured from its first decision: one 9 minutes later still belongs to it...
        server.clock().advance(Duration.ofMinutes(9));
        sender.send(direct, "b4", "online casino");
        assertThat(standing().get("activeStrikes").asInt()).isEqualTo(2);
        // ...one 11 minutes after the first is a new offence.
        server.clock().advance(Duration.ofMinutes(2));
        sender.send(direct, "b5", "online casino");
        assertThat(standing().get("activeStrikes").asInt()).isEqualTo(3);
    }

    @Test
    void theLadderWaitsForTheWarningToBeAcknowledgedThenClimbs() {
        Response first = sender.send(direct, "w1", "double your bitcoin");
        long warningDecision = first.json().get("decisionId").asLong();
        JsonNode warning = standing().at("/warnings/0");
        assertThat(warning.get("kind").asText()).isEqualTo("warning");
        assertThat(warning.get("decisionId").asLong()).isEqualTo(warningDecision);
        assertThat(warning.has("acknowledgedAt")).as("not yet read").isFalse();

        server.clock().advance(Duration.ofMinutes(11));
        Response second = sender.send(direct, "w2", "double your bitcoin");
        assertThat(standing().get("activeStrikes").asInt()).isEqualTo(4);
        assertThat(second.json().at("/decision/sanction").isMissingNode()).as("the restriction waits for the warning").isTrue();
        assertThat(sender.send(group, "g1", "hello group").status()).isEqualTo(201);

        Response ack = acknowledge(sender, warningDecision);
        assertThat(ack.status()).as(ack.toString()).isEqualTo(200);
        assertThat(ack.json().get("acknowledgedAt").asText()).isNotBlank();
        Response again = acknowledge(sender, warningDecision);
        assertThat(again.json().get("acknowledgedAt").asText()).as("acknowledging twice changes nothing")
                .isEqualTo(ack.json().get("acknowledgedAt").asText());
        assertThat(sender.send(group, "g2", "acknowledging punishes nothing").status()).isEqualTo(201);

        server.clock().advance(Duration.ofMinutes(11));
        Response third = sender.send(direct, "w3", "online casino");
        assertThat(third.json().at("/decision/sanction/kind").asText()).as("5 strikes, past the step at 3").isEqualTo("restriction");
        assertThat(sender.send(group, "g3", "hello group").code()).isEqualTo("account_restricted");
    }

    @Test
    void aFirstOffenceIsWarnedWhateverItsSeverityUnlessTheCategoryIsSevere() {
        Response phishing = sender.send(direct, "p1", "please confirm your password");
        assertThat(standing().get("activeStrikes").asInt()).isEqualTo(3);
        assertThat(phishing.json().at("/decision/sanction/kind").asText()).as("a warning, not the restriction at 3").isEqualTo("warning");

        User other = server.register("other");
        server.befriend(other, friend);
        long otherDirect = server.direct(other, friend);
        Response malware = other.send(otherDirect, "m1", "install this apk");
        assertThat(malware.json().at("/decision/sanction/kind").asText()).as("severe: no warning first").isEqualTo("restriction");
        Response again = other.send(otherDirect, "m2", "install this apk now");
        assertThat(again.json().at("/decision/strikes").asInt()).as("severe decisions never merge into a burst").isEqualTo(4);
        assertThat(again.json().at("/decision/sanction/kind").asText()).isEqualTo("suspension");
    }

    @Test
    void onlyTheAccountWarnedCanAcknowledgeItsWarning() {
        Response warned = sender.send(direct, "a1", "online casino");
        long decisionId = warned.json().get("decisionId").asLong();
        assertThat(acknowledge(friend, decisionId).code()).isEqualTo("warning_not_found");
        assertThat(acknowledge(friend, decisionId).status()).isEqualTo(404);
        server.clock().advance(Duration.ofMinutes(11));
        Response noWarning = sender.send(direct, "a2", "online casino");
        assertThat(acknowledge(sender, noWarning.json().get("decisionId").asLong()).status()).isEqualTo(404);
        assertThat(sender.api().post("/api/v1/me/warnings/abc/acknowledge", Map.of()).status()).isEqualTo(404);
        assertThat(server.anonymous().post("/api/v1/me/warnings/" + decisionId + "/acknowledge", Map.of()).status()).isEqualTo(401);
        assertThat(acknowledge(sender, decisionId).status()).isEqualTo(200);
    }
}
