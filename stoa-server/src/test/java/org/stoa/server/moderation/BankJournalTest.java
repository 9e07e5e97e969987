package org.stoa.server.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.engine.bank.BankEntry;
import org.stoa.engine.bank.HashBanks;
import org.stoa.engine.bank.HashType;
import org.stoa.server.support.TestServer;

/** A banks folder from before the bank journal: its entries are journaled once, so other nodes get them. */
class BankJournalTest {

    private static final String EARLIER = "a".repeat(64);
    private static final String LATER = "b".repeat(64);

    @TempDir
    Path dir;

    @Test
    void entriesFromBeforeTheJournalAreJournaledOnceAndWhatTheJournalSaysIsLeftAlone() throws Exception {
        try (HashBanks banks = HashBanks.open(dir.resolve("banks"), HashBanks.DEFAULT_RADIUS)) {
            banks.add("operator", new BankEntry(HashType.SHA256, EARLIER, "known scam flyer"));
        }
        try (TestServer server = new TestServer(dir)) {
            assertThat(changes(server)).containsExactly("operator add " + EARLIER + " known scam flyer");
            server.restart();
            assertThat(changes(server)).as("once per folder, however often the server starts").hasSize(1);
            // Removed through the journal while a folder still had it: the journal's word stands.
            server.whileStopped(() -> {
                try (Connection c = server.connectToDatabase(); Statement st = c.createStatement()) {
                    st.executeUpdate("INSERT INTO bank_changes (seq, bank, op, hash_type, hex, label, changed_at) "
                            + "VALUES (2, 'operator', 'remove', 'sha256', '" + EARLIER + "', '', 0)");
                    st.executeUpdate("UPDATE bank_journal SET last_seq = 2 WHERE name = 'banks'");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
                try (HashBanks banks = HashBanks.open(dir.resolve("banks"), HashBanks.DEFAULT_RADIUS)) {
                    banks.add("operator", new BankEntry(HashType.SHA256, LATER, "added offline"));
                    Files.delete(dir.resolve("banks").resolve(BankJournal.JOURNALED_MARKER));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            assertThat(changes(server)).containsExactly("operator add " + EARLIER + " known scam flyer",
                    "operator remove " + EARLIER + " ", "operator add " + LATER + " added offline");
        }
    }

    private static List<String> changes(TestServer server) throws SQLException {
        List<String> all = new ArrayList<>();
        try (Connection c = server.connectToDatabase(); Statement st = c.createStatement();
             ResultSet r = st.executeQuery("SELECT bank, op, hex, label FROM bank_changes ORDER BY seq")) {
            while (r.next()) all.add(r.getString(1) + " " + r.getString(2) + " " + r.getString(3) + " " + r.getString(4));
        }
        return all;
    }
}
