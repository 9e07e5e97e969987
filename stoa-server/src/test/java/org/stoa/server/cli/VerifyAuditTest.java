package org.stoa.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.accounts.Role;
import org.stoa.server.cli.StoaCommandTest.Run;
import org.stoa.server.enforcement.AuditChain;
import org.stoa.server.enforcement.AuditLog;
import org.stoa.server.storage.Database;
import org.stoa.server.storage.Writer;
import org.stoa.server.support.Response;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

/**
 * The audit log's hash chain through {@code stoa admin verify-audit}: intact after real moderation
 * work and a restart; one row edited in the SQLite file, or one removed, and the command names the
 * first entry that no longer fits. A rolled-back append leaves no gap, and a database from before
 * the chain is chained by its migration.
 */
class VerifyAuditTest {

    @TempDir
    Path dir;

    private Path config() throws Exception {
        Path config = dir.resolve("stoa.yaml");
        Files.writeString(config, "data:\n  dir: " + dir.resolve("data") + "\n");
        return config;
    }

    private Run verify() throws Exception {
        return StoaCommandTest.run("admin", "verify-audit", "--config", config().toString());
    }

    /** On SQLite whatever engine the run asks for: these tests edit the database file by hand. */
    private TestServer sqliteServer() {
        return new TestServer(dir.resolve("data"), Map.of("storage.url", ""));
    }

