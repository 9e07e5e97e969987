package org.stoa.server.invites;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.support.Response;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

class InvitesTest {

    @TempDir
    Path dir;

    @Test
    void openingAnInviteLinkSendsItsOwnerAContactRequestInOneStep() {
        try (TestServer server = new TestServer(dir)) {
            User alice = server.register("alice");
            User bob = server.register("bob");
            alice.api().patch("/api/v1/me/profile", Map.of("displayName", "Alice Liddell"));
            Response made = alice.api().post("/api/v1/me/invites", Map.of());
            assertThat(made.status()).as(made.toString()).isEqualTo(201);
            String code = made.json().get("code").asText();
            assertThat(code).matches("[A-Za-z0-9_-]{22}");
            assertThat(made.json().get("url").asText()).isEqualTo("http://localhost:" + server.port() + "/#/invite/" + code);

            JsonNode seen = bob.api().get("/api/v1/invites/" + code).json();
            assertThat(seen.at("/from/username").asText()).isEqualTo(alice.username());
            assertThat(seen.at("/from/displayName").asText()).isEqualTo("Alice Liddell");
            assertThat(seen.get("state").asText()).isEqualTo("open");

            Response accepted = bob.api().post("/api/v1/invites/" + code + "/accept", Map.of());
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
            assertThat(accepted.json().at("/from/id").asLong()).isEqualTo(bob.id());
            assertThat(accepted.json().at("/to/id").asLong()).isEqualTo(alice.id());
            assertThat(accepted.json().get("status").asText()).isEqualTo("pending");
            JsonNode incoming = alice.api().get("/api/v1/contacts/requests").json();
            assertThat(incoming.toString()).contains(bob.username());
            assertThat(alice.api().get("/api/v1/me/invites").json().get(0).get("uses").asInt()).isEqualTo(1);

            assertProblem(bob.api().post("/api/v1/invites/" + code + "/accept", Map.of()), 409, "request_pending");
            assertProblem(alice.api().post("/api/v1/invites/" + code + "/accept", Map.of()), 400, "cannot_add_self");
        }
    }

    @Test
    void anInviteEndsWhenItExpiresIsUsedUpOrIsRevoked() {
        try (TestServer server = new TestServer(dir)) {
            User alice = server.register("alice");
            User bob = server.register("bob");
            User carol = server.register("carol");
            String once = alice.api().post("/api/v1/me/invites", Map.of("maxUses", 1)).json().get("code").asText();
            assertThat(bob.api().post("/api/v1/invites/" + once + "/accept", Map.of()).status()).isEqualTo(201);
            assertProblem(carol.api().post("/api/v1/invites/" + once + "/accept", Map.of()), 410, "invite_used_up");

            Instant inAnHour = server.clock().instant().plus(Duration.ofHours(1));
            String hour = alice.api().post("/api/v1/me/invites", Map.of("expiresAt", inAnHour.toString())).json().get("code").asText();
            server.clock().advance(Duration.ofHours(2));
            assertProblem(carol.api().get("/api/v1/invites/" + hour), 410, "invite_expired");
            assertProblem(carol.api().post("/api/v1/invites/" + hour + "/accept", Map.of()), 410, "invite_expired");

            String revoked = alice.api().post("/api/v1/me/invites", Map.of()).json().get("code").asText();
            assertThat(alice.api().delete("/api/v1/me/invites/" + revoked).status()).isEqualTo(204);
            assertProblem(carol.api().post("/api/v1/invites/" + revoked + "/accept", Map.of()), 404, "invite_not_found");
            assertProblem(bob.api().delete("/api/v1/me/invites/" + once), 404, "invite_not_found");
        }
    }

    @Test
    void blocksAndHostileInputAreRefusedClearly() {
        try (TestServer server = new TestServer(dir)) {
            User alice = server.register("alice");
            User bob = server.register("bob");
            String code = alice.api().post("/api/v1/me/invites", Map.of()).json().get("code").asText();
            assertThat(alice.api().post("/api/v1/blocks", Map.of("accountId", bob.id())).status()).isIn(200, 201, 204);
            assertProblem(bob.api().post("/api/v1/invites/" + code + "/accept", Map.of()), 403, "blocked");

            assertProblem(bob.api().post("/api/v1/invites/nope/accept", Map.of()), 404, "invite_not_found");
            assertProblem(bob.api().get("/api/v1/invites/" + "A".repeat(5000)), 404, "invite_not_found");
            assertProblem(bob.api().get("/api/v1/invites/%E2%80%AEcode"), 404, "invite_not_found");
            assertProblem(server.anonymous().post("/api/v1/invites/" + code + "/accept", Map.of()), 401, "unauthorized");
            assertProblem(server.anonymous().post("/api/v1/me/invites", Map.of()), 401, "unauthorized");
            assertProblem(alice.api().post("/api/v1/me/invites", Map.of("maxUses", 0)), 400, "invalid_max_uses");
            assertProblem(alice.api().post("/api/v1/me/invites", Map.of("maxUses", "ten")), 400, "invalid_field");
            assertProblem(alice.api().post("/api/v1/me/invites", Map.of("expiresAt", "tomorrow")), 400, "invalid_field");
            assertProblem(alice.api().post("/api/v1/me/invites",
                    Map.of("expiresAt", server.clock().instant().minusSeconds(1).toString())), 400, "invalid_expiry");
            assertProblem(alice.api().post("/api/v1/me/invites", "x".repeat(10 << 20)), 413, "body_too_large");
        }
    }

    @Test
    void invitesAreRateLimited() {
        try (TestServer server = new TestServer(dir, Map.of("limits.invitesPerAccount", "2/1d"))) {
            User alice = server.register("alice");
            assertThat(alice.api().post("/api/v1/me/invites", Map.of()).status()).isEqualTo(201);
            assertThat(alice.api().post("/api/v1/me/invites", Map.of()).status()).isEqualTo(201);
            Response limited = alice.api().post("/api/v1/me/invites", Map.of());
            assertProblem(limited, 429, "rate_limited");
            assertThat(limited.json().get("limiter").asText()).isEqualTo("invitesPerAccount");
        }
    }

    private static void assertProblem(Response r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.code()).isEqualTo(code);
    }
}
