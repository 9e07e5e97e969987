package org.stoa.server.enforcement;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.stoa.server.storage.Rows;
import org.stoa.server.storage.Tx;

/**
 * The append-only record of every automated and human action; nothing here is ever updated or
 * deleted, and the hash chain ({@link AuditChain}) shows it if something was. Appending is one
 * insert: the newest entry's hash is read once at start and then kept in memory, following the
 * writer's transaction (a rolled-back append takes it back).
 */
public final class AuditLog {

    public record Entry(long id, Instant at, Long actorId, String action, Long accountId, Long decisionId, String ruleId,
                        String details) {}

    /** Filters for reading the log; null means any. */
    public record Filter(Long actorId, Long accountId, String ruleId, Instant from, Instant to, int limit) {}

    private final Jdbi reads;
    private final boolean onlyWriter;
    /** The newest entry's hash, on a single server. Appends run on the writer's thread only, one at a time. */
    private String head;

    /** {@code onlyWriter}: this server's writer is the only one (SQLite), so the chain's head can be kept in memory. */
    public AuditLog(Jdbi reads, boolean onlyWriter) {
        this.reads = reads;
        this.onlyWriter = onlyWriter;
        this.head = reads.withHandle(AuditLog::newestHash);
    }

    private static String newestHash(org.jdbi.v3.core.Handle h) {
        return h.createQuery("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").mapTo(String.class).findOne()
                .orElse(AuditChain.GENESIS);
    }

    /** {@code actorId} null means the system (an automated action). */
    public void append(Tx tx, Long actorId, String action, Long accountId, Long decisionId, String ruleId, String details) {
        String prev = onlyWriter ? head : newestHash(tx.handle());
        String hash = AuditChain.hash(new AuditChain.Fields(tx.now(), actorId, action, accountId, decisionId, ruleId, details),
                prev);
        tx.handle().createUpdate("""
                        INSERT INTO audit_log (at, actor_id, action, account_id, decision_id, rule_id, details, prev_hash, hash)
                        VALUES (:at, :actor, :action, :account, :decision, :rule, :details, :prev, :hash)""")
                .bind("at", tx.now()).bind("actor", actorId).bind("action", action).bind("account", accountId)
                .bind("decision", decisionId).bind("rule", ruleId).bind("details", details)
                .bind("prev", prev).bind("hash", hash).execute();
        head = hash;
        tx.onRollback(() -> head = prev);
    }

    public List<Entry> read(Filter f) {
        return reads.withHandle(h -> {
            StringBuilder sql = new StringBuilder("SELECT * FROM audit_log WHERE 1 = 1");
            if (f.actorId() != null) sql.append(" AND actor_id = :actor");
            if (f.accountId() != null) sql.append(" AND account_id = :account");
            if (f.ruleId() != null) sql.append(" AND rule_id = :rule");
            if (f.from() != null) sql.append(" AND at >= :from");
            if (f.to() != null) sql.append(" AND at < :to");
            sql.append(" ORDER BY id DESC LIMIT :limit");
            Query q = h.createQuery(sql.toString()).bind("limit", f.limit());
            if (f.actorId() != null) q.bind("actor", f.actorId());
            if (f.accountId() != null) q.bind("account", f.accountId());
            if (f.ruleId() != null) q.bind("rule", f.ruleId());
            if (f.from() != null) q.bind("from", f.from().toEpochMilli());
            if (f.to() != null) q.bind("to", f.to().toEpochMilli());
            return q.map((rs, ctx) -> new Entry(rs.getLong("id"), Instant.ofEpochMilli(rs.getLong("at")),
                    Rows.nullableLong(rs, "actor_id"), rs.getString("action"), Rows.nullableLong(rs, "account_id"),
                    Rows.nullableLong(rs, "decision_id"), rs.getString("rule_id"), rs.getString("details"))).list();
        });
    }
}
