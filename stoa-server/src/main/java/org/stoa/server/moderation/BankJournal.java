package org.stoa.server.moderation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
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

    enum Op { ADD, REMOVE }

    private final Jdbi reads;
    private final HashBanks banks;
    private volatile long applied;

    private BankJournal(Jdbi reads, HashBanks banks) {
        this.reads = reads;
        this.banks = banks;
    }

    /** A server's journal: a node of a cluster first applies every change in it to its banks. */
    public static BankJournal open(Jdbi reads, Writer writer, HashBanks banks, boolean clustered) {
        writer.execute(tx -> tx.handle().createUpdate(
                "INSERT INTO bank_journal (name, last_seq) VALUES ('banks', 0) ON CONFLICT (name) DO NOTHING").execute());
        BankJournal journal = new BankJournal(reads, banks);
        if (clustered) journal.catchUp();
        else journal.applied = journal.lastSeq();
        return journal;
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