    private Connection sqlite() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/stoa.db"));
    }

    /** Refusals, a report, a removal and a sanction: entries from the send path and from moderators. */
    private static void moderate(TestServer server) {
        User admin = server.registerWith("boss", Role.ADMIN);
        User sender = server.register("sender");
        User friend = server.register("friend");
        server.befriend(sender, friend);
        long chat = server.direct(sender, friend);
        assertThat(sender.send(chat, "a", "best online casino, free spins tonight").status()).isEqualTo(422);
        assertThat(sender.send(chat, "b", "double your bitcoin with me").status()).isEqualTo(422);
        Response sent = sender.send(chat, "c", "you are all idiots");
        assertThat(sent.status()).isEqualTo(201);
        assertThat(friend.api().post("/api/v1/reports", Map.of("messageId", sent.id(), "reason", "rude")).status()).isEqualTo(201);
        assertThat(admin.api().post("/api/v1/moderation/messages/" + sent.id() + "/remove",
                Map.of("reason", "insults break the house rules")).status()).isEqualTo(200);
        assertThat(admin.api().post("/api/v1/moderation/accounts/" + sender.id() + "/sanctions",
                Map.of("kind", "suspension", "duration", "1d", "reason", "three strikes in one evening")).status()).isEqualTo(201);
    }

    private List<Long> ids() throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection c = sqlite(); ResultSet rs = c.createStatement().executeQuery("SELECT id FROM audit_log ORDER BY id")) {
            while (rs.next()) ids.add(rs.getLong(1));
        }
        return ids;
    }

    @Test
    void anIntactLogVerifiesAcrossARestartAndOneEditedRowIsNamed() throws Exception {
        try (TestServer server = sqliteServer()) {
            moderate(server);
            Run whileRunning = verify();
            assertThat(whileRunning.exit()).as(whileRunning.err()).isZero();
            assertThat(whileRunning.out()).startsWith("audit log intact: ");
            server.restart(); // the chain goes on from the newest entry's hash, read back at start
            moderate(server);
        }
        List<Long> ids = ids();
        assertThat(ids).hasSizeGreaterThanOrEqualTo(10);
        Run intact = verify();
        assertThat(intact.exit()).as(intact.err()).isZero();
        assertThat(intact.out()).contains("audit log intact: " + ids.size() + " entries; the newest is entry " + ids.getLast());

        long edited = ids.get(ids.size() / 2);
        try (Connection c = sqlite()) {
            c.createStatement().executeUpdate("UPDATE audit_log SET details = 'nothing to see here' WHERE id = " + edited);
        }
        Run broken = verify();
        assertThat(broken.exit()).isEqualTo(1);
        assertThat(broken.out()).startsWith("audit log broken at entry " + edited + " (")
                .contains("its content does not match its hash: it was changed after it was written");
    }

    @Test
    void aRemovedRowOrARowRewrittenWithAFreshHashBreaksTheLinkOfTheEntryAfterIt() throws Exception {
        try (TestServer server = sqliteServer()) {
            moderate(server);
        }
        List<Long> ids = ids();
        // Someone who knows the canonical form rewrites an entry and its hash: the entry after it says so.
        try (Connection c = sqlite()) {
            rehash(c, ids.get(3), "actor_id = NULL");
        }
        Run rewritten = verify();
        assertThat(rewritten.exit()).isEqualTo(1);
        assertThat(rewritten.out()).startsWith("audit log broken at entry " + ids.get(4) + " (")
                .contains("it does not follow the entry before it");

        try (Connection c = sqlite()) {
            c.createStatement().executeUpdate("DELETE FROM audit_log WHERE id = " + ids.get(1));
        }
        Run removed = verify(); // the first entry that does not fit is named
        assertThat(removed.exit()).isEqualTo(1);
        assertThat(removed.out()).startsWith("audit log broken at entry " + ids.get(2) + " (")
                .contains("it does not follow the entry before it");
    }

    /** Changes a row and gives it the hash its new content would have. */
    private static void rehash(Connection c, long id, String change) throws SQLException {
        c.createStatement().executeUpdate("UPDATE audit_log SET " + change + " WHERE id = " + id);
        try (PreparedStatement select = c.prepareStatement("SELECT * FROM audit_log WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet rs = select.executeQuery()) {
                assertThat(rs.next()).isTrue();
                String hash = AuditChain.hash(AuditChain.fields(rs), rs.getString("prev_hash"));
                c.createStatement().executeUpdate("UPDATE audit_log SET hash = '" + hash + "' WHERE id = " + id);
            }
        }
    }

    @Test
    void anAppendRolledBackWithItsJobLeavesNoGapInTheChain() throws Exception {
        try (Database db = Database.openSqlite(dir.resolve("data/stoa.db"));
             Writer writer = new Writer(db, Clock.systemUTC(), new SimpleMeterRegistry())) {
            AuditLog audit = new AuditLog(db.reads(), true);
            writer.execute(tx -> {
                audit.append(tx, null, "test.first", null, null, null, "kept");
                return null;
            });
            var failed = writer.submit(tx -> {
                audit.append(tx, null, "test.undone", null, null, null, "rolled back with its job");
                throw new IllegalStateException("the job fails after appending");
            });
            assertThat(failed).failsWithin(java.time.Duration.ofSeconds(10));
            writer.execute(tx -> {
                audit.append(tx, null, "test.second", null, null, null, "follows the first");
                return null;
            });
        }
        try (Connection c = sqlite(); ResultSet rs = c.createStatement().executeQuery("SELECT action FROM audit_log ORDER BY id")) {
            List<String> actions = new ArrayList<>();
            while (rs.next()) actions.add(rs.getString(1));
            assertThat(actions).containsExactly("test.first", "test.second");
        }
        Run intact = verify();
        assertThat(intact.out()).as(intact.err()).startsWith("audit log intact: 2 entries");
    }

    @Test
    void aDatabaseFromBeforeTheChainIsChainedByItsMigration() throws Exception {
        Path file = dir.resolve("data/stoa.db");
        Files.createDirectories(file.getParent());
        Flyway.configure().dataSource("jdbc:sqlite:" + file, null, null).locations("classpath:db/migration").target("10")
                .load().migrate();
        try (Connection c = sqlite()) {
            for (int i = 1; i <= 5; i++) {
                c.createStatement().executeUpdate("INSERT INTO audit_log (at, actor_id, action, details) VALUES ("
                        + (1_700_000_000_000L + i) + ", NULL, 'old.entry', 'written before the chain " + i + "')");
            }
        }
        Run verified = verify(); // opening the database migrates it
        assertThat(verified.exit()).as(verified.out() + verified.err()).isZero();
        assertThat(verified.out()).startsWith("audit log intact: 5 entries");
        try (Connection c = sqlite(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT count(*) FROM audit_log WHERE hash IS NULL OR prev_hash IS NULL")) {
            assertThat(rs.getLong(1)).isZero();
        }
        try (TestServer server = sqliteServer()) {
            moderate(server); // and the server carries on from there
        }
        assertThat(verify().out()).startsWith("audit log intact: ");
    }

    @Test
    void withoutADatabaseItSaysWhereItLooked() throws Exception {
        Run r = verify();
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("there is no database at").contains("stoa.db");
        assertThat(Files.exists(dir.resolve("data/stoa.db"))).isFalse();
    }
}
