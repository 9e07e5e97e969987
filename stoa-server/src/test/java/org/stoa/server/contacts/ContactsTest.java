package org.stoa.server.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.support.Response;
import org.stoa.server.support.StreamClient;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

class ContactsTest {

    @TempDir
    Path dir;
    TestServer server;
    User alice;
    User bob;

    @BeforeEach
    void start() {
        server = new TestServer(dir);
        alice = server.register("alice");
        bob = server.register("bob");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void requestAcceptListAndRemove() {
        try (StreamClient bobStream = bob.stream(null); StreamClient aliceStream = alice.stream(null)) {
            Response req = alice.api().post("/api/v1/contacts/requests", Map.of("username", bob.username()));
            assertThat(req.status()).isEqualTo(201);
            assertThat(req.json().get("status").asText()).isEqualTo("pending");
            bobStream.awaitEvent("contact.request", e -> e.at("/data/id").asLong() == req.id());

            assertThat(bob.api().get("/api/v1/contacts/requests").json().get("incoming")).hasSize(1);
            assertThat(alice.api().get("/api/v1/contacts/requests").json().get("outgoing")).hasSize(1);
            assertThat(alice.api().post("/api/v1/contacts/requests", Map.of("username", bob.username())).code()).isEqualTo("request_pending");
            assertThat(alice.api().post("/api/v1/contacts/requests/" + req.id() + "/accept", Map.of()).status())
                    .as("only the recipient accepts").isEqualTo(404);

            Response accepted = bob.api().post("/api/v1/contacts/requests/" + req.id() + "/accept", Map.of());
            assertThat(accepted.json().get("status").asText()).isEqualTo("accepted");
            aliceStream.awaitEvent("contact.added", e -> e.at("/data/id").asLong() == bob.id());
            assertThat(alice.api().get("/api/v1/contacts").json()).extracting(c -> c.get("username").asText()).containsExactly(bob.username());
            assertThat(bob.api().get("/api/v1/contacts").json()).extracting(c -> c.get("id").asLong()).containsExactly(alice.id());
            assertThat(bob.api().post("/api/v1/contacts/requests/" + req.id() + "/accept", Map.of()).code()).isEqualTo("request_not_pending");

            assertThat(alice.api().delete("/api/v1/contacts/" + bob.id()).status()).isEqualTo(204);
            bobStream.awaitEvent("contact.removed", e -> e.at("/data/accountId").asLong() == alice.id());
            assertThat(bob.api().get("/api/v1/contacts").json()).isEmpty();
            assertThat(alice.api().delete("/api/v1/contacts/" + bob.id()).status()).isEqualTo(404);
        }
    }

    @Test
    void declineAndCancel() {
        Response req = alice.api().post("/api/v1/contacts/requests", Map.of("username", bob.username()));
        assertThat(bob.api().post("/api/v1/contacts/requests/" + req.id() + "/decline", Map.of()).json().get("status").asText())
                .isEqualTo("declined");
        assertThat(alice.api().get("/api/v1/contacts/requests").json().get("outgoing")).isEmpty();
        Response again = alice.api().post("/api/v1/contacts/requests", Map.of("username", bob.username()));
        assertThat(again.status()).isEqualTo(201);
        assertThat(alice.api().delete("/api/v1/contacts/requests/" + again.id()).json().get("status").asText()).isEqualTo("cancelled");
        assertThat(bob.api().get("/api/v1/contacts/requests").json().get("incoming")).isEmpty();
    }

    @Test
    void crossedRequestsMakeContacts() {
        alice.api().post("/api/v1/contacts/requests", Map.of("username", bob.username()));
        Response crossed = bob.api().post("/api/v1/contacts/requests", Map.of("username", alice.username()));
        assertThat(crossed.json().get("status").asText()).isEqualTo("accepted");
        assertThat(alice.api().get("/api/v1/contacts").json()).hasSize(1);
    }

    @Test
    void blockedAccountsCannotSendRequests() {
        assertThat(bob.api().post("/api/v1/blocks", Map.of("accountId", alice.id())).status()).isEqualTo(201);
        Response refused = alice.api().post("/api/v1/contacts/requests", Map.of("username", bob.username()));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("blocked");
        assertThat(bob.api().post("/api/v1/contacts/requests", Map.of("username", alice.username())).code()).isEqualTo("you_blocked");
        assertThat(bob.api().get("/api/v1/blocks").json()).extracting(b -> b.get("id").asLong()).containsExactly(alice.id());
    }

    @Test
    void nonsenseIsRefusedClearly() {
        assertThat(alice.api().post("/api/v1/contacts/requests", Map.of("username", alice.username())).code()).isEqualTo("cannot_add_self");
        assertThat(alice.api().post("/api/v1/contacts/requests", Map.of("username", "no_such_user")).status()).isEqualTo(404);
        assertThat(alice.api().post("/api/v1/blocks", Map.of("accountId", 987654)).status()).isEqualTo(404);
        assertThat(alice.api().post("/api/v1/blocks", Map.of("accountId", "12")).code()).isEqualTo("invalid_field");
        assertThat(alice.api().post("/api/v1/contacts/requests/abc/accept", Map.of()).status()).isEqualTo(404);
        assertThat(alice.api().delete("/api/v1/blocks/" + bob.id()).status()).isEqualTo(404);
    }
}
