package org.stoa.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stoa.server.cli.StoaCommandTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.cli.StoaCommandTest.Run;
import org.stoa.server.support.Response;
import org.stoa.server.support.RunningServer;
import org.stoa.server.support.StreamClient;
import org.stoa.server.support.TestPostgres;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

class MigrateCommandTest {

    @Test
    void aSqliteDeploymentMovesToAnEmptyPostgresqlDatabaseWithNothingLost(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        User alice;
        User bob;
        long chat;
        long refusal;
        try (TestServer sqlite = new TestServer(data, Map.of("storage.url", ""))) {
            alice = sqlite.register("alice");
            bob = sqlite.register("bob");
            sqlite.befriend(alice, bob);
            chat = sqlite.direct(alice, bob);
            for (int i = 1; i <= 5; i++) assertThat(alice.send(chat, "m" + i, "hello " + i).status()).isEqualTo(201);
            Response refused = alice.send(chat, "spam", "online casino");
            assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
            refusal = refused.json().at("/decision/id").asLong();
        }
        // As a crash leaves it: bob's newest two events still waiting, his counter where the last move left it.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("stoa.db")); Statement s = c.createStatement()) {
            String newest = "account_id = " + bob.id() + " AND seq > (SELECT seq - 2 FROM event_seqs WHERE account_id = " + bob.id() + ")";
            s.execute("INSERT INTO events_recent SELECT * FROM events WHERE " + newest);
            s.execute("DELETE FROM events WHERE " + newest);
            s.execute("UPDATE event_seqs SET seq = seq - 2 WHERE account_id = " + bob.id());
        }
        Path config = dir.resolve("stoa.yaml");
        Files.writeString(config, "data:\n  dir: " + data + "\n");
        String url = TestPostgres.newDatabase();

        Run moved = run("admin", "migrate", "--to", url, "--config", config.toString());
        assertThat(moved.exit()).as(moved.err()).isZero();
        assertThat(moved.out()).containsPattern("(?m)^accounts +2 rows$").containsPattern("(?m)^messages +5 rows$")
                .containsPattern("(?m)^decisions +[1-9]\\d* rows$").contains("every table's count checked")
                .doesNotContain("test pass").doesNotContain("%40");
        Run again = run("admin", "migrate", "--to", url, "--config", config.toString());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("not empty");

        try (TestServer pg = new TestServer(data, Map.of("storage.url", url))) {
            User a = pg.logIn(alice.username(), RunningServer.passwordOf(alice.username()));
            JsonNode messages = a.api().get("/api/v1/conversations/" + chat + "/messages").json().get("messages");
            assertThat(messages).hasSize(5);
            assertThat(messages.findValuesAsText("text")).containsExactlyInAnyOrder("hello 1", "hello 2", "hello 3", "hello 4",
                    "hello 5");
            assertThat(a.api().get("/api/v1/decisions/" + refusal).status()).isEqualTo(200);
            // Ids and counters carry on where SQLite left them.
            Response next = a.send(chat, "m6", "after the move");
            assertThat(next.status()).as(next.toString()).isEqualTo(201);
            assertThat(next.json().get("seq").asLong()).isEqualTo(6);
            assertThat(pg.register("carol").id()).isGreaterThan(bob.id());
            User b = pg.logIn(bob.username(), RunningServer.passwordOf(bob.username()));
            try (StreamClient stream = b.stream(0L)) {
                List<JsonNode> received = stream.awaitEvents("message.created", 6);
                assertThat(received).extracting(e -> e.at("/data/text").asText()).last().isEqualTo("after the move");
                List<Long> seqs = stream.events().stream().map(e -> e.get("eventSeq").asLong()).toList();
                assertThat(seqs).as("the waiting events' numbers are not handed out again").doesNotHaveDuplicates().isSorted();
            }
        }
    }

    @Test
    void migrateRefusesABadTargetWithoutShowingItsPassword(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("stoa.yaml");
        Files.writeString(config, "data:\n  dir: " + dir.resolve("data") + "\n");
        Run badUrl = run("admin", "migrate", "--to", "mysql://root:hunter2@h/db", "--config", config.toString());
        assertThat(badUrl.exit()).isEqualTo(2);
        assertThat(badUrl.err()).contains("--to").doesNotContain("hunter2");
        Run noSource = run("admin", "migrate", "--to", "postgresql://root:hunter2@127.0.0.1:1/db", "--config", config.toString());
        assertThat(noSource.exit()).isEqualTo(1);
        assertThat(noSource.err()).contains("no SQLite database").doesNotContain("hunter2");
    }
}
