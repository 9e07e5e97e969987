package org.stoa.server.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.accounts.Role;
import org.stoa.server.support.Images;
import org.stoa.server.support.Response;
import org.stoa.server.support.StreamClient;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

class ProfilesTest {

    @TempDir
    Path dir;

    @Test
    void aProfileInAnyScriptIsSeenOnTheAccountAndEverywhereItsNameIs() {
        try (TestServer server = new TestServer(dir)) {
            User alice = server.register("alice");
            User bob = server.register("bob");
            long group = server.group(alice, List.of(bob));
            try (StreamClient bobStream = bob.stream(null)) {
                String avatar = upload(alice, Images.encode("png", 96, 96));
                Response set = alice.api().patch("/api/v1/me/profile",
                        Map.of("displayName", "  李雷 Ωmega 🐉  ", "bio", "Two lines\nof bio", "avatarMediaId", avatar));
                assertThat(set.status()).as(set.toString()).isEqualTo(200);
                assertThat(set.json().get("displayName").asText()).as("trimmed").isEqualTo("李雷 Ωmega 🐉");
                assertThat(set.json().get("bio").asText()).isEqualTo("Two lines\nof bio");
                assertThat(set.json().get("avatarId").asText()).isEqualTo(avatar);

                JsonNode profile = server.anonymous().get("/api/v1/accounts/" + alice.username()).json();
                assertThat(profile.get("displayName").asText()).isEqualTo("李雷 Ωmega 🐉");
                assertThat(profile.get("username").asText()).isEqualTo(alice.username());
                assertThat(profile.get("avatarId").asText()).isEqualTo(avatar);
                assertThat(profile.has("movedTo")).as("the moves' field stays").isTrue();

                JsonNode event = bobStream.awaitEvent("profile.updated", e -> e.path("data").path("id").asLong() == alice.id());
                assertThat(event.path("data").path("displayName").asText()).isEqualTo("李雷 Ωmega 🐉");
                JsonNode contact = bob.api().get("/api/v1/contacts").json().get(0);
                assertThat(contact.get("displayName").asText()).isEqualTo("李雷 Ωmega 🐉");
                assertThat(contact.get("avatarId").asText()).isEqualTo(avatar);
                JsonNode member = bob.api().get("/api/v1/conversations/" + group).json().get("members").get(0);
                assertThat(member.get("displayName").asText()).isEqualTo("李雷 Ωmega 🐉");
                long direct = server.direct(bob, alice);
                JsonNode summary = findById(bob.api().get("/api/v1/conversations").json(), direct);
                assertThat(summary.path("peer").path("displayName").asText()).isEqualTo("李雷 Ωmega 🐉");

                User stranger = server.register("stranger");
                assertThat(stranger.api().get("/api/v1/media/" + avatar).status()).as("an avatar is seen by anyone logged in").isEqualTo(200);
                assertThat(server.anonymous().get("/api/v1/media/" + avatar).status()).isEqualTo(401);

                Response cleared = alice.api().patch("/api/v1/me/profile", nullField("displayName"));
                assertThat(cleared.status()).isEqualTo(200);
                assertThat(cleared.json().has("displayName")).isFalse();
                assertThat(cleared.json().get("bio").asText()).as("fields not sent stay").isEqualTo("Two lines\nof bio");
                assertThat(alice.api().patch("/api/v1/me/profile", nullField("avatarMediaId")).json().has("avatarId")).isFalse();
                assertThat(stranger.api().get("/api/v1/media/" + avatar).status()).as("a former avatar is private again").isEqualTo(404);
            }
        }
    }

    @Test
    void displayNamesAreCleanedAndBounded() {
        try (TestServer server = new TestServer(dir)) {
            User alice = server.register("alice");
            Response cleaned = alice.api().patch("/api/v1/me/profile", Map.of("displayName", "Al\u0000i\u0007ce\u202e\u2066 W\n\t"));
            assertThat(cleaned.status()).as(cleaned.toString()).isEqualTo(200);
            assertThat(cleaned.json().get("displayName").asText()).as("NUL, controls and bidi overrides go").isEqualTo("Alice W");
            assertThat(alice.api().patch("/api/v1/me/profile", Map.of("displayName", "\u200f\u0645\u0631\u064a\u0645")).json()
                    .get("displayName").asText()).as("right-to-left marks stay").isEqualTo("\u200f\u0645\u0631\u064a\u0645");

            assertThat(alice.api().patch("/api/v1/me/profile", Map.of("displayName", "é".repeat(64))).status())
                    .as("64 characters, however many bytes").isEqualTo(200);
            assertProblem(alice.api().patch("/api/v1/me/profile", Map.of("displayName", "x".repeat(65))), 400, "display_name_too_long");
            assertProblem(alice.api().patch("/api/v1/me/profile", Map.of("displayName", "x".repeat(10 << 20))), 413, "body_too_large");
            assertProblem(alice.api().patch("/api/v1/me/profile", Map.of("bio", "b".repeat(301))), 400, "bio_too_long");
            assertProblem(alice.api().patch("/api/v1/me/profile", Map.of("displayName", 12)), 400, "invalid_field");
            assertProblem(alice.api().patch("/api/v1/me/profile", Map.of("nickname", "x")), 400, "unknown_field");
            assertProblem(alice.api().patch("/api/v1/me/profile", Map.of()), 400, "empty_change");
            assertProblem(alice.api().patch("/api/v1/me/profile", "[1]"), 400, "invalid_field");
            assertThat(alice.api().patch("/api/v1/me/profile", "{\"displayName\": \"A\\ud800B\"}").json().get("displayName").asText())
                    .as("an unpaired surrogate is no character").isEqualTo("AB");
            assertProblem(server.anonymous().patch("/api/v1/me/profile", Map.of("displayName", "x")), 401, "unauthorized");
        }
    }

