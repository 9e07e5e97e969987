package org.stoa.server.moderation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.engine.bank.BankEntry;
import org.stoa.engine.bank.HashBanks;
import org.stoa.engine.bank.HashType;
import org.stoa.server.storage.Tx;
import org.stoa.server.storage.Writer;

/**
 * Every change to the hash banks, in order, in the database ({@code bank_changes}). A node applies
 * its own changes at once; on a cluster, each node applies the others' before its next review
 * ({@link #catchUp}), and all of them when it starts. On a single server the journal is only
 * written, so a later move to a cluster starts from the full history.
 */
public final class BankJournal {

    private static final Logger log = LoggerFactory.getLogger(BankJournal.class);
    static final String JOURNALED_MARKER = "journal.done";

    enum Op { ADD, REMOVE }

    private final Jdbi reads;
    private final HashBanks banks;
    private volatile long applied;

    private BankJournal(Jdbi reads, HashBanks banks) {
        this.reads = reads;
        this.banks = banks;
    }

    /**
     * A server's journal: a node of a cluster first applies every change in it to its banks. Then,
     * once per banks folder, the entries the folder held before there was a journal are journaled.
     */
    public static BankJournal open(Jdbi reads, Writer writer, HashBanks banks, Path banksDir, boolean clustered) {
        writer.execute(tx -> tx.handle().createUpdate(
                "INSERT INTO bank_journal (name, last_seq) VALUES ('banks', 0) ON CONFLICT (name) DO NOTHING").execute());
        BankJournal journal = new BankJournal(reads, banks);
        if (clustered) journal.catchUp();
        journal.journalEarlierEntries(writer, banksDir.resolve(JOURNALED_MARKER));
        if (!clustered) journal.applied = journal.lastSeq();
        return journal;
    }

    /**
     * Journals, as additions, the entries of this node's folder that the journal never mentions: a
     * folder from before the journal (an older Stoa, or a deployment moved from SQLite with
     * {@code admin migrate}) then reaches every other node. An entry the journal mentions at all,
     * added or removed, is the journal's to say. Done once per folder, which the marker file records.
     */
    private void journalEarlierEntries(Writer writer, Path marker) {
        if (Files.exists(marker)) return;
        Set<String> mentioned = new HashSet<>(reads.withHandle(h -> h.createQuery("SELECT DISTINCT bank, hash_type, hex FROM bank_changes")
                .map((rs, ctx) -> key(rs.getString("bank"), rs.getString("hash_type"), rs.getString("hex"))).list()));
        int journaled = 0;
        for (String bank : banks.names()) {
            List<BankEntry> earlier = banks.bank(bank).orElseThrow().entries().stream()
                    .filter(e -> !mentioned.contains(key(bank, e.type().label(), e.hex()))).toList();
            if (earlier.isEmpty()) continue;
            writer.execute(tx -> {
                added(tx, bank, earlier);
                return null;
            });
            journaled += earlier.size();
        }
        try {
            Files.writeString(marker, "The entries of this folder from before the bank journal were journaled (" + journaled
                    + "). Delete this file to journal again, at the next start, what the journal does not mention.\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + marker, e);
        }
        if (journaled > 0) log.info("journaled {} bank entries that predate the bank journal, for the other nodes", journaled);
    }

    private static String key(String bank, String hashType, String hex) {
        return bank + ' ' + hashType + ' ' + hex;
    }

    void added(Tx tx, String bank, List<BankEntry> entries) {
        record(tx, bank, Op.ADD, entries);
    }

    void removed(Tx tx, String bank, HashType type, String hex) {
        record(tx, bank, Op.REMOVE, List.of(new BankEntry(type, hex, "")));
    }

    private void record(Tx tx, String bank, Op op, List<BankEntry> entries) {
        if (entries.isEmpty()) return;
        // Taking the seqs under bank_journal's row lock orders the commits of every node by seq.
        long last = tx.handle().createQuery("UPDATE bank_journal SET last_seq = last_seq + :n WHERE name = 'banks' RETURNING last_seq")
                .bind("n", entries.size()).mapTo(Long.class).one();
        PreparedBatch batch = tx.handle().prepareBatch("""
                INSERT INTO bank_changes (seq, bank, op, hash_type, hex, label, changed_at)
                VALUES (:seq, :bank, :op, :type, :hex, :label, :now)""");
        long seq = last - entries.size();
        for (BankEntry e : entries) {
            batch.bind("seq", ++seq).bind("bank", bank).bind("op", op.name().toLowerCase(java.util.Locale.ROOT))
                    .bind("type", e.type().label()).bind("hex", e.hex()).bind("label", e.label()).bind("now", tx.now()).add();
        }
        batch.execute();
    }

    /** Applies, in order, the changes other nodes committed since this node last looked. */
    public void catchUp() {
        if (lastSeq() <= applied) return;
        synchronized (this) {
            record Change(long seq, String bank, Op op, BankEntry entry) {}
            List<Change> changes = reads.withHandle(h -> h.createQuery("""
                            SELECT seq, bank, op, hash_type, hex, label FROM bank_changes WHERE seq > :applied ORDER BY seq""")
                    .bind("applied", applied)
                    .map((rs, ctx) -> new Change(rs.getLong("seq"), rs.getString("bank"),
                            Op.valueOf(rs.getString("op").toUpperCase(java.util.Locale.ROOT)),
                            new BankEntry(HashType.fromLabel(rs.getString("hash_type")).orElseThrow(), rs.getString("hex"),
                                    rs.getString("label"))))
                    .list());
            try {
                for (Change c : changes) {
                    if (c.op() == Op.ADD) banks.add(c.bank(), c.entry());
                    else banks.remove(c.bank(), c.entry().type(), c.entry().hex());
                    applied = c.seq();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot apply bank change " + (applied + 1) + " to this node's banks", e);
            }
            if (!changes.isEmpty()) log.debug("applied {} bank changes from other nodes, up to {}", changes.size(), applied);
        }
    }

    private long lastSeq() {
        return reads.withHandle(h -> h.createQuery("SELECT last_seq FROM bank_journal WHERE name = 'banks'").mapTo(Long.class).one());
    }
}
