package org.stoa.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.support.LaunchedServer;
import org.stoa.server.support.Response;
import org.stoa.server.support.StreamClient;
import org.stoa.server.support.User;

/** {@code ./stoa serve} stopped with SIGTERM and started again on the same folder loses nothing. */
class ServeRestartIT {

    @TempDir
    Path folder;

    @Test
    void aGracefulStopAndARestartKeepEveryMessageEventAndSession() {
        try (LaunchedServer server = LaunchedServer.start(folder, "")) {
            User alice = server.register("alice");
            User bob = server.register("bob");
            long group = server.group(alice, List.of(bob));
            List<String> sent = new ArrayList<>();
            long bobSeenUpTo;
            try (StreamClient bobStream = bob.stream(null)) {
                for (int i = 0; i < 20; i++) {
                    Response r = alice.send(group, "m" + i, "message " + i);
                    assertThat(r.status()).as(r.toString()).isEqualTo(201);
                    sent.add("message " + i);
                }
                bobStream.awaitEvents("message.created", 20);
                bobSeenUpTo = bobStream.lastEventSeq();
            }
            Response whileAway = alice.send(group, "late", "sent while bob was away");
            assertThat(whileAway.status()).isEqualTo(201);
            sent.add("sent while bob was away");

            int exit = server.stopGracefully();
            assertThat(exit).as("SIGTERM ends the JVM through its shutdown hook").isEqualTo(143);
            assertThat(server.output()).contains("stoa stopped");

            server.restart();
            User aliceAgain = server.current(alice);
            User bobAgain = server.current(bob);
            JsonNode history = bobAgain.api().get("/api/v1/conversations/" + group + "/messages?limit=100").json();
            assertThat(history.get("messages")).extracting(m -> m.get("text").asText()).containsExactlyInAnyOrderElementsOf(sent);

            try (StreamClient resumed = bobAgain.stream(bobSeenUpTo)) {
                JsonNode missed = resumed.awaitEvent("message.created", e -> e.at("/data/clientId").asText().equals("late"));
                assertThat(missed.at("/data/text").asText()).isEqualTo("sent while bob was away");
                assertThat(resumed.events("message.created")).as("only what bob missed, once").hasSize(1);
            }
            assertThat(aliceAgain.send(group, "after", "back again").status()).as("the session outlived the restart").isEqualTo(201);
        }
    }
}