    @Test
    void aScamInADisplayNameIsRefusedLikeAMessageWithTheDecision() {
        try (TestServer server = new TestServer(dir)) {
            User alice = server.register("alice");
            alice.api().patch("/api/v1/me/profile", Map.of("displayName", "Alice"));
            Response refused = alice.api().patch("/api/v1/me/profile", Map.of("displayName", "PayPal https://paypa1.com/login"));
            assertProblem(refused, 422, "profile_refused");
            assertThat(refused.json().get("decisionId").asLong()).isPositive();
            assertThat(refused.json().path("reasons").get(0).path("ruleId").asText()).isNotEmpty();
            assertThat(refused.json().path("decision").path("outcome").asText()).isEqualTo("refused");
            assertThat(refused.json().path("decision").path("visibility").asText())
                    .isEqualTo("not saved: the profile's new display name was refused before anyone saw it");
            assertThat(server.anonymous().get("/api/v1/accounts/" + alice.username()).json().get("displayName").asText())
                    .as("the profile keeps its old name").isEqualTo("Alice");
            Response decision = alice.api().get("/api/v1/decisions/" + refused.json().get("decisionId").asLong());
            assertThat(decision.status()).as("the decision can be read (and appealed) like any other").isEqualTo(200);

            assertProblem(alice.api().patch("/api/v1/me/profile", Map.of("bio", "crypto giveaway: double your bitcoin")), 422,
                    "profile_refused");

            User admin = server.registerWith("admin", Role.ADMIN);
            Response filed = alice.api().post("/api/v1/decisions/" + refused.json().get("decisionId").asLong() + "/appeals",
                    Map.of("statement", "That is my shop's name, not a link to anything.", "requestedOutcome", "reverse"));
            assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
            Response decided = admin.api().post("/api/v1/moderation/appeals/" + filed.id() + "/decide",
                    Map.of("outcome", "reversed", "reason", "The name quotes a shop; no link was being offered to anyone."));
            assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
            long reversal = alice.api().get("/api/v1/appeals/" + filed.id()).json().get("outcomeDecisionId").asLong();
            assertThat(alice.api().get("/api/v1/decisions/" + reversal).json().get("visibility").asText())
                    .as("a reversal says what it gives back, for a profile too")
                    .contains("the profile change it refused may be made again");
        }
    }

    @Test
    void anAvatarIsASquareImageOfOnesOwnThatNoBankHolds() {
        try (TestServer server = new TestServer(dir)) {
            User alice = server.register("alice");
            User bob = server.register("bob");
            assertProblem(alice.api().patch("/api/v1/me/profile", Map.of("avatarMediaId", upload(alice, Images.encode("png", 120, 80)))),
                    422, "avatar_not_square");
            assertProblem(alice.api().patch("/api/v1/me/profile", Map.of("avatarMediaId", upload(bob, Images.encode("png", 50, 50)))),
                    404, "media_not_found");
            assertProblem(alice.api().patch("/api/v1/me/profile", Map.of("avatarMediaId", "x".repeat(5000))), 404, "media_not_found");

            User admin = server.registerWith("admin", Role.ADMIN);
            byte[] scam = Images.encode(Images.photo(7, 300, 300), "png", 1);
            Response banked = admin.api().send(admin.api().request("/api/v1/moderation/banks/scam-banners/entries?reason=known+scam")
                    .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(scam)));
            assertThat(banked.status()).as(banked.toString()).isEqualTo(201);
            Response refused = alice.api().patch("/api/v1/me/profile", Map.of("avatarMediaId", upload(alice, scam)));
            assertProblem(refused, 422, "profile_refused");
            assertThat(refused.json().path("decision").path("mediaSha256").asText()).isEqualTo(Images.sha256(scam));
            assertThat(server.anonymous().get("/api/v1/accounts/" + alice.username()).json().has("avatarId")).isFalse();
        }
    }

    @Test
    void profileChangesAreRateLimited() {
        try (TestServer server = new TestServer(dir, Map.of("limits.profileChangesPerAccount", "2/1h"))) {
            User alice = server.register("alice");
            assertThat(alice.api().patch("/api/v1/me/profile", Map.of("displayName", "One")).status()).isEqualTo(200);
            assertThat(alice.api().patch("/api/v1/me/profile", Map.of("displayName", "Two")).status()).isEqualTo(200);
            Response limited = alice.api().patch("/api/v1/me/profile", Map.of("displayName", "Three"));
            assertProblem(limited, 429, "rate_limited");
            assertThat(limited.json().get("limiter").asText()).isEqualTo("profileChangesPerAccount");
        }
    }

    private static String upload(User u, byte[] png) {
        Response up = u.api().upload("image/png", png);
        assertThat(up.status()).as(up.toString()).isEqualTo(201);
        return up.json().get("id").asText();
    }

    private static Map<String, Object> nullField(String field) {
        Map<String, Object> body = new HashMap<>();
        body.put(field, null);
        return body;
    }

    private static JsonNode findById(JsonNode array, long id) {
        for (JsonNode n : array) if (n.get("id").asLong() == id) return n;
        throw new AssertionError("no " + id + " in " + array);
    }

    static void assertProblem(Response r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        if (code != null) assertThat(r.code()).isEqualTo(code);
    }
}
