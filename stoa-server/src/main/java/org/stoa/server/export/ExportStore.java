package org.stoa.server.export;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.stoa.engine.policy.WireName;
import org.stoa.server.storage.Rows;
import org.stoa.server.storage.Tx;

/** SQL for exports. */
public final class ExportStore {

    private static final RowMapper<Export> EXPORT = (rs, ctx) -> new Export(
            rs.getLong("id"), rs.getLong("account_id"), WireName.parse(ExportStatus.class, rs.getString("status")).orElseThrow(),
            Instant.ofEpochMilli(rs.getLong("requested_at")), rs.getInt("attempts"), Rows.nullableInstant(rs, "ready_at"),
            Rows.nullableInstant(rs, "expires_at"), Rows.nullableLong(rs, "size_bytes"), rs.getString("sha256"),
            rs.getString("failure"));

    long insert(Tx tx, long accountId) {
        return tx.handle().createQuery("""
                        INSERT INTO exports (account_id, status, requested_at) VALUES (:a, :status, :now) RETURNING id""")
                .bind("a", accountId).bind("status", WireName.of(ExportStatus.PREPARING)).bind("now", tx.now())
                .mapTo(Long.class).one();
    }

    Optional<Export> find(Handle h, long id) {
        return h.createQuery("SELECT * FROM exports WHERE id = :id").bind("id", id).map(EXPORT).findOne();
    }

    List<Export> ofAccount(Handle h, long accountId) {
        return h.createQuery("SELECT * FROM exports WHERE account_id = :a ORDER BY id DESC LIMIT 100")
                .bind("a", accountId).map(EXPORT).list();
    }

    /** The account's latest export requested since {@code since} that did not fail: it spends the day's export. */
    Optional<Export> latestCountedSince(Handle h, long accountId, long since) {
        return h.createQuery("""
                        SELECT * FROM exports WHERE account_id = :a AND requested_at > :since AND status <> :failed
                        ORDER BY requested_at DESC LIMIT 1""")
                .bind("a", accountId).bind("since", since).bind("failed", WireName.of(ExportStatus.FAILED))
                .map(EXPORT).findOne();
    }

    /** Exports waiting to be prepared that no node holds a lease on (its node died, or none took them yet). */
    List<Export> unclaimed(Handle h, long now) {
        return h.createQuery("SELECT * FROM exports WHERE status = :s AND lease_until <= :now ORDER BY id")
                .bind("s", WireName.of(ExportStatus.PREPARING)).bind("now", now).map(EXPORT).list();
    }

    /**
     * A build starts, holding the export until {@code leaseUntil}: one more attempt. Empty if the export
     * is no longer waiting to be prepared, or another node holds it.
     */
    Optional<Export> start(Tx tx, long id, long leaseUntil) {
        int updated = tx.handle().createUpdate("""
                        UPDATE exports SET attempts = attempts + 1, lease_until = :until
                        WHERE id = :id AND status = :s AND lease_until <= :now""")
                .bind("id", id).bind("s", WireName.of(ExportStatus.PREPARING)).bind("until", leaseUntil).bind("now", tx.now())
                .execute();
        return updated == 0 ? Optional.empty() : find(tx.handle(), id);
    }

    /** The builds of {@code ids} go on here: their leases run until {@code leaseUntil}. */
    void renew(Tx tx, List<Long> ids, long leaseUntil) {
        tx.handle().createUpdate("UPDATE exports SET lease_until = :until WHERE id IN (<ids>) AND status = :s")
                .bindList("ids", ids).bind("until", leaseUntil).bind("s", WireName.of(ExportStatus.PREPARING)).execute();
    }

    /** The node building {@code id} stops: any node may take it over now. */
    void release(Tx tx, long id) {
        tx.handle().createUpdate("UPDATE exports SET lease_until = 0 WHERE id = :id AND status = :s")
                .bind("id", id).bind("s", WireName.of(ExportStatus.PREPARING)).execute();
    }

    void ready(Tx tx, long id, long size, String sha256, long expiresAt) {
        tx.handle().createUpdate("""
                        UPDATE exports SET status = :s, ready_at = :now, expires_at = :expires, size_bytes = :size, sha256 = :sha
                        WHERE id = :id""")
                .bind("s", WireName.of(ExportStatus.READY)).bind("now", tx.now()).bind("expires", expiresAt)
                .bind("size", size).bind("sha", sha256).bind("id", id).execute();
    }

    void fail(Tx tx, long id, String failure) {
        tx.handle().createUpdate("UPDATE exports SET status = :s, failure = :f WHERE id = :id")
                .bind("s", WireName.of(ExportStatus.FAILED)).bind("f", failure).bind("id", id).execute();
    }

    boolean anyDueToExpire(Handle h, long now) {
        return h.createQuery("SELECT 1 FROM exports WHERE status = :s AND expires_at <= :now LIMIT 1")
                .bind("s", WireName.of(ExportStatus.READY)).bind("now", now).mapTo(Integer.class).findOne().isPresent();
    }

    /** Marks every ready export past its expiry expired; answers their ids, whose files are to be deleted. */
    List<Long> expire(Tx tx) {
        return tx.handle().createQuery("""
                        UPDATE exports SET status = :expired WHERE status = :ready AND expires_at <= :now RETURNING id""")
                .bind("expired", WireName.of(ExportStatus.EXPIRED)).bind("ready", WireName.of(ExportStatus.READY))
                .bind("now", tx.now()).mapTo(Long.class).list();
    }
}
