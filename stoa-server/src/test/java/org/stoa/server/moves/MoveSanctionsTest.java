package org.stoa.server.moves;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stoa.server.moves.MovesTest.move;
import static org.stoa.server.moves.MovesTest.nameAlias;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.accounts.Role;
import org.stoa.server.support.Response;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

/**
 * Moves and sanctions on the sample policy: a banned account can move, and its sanctions go with
 * it; an account sanctioned for a category the policy names cannot, and that refusal is a decision
 * it can appeal.
 */
class MoveSanctionsTest {

    static final String REASON = "Checked the whole history: this account must not be used any more.";
    static final String DECIDED = "Having read the case again, the original decision does not hold up.";

    @TempDir
    Path dir;
    TestServer server;
    User admin;
    User moderator;
    User alice;
    User alice2;

    @BeforeEach
    void start() {
        server = new TestServer(dir);
        admin = server.registerWith("admin", Role.ADMIN);
        moderator = server.registerWith("mod", Role.MODERATOR);
        alice = server.register("alice");
        alice2 = server.register("alicenew");
        assertThat(nameAlias(alice2, alice.username()).status()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Response sanction(User target, Map<String, Object> body) {
        return admin.api().post("/api/v1/moderation/accounts/" + target.id() + "/sanctions", body);
    }

    private long appealAndReverse(User appellant, long decisionId) {
        Response filed = appellant.api().post("/api/v1/decisions/" + decisionId + "/appeals",
                Map.of("statement", "This was a mix-up with another account of the same name.", "requestedOutcome", "reverse"));
        assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
        Response decided = moderator.api().post("/api/v1/moderation/appeals/" + filed.id() + "/decide",
                Map.of("outcome", "reversed", "reason", DECIDED));
        assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
        return decided.json().get("outcomeDecisionId").asLong();
    }

    private static JsonNode activeSanctions(User u) {
        return u.api().get("/api/v1/me/sanctions").json().get("sanctions");
    }

    @Test
    void aBannedAccountMovesAndItsBanGoesWithItBothDecisionsLinkingTheTwoAccounts() {
        Response ban = sanction(alice, Map.of("kind", "ban", "reason", REASON));
        assertThat(ban.status()).as(ban.toString()).isEqualTo(201);
        long banDecision = ban.id();

        Response moved = move(alice, alice2.username());
        assertThat(moved.status()).as("a banned account can still tell its contacts where it went: " + moved).isEqualTo(202);

        JsonNode carriedBan = activeSanctions(alice2);
        assertThat(carriedBan).singleElement().satisfies(s -> {
            assertThat(s.get("kind").asText()).isEqualTo("ban");
            assertThat(s.has("endsAt")).as("as permanent as the original").isFalse();
        });
        assertThat(alice2.api().post("/api/v1/contacts/requests", Map.of("username", admin.username())).code())
                .isEqualTo("account_restricted");
        JsonNode carried = alice2.api().get("/api/v1/decisions/" + carriedBan.get(0).get("decisionId").asLong()).json();
        assertThat(carried.get("outcome").asText()).isEqualTo("sanctioned");
        assertThat(carried.at("/carriedFrom/decisionId").asLong()).isEqualTo(banDecision);
        assertThat(carried.at("/carriedFrom/accountId").asLong()).isEqualTo(alice.id());
        assertThat(carried.get("visibility").asText()).contains("carried over from '" + alice.username() + "'",
                "moved to '" + alice2.username() + "'");
        assertThat(carried.get("appealableUntil").asText()).as("the new account can appeal it").isNotBlank();
        JsonNode original = admin.api().get("/api/v1/decisions/" + banDecision).json();
        assertThat(original.at("/carriedTo/decisionId").asLong()).isEqualTo(carried.get("id").asLong());
        assertThat(original.at("/carriedTo/accountId").asLong()).isEqualTo(alice2.id());
        assertThat(admin.api().get("/api/v1/moderation/audit?account=" + alice2.id()).json())
                .anySatisfy(e -> assertThat(e.get("action").asText()).isEqualTo("sanction.carried_over"));

        // The ban reversed on the old account's appeal: the copy it left on the new one goes too.
        long reversal = appealAndReverse(alice, banDecision);
        assertThat(activeSanctions(alice)).isEmpty();
        assertThat(activeSanctions(alice2)).isEmpty();
        assertThat(alice.api().get("/api/v1/decisions/" + reversal).json().get("visibility").asText()).contains("was lifted");
    }

    @Test
    void aSanctionForACategoryThePolicyNamesRefusesTheMoveAsADecisionThatCanBeAppealed() {
        assertThat(sanction(alice, Map.of("kind", "suspension", "duration", "7d", "reason", REASON, "ruleId", "nope")).code())
                .isEqualTo("unknown_rule");
        Response suspended = sanction(alice, Map.of("kind", "suspension", "duration", "7d", "reason", REASON, "ruleId", "scams"));
        assertThat(suspended.status()).as(suspended.toString()).isEqualTo(201);
        assertThat(suspended.json().get("category").asText()).isEqualTo("scam");

        Response refused = move(alice, alice2.username());
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("move_refused");
        long refusal = refused.json().get("decisionId").asLong();
        JsonNode decision = alice.api().get("/api/v1/decisions/" + refusal).json();
        assertThat(decision.get("outcome").asText()).isEqualTo("move_refused");
        assertThat(decision.get("category").asText()).isEqualTo("scam");
        assertThat(decision.get("ruleId").asText()).isEqualTo("scams");
        assertThat(decision.get("visibility").asText()).contains("suspension of decision " + suspended.id(), "for scam");
        assertThat(decision.get("appealableUntil").asText()).isNotBlank();
        assertThat(move(alice, alice2.username()).json().get("decisionId").asLong())
                .as("asking again gets the same decision, not a second one").isEqualTo(refusal);
        assertThat(server.anonymous().get("/api/v1/accounts/" + alice.username()).json().get("movedTo").isNull()).isTrue();
        assertThat(alice2.api().get("/api/v1/me/sanctions").json().get("sanctions")).isEmpty();

        long reversal = appealAndReverse(alice, refusal);
        assertThat(alice.api().get("/api/v1/decisions/" + reversal).json().get("visibility").asText()).contains("you can move now");
        Response moved = move(alice, alice2.username());
        assertThat(moved.status()).as(moved.toString()).isEqualTo(202);
        assertThat(activeSanctions(alice2)).as("the suspension goes with the account all the same")
                .singleElement().satisfies(s -> assertThat(s.get("kind").asText()).isEqualTo("suspension"));
    }
}
