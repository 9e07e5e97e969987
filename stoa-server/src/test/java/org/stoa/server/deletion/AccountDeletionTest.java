package org.stoa.server.deletion;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.support.Images;
import org.stoa.server.support.Response;
import org.stoa.server.support.RunningServer;
import org.stoa.server.support.StreamClient;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

class AccountDeletionTest {

    @TempDir
    Path dir;

    @Test
    void aDeletedAccountsProfileImagesAndLoginsGoItsMessagesStayAndItsNameIsNeverGivenAgain() throws Exception {
        try (TestServer server = new TestServer(dir)) {
            User alice = server.register("alice");
            User bob = server.register("bob");
            User carol = server.register("carol");
            server.befriend(alice, bob);
            long chat = server.direct(alice, bob);
            assertThat(alice.send(chat, "c1", "see you tomorrow").status()).isEqualTo(201);
            Response up = alice.api().upload("image/png", Images.encode("png", 40, 40));
            String image = up.json().get("id").asText();
            assertThat(alice.api().post("/api/v1/conversations/" + chat + "/messages", Map.of("clientId", "c2", "mediaId", image))
                    .status()).isEqualTo(201);
            assertThat(bob.api().get("/api/v1/media/" + image).status()).isEqualTo(200);
            assertThat(alice.send(chat, "c3", "best online casino tonight").status()).as("a refused message").isEqualTo(422);
            alice.api().patch("/api/v1/me/profile", Map.of("displayName", "Alice A.", "bio", "hello"));
            alice.api().post("/api/v1/contacts/requests", Map.of("username", carol.username()));
            JsonNode figuresBefore = server.anonymous().get("/api/v1/transparency/report").json().get("decisions");

            assertProblem(alice.api().sendJson("DELETE", "/api/v1/me", Map.of("password", "not my password")), 403, "wrong_password");
            assertProblem(alice.api().sendJson("DELETE", "/api/v1/me", Map.of()), 400, "missing_field");
            assertProblem(alice.api().sendJson("DELETE", "/api/v1/me", "x".repeat(10 << 20)), 413, "body_too_large");
            assertThat(alice.api().get("/api/v1/me").status()).as("nothing happened yet").isEqualTo(200);

            try (StreamClient bobs = bob.stream(null); StreamClient alices = alice.stream(null)) {
                Response deleted = alice.api().sendJson("DELETE", "/api/v1/me",
                        Map.of("password", RunningServer.passwordOf(alice.username())));
                assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
                bobs.awaitEvent("contact.removed", e -> e.at("/data/accountId").asLong() == alice.id());
                bobs.awaitEvent("profile.updated", e -> e.at("/data/deleted").asBoolean());
                assertThat(alices.closedWith().get(10, java.util.concurrent.TimeUnit.SECONDS)).as("its own stream closes")
                        .isEqualTo(4001);
            }
            assertThat(alice.api().get("/api/v1/me").status()).as("every login ended").isEqualTo(401);
            assertThat(server.anonymous().post("/api/v1/sessions",
                    Map.of("username", alice.username(), "password", RunningServer.passwordOf(alice.username()))).status())
                    .isEqualTo(401);
            assertProblem(server.anonymous().post("/api/v1/accounts", Map.of("username", alice.username(), "password", "long enough pw")),
                    409, "username_taken");
            assertProblem(server.anonymous().get("/api/v1/accounts/" + alice.username()), 404, "account_not_found");
            assertProblem(bob.api().post("/api/v1/contacts/requests", Map.of("username", alice.username())), 404, "account_not_found");

            assertThat(bob.api().get("/api/v1/contacts").json()).isEmpty();
            assertThat(carol.api().get("/api/v1/contacts/requests").json().toString()).doesNotContain(alice.username());
            JsonNode peer = bob.api().get("/api/v1/conversations").json().get(0).get("peer");
            assertThat(peer.get("deleted").asBoolean()).isTrue();
            assertThat(peer.has("displayName")).isFalse();
            JsonNode messages = bob.api().get("/api/v1/conversations/" + chat + "/messages").json().get("messages");
            assertThat(messages.toString()).as("its messages stay").contains("see you tomorrow");
            assertProblem(bob.api().get("/api/v1/media/" + image), 410, "media_gone");
            assertThat(server.anonymous().get("/api/v1/transparency/report").json().get("decisions"))
                    .as("decisions about it still count").isEqualTo(figuresBefore);
        }
    }

    private static void assertProblem(Response r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.code()).isEqualTo(code);
    }
}
