package org.stoa.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.support.LaunchedServer;
import org.stoa.server.support.Response;
import org.stoa.server.support.RunningServer;
import org.stoa.server.support.StreamClient;
import org.stoa.server.support.User;

/**
 * A move from one Stoa server to another, both the shipped {@code ./stoa serve} on this machine,
 * each with its {@code server.publicAddress} (127.0.0.1 and its port; loopback is allowed, and
 * spoken to over http, only because {@code moves.allowPrivateAddresses} says so). An account on B
 * names the old account on A as its alias; A asks B before it sends the old account's contacts a
 * card with the verified address, and refuses a move to an account that did not.
 */
class ServeMoveIT {

    static final String YAML = """
            limits:
              accountsPerAddress: 1000/1h
            moves:
              allowPrivateAddresses: true
            """;

    @TempDir
    static Path folder;
    static LaunchedServer a;
    static LaunchedServer b;

    @BeforeAll
    static void start() {
        a = LaunchedServer.startPublic(folder.resolve("a"), YAML);
        b = LaunchedServer.startPublic(folder.resolve("b"), YAML);
    }

    @AfterAll
    static void stop() {
        if (a != null) a.close();
        if (b != null) b.close();
    }

    private static Response move(User old, String to) {
        return old.api().post("/api/v1/me/move", Map.of("to", to, "password", RunningServer.passwordOf(old.username())));
    }

    @Test
    void theOldAccountsContactsOnAGetACardWithTheAddressOnBOnlyOnceBPublishesTheAlias() {
        User alice = a.register("alice");
        User bob = a.register("bob");
        a.befriend(alice, bob);
        User aliceOnB = b.register("alice");
        String newAddress = aliceOnB.username() + "@" + b.publicAddress();
        String oldAddress = alice.username() + "@" + a.publicAddress();

        Response unverified = move(alice, newAddress);
        assertThat(unverified.status()).as(unverified.toString()).isEqualTo(409);
        assertThat(unverified.code()).isEqualTo("alias_not_published");
        assertThat(unverified.json().get("detail").asText()).contains("does not name " + oldAddress);
        assertThat(bob.api().get("/api/v1/contacts/moves").json()).isEmpty();
        User stranger = b.register("stranger");
        assertThat(move(alice, stranger.username() + "@" + b.publicAddress()).code()).isEqualTo("alias_not_published");
        assertThat(move(alice, "nobody_here@" + b.publicAddress()).code()).as("B has no such account").isEqualTo("alias_not_published");

        Response named = aliceOnB.api().put("/api/v1/me/aliases", Map.of("username", oldAddress));
        assertThat(named.status()).as(named.toString()).isEqualTo(200);
        assertThat(b.anonymous().get("/.well-known/stoa/aliases/" + aliceOnB.username()).json().get("aliases"))
                .extracting(JsonNode::asText).containsExactly(oldAddress);

        try (StreamClient bobs = bob.stream(null)) {
            Response moved = move(alice, newAddress);
            assertThat(moved.status()).as(moved.toString()).isEqualTo(202);
            assertThat(moved.json().get("to").asText()).isEqualTo(newAddress);
            JsonNode card = bobs.awaitEvent("contact.moved", e -> true).get("data");
            assertThat(card.get("to").asText()).as("the verified address on B").isEqualTo(newAddress);
            assertThat(card.get("sameServer").asBoolean()).isFalse();
            assertThat(card.at("/from/username").asText()).isEqualTo(alice.username());
        }
        assertThat(a.anonymous().get("/api/v1/accounts/" + alice.username()).json().get("movedTo").asText()).isEqualTo(newAddress);
        assertThat(alice.api().get("/api/v1/me/move").json().get("pending").asInt()).isEqualTo(1);
    }
}
