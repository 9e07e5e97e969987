package org.stoa.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.support.LaunchedServer;
import org.stoa.server.support.Response;
import org.stoa.server.support.StreamClient;
import org.stoa.server.support.User;

/**
 * People through the shipped {@code ./stoa serve} (with its bundled sample policy and a public
 * address): a display name in another script, a scam in one refused, an invite link on the public
 * address accepted in one step, and a look-alike username refused at sign-up.
 */
class ServePeopleIT {

    @TempDir
    static Path folder;
    static LaunchedServer server;

    @BeforeAll
    static void start() {
        server = LaunchedServer.startPublic(folder, "limits:\n  accountsPerAddress: 1000/1h\n");
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Test
    void aProfileAnInviteAndALookAlikeThroughTheLauncher() {
        User alice = server.register("alice");
        User bob = server.register("bob");
        Response named = alice.api().patch("/api/v1/me/profile", Map.of("displayName", "爱丽丝 Alice"));
        assertThat(named.status()).as(named.toString()).isEqualTo(200);
        Response scam = alice.api().patch("/api/v1/me/profile", Map.of("displayName", "Support https://g00gle.com/verify"));
        assertThat(scam.status()).as(scam.toString()).isEqualTo(422);
        assertThat(scam.code()).isEqualTo("profile_refused");
        assertThat(server.anonymous().get("/api/v1/accounts/" + alice.username()).json().get("displayName").asText())
                .isEqualTo("爱丽丝 Alice");

        Response invite = alice.api().post("/api/v1/me/invites", Map.of("maxUses", 1));
        assertThat(invite.status()).as(invite.toString()).isEqualTo(201);
        String code = invite.json().get("code").asText();
        assertThat(invite.json().get("url").asText()).isEqualTo("https://" + server.publicAddress() + "/#/invite/" + code);
        try (StreamClient alices = alice.stream(null)) {
            Response accepted = bob.api().post("/api/v1/invites/" + code + "/accept", Map.of());
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
            alices.awaitEvent("contact.request", e -> e.at("/data/from/id").asLong() == bob.id());
        }

        Response lookalike = server.anonymous().post("/api/v1/accounts",
                Map.of("username", alice.username().replace('a', '\u0430'), "password", "long enough pw"));
        assertThat(lookalike.status()).as(lookalike.toString()).isEqualTo(409);
        assertThat(lookalike.code()).isEqualTo("username_confusable");
    }
}
