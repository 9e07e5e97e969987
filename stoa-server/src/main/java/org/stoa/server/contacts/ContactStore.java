package org.stoa.server.contacts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.stoa.server.accounts.AccountRef;
import org.stoa.server.storage.DirectSql;
import org.stoa.server.storage.Rows;
import org.stoa.server.storage.Tx;

/** SQL for contact requests, contacts (one row each way) and blocks. */
public final class ContactStore {

    private static final String REQUEST_SELECT = """
            SELECT r.id, r.status, r.created_at, r.decided_at,
                   f.id AS from_id, f.username AS from_name, f.display_name AS from_display, f.avatar_media_id AS from_avatar, f.deleted_at AS from_deleted,
                   t.id AS to_id, t.username AS to_name, t.display_name AS to_display, t.avatar_media_id AS to_avatar, t.deleted_at AS to_deleted
            FROM contact_requests r JOIN accounts f ON f.id = r.from_id JOIN accounts t ON t.id = r.to_id
            """;

    private static final RowMapper<ContactRequestView> REQUEST = (rs, ctx) -> new ContactRequestView(
            rs.getLong("id"),
            new AccountRef(rs.getLong("from_id"), rs.getString("from_name"), rs.getString("from_display"), rs.getString("from_avatar"),
                    AccountRef.deleted(Rows.nullableLong(rs, "from_deleted"))),
            new AccountRef(rs.getLong("to_id"), rs.getString("to_name"), rs.getString("to_display"), rs.getString("to_avatar"),
                    AccountRef.deleted(Rows.nullableLong(rs, "to_deleted"))),
            rs.getString("status"),
            Instant.ofEpochMilli(rs.getLong("created_at")),
            Rows.nullableInstant(rs, "decided_at"));

    /** An account (id, username, display_name, avatar_media_id) and since when (created_at) it is a contact, or blocked. */
    private static final RowMapper<ContactView> CONTACT = (rs, ctx) -> new ContactView(rs.getLong("id"),
            rs.getString("username"), rs.getString("display_name"), rs.getString("avatar_media_id"),
            Instant.ofEpochMilli(rs.getLong("created_at")));

    private final Jdbi reads;

    public ContactStore(Jdbi reads) {
        this.reads = reads;
    }

    Optional<ContactRequestView> request(Handle h, long id) {
        return h.createQuery(REQUEST_SELECT + " WHERE r.id = :id").bind("id", id).map(REQUEST).findOne();
    }

    Optional<ContactRequestView> pendingBetween(Handle h, long from, long to) {
        return h.createQuery(REQUEST_SELECT + " WHERE r.from_id = :from AND r.to_id = :to AND r.status = 'pending'")
                .bind("from", from).bind("to", to).map(REQUEST).findOne();
    }

    long insertRequest(Tx tx, long from, long to) {
        return tx.handle().createQuery("""
                        INSERT INTO contact_requests (from_id, to_id, status, created_at)
                        VALUES (:from, :to, 'pending', :now) RETURNING id""")
                .bind("from", from).bind("to", to).bind("now", tx.now()).mapTo(Long.class).one();
    }

    void decide(Tx tx, long requestId, String status) {
        tx.handle().createUpdate("UPDATE contact_requests SET status = :status, decided_at = :now WHERE id = :id")
                .bind("status", status).bind("now", tx.now()).bind("id", requestId).execute();
    }

    /** Declines whatever is pending between the two, in either direction (used when one blocks the other). */
    void declinePendingBetween(Tx tx, long a, long b) {
        tx.handle().createUpdate("""
                        UPDATE contact_requests SET status = 'declined', decided_at = :now
                        WHERE status = 'pending' AND ((from_id = :a AND to_id = :b) OR (from_id = :b AND to_id = :a))""")
                .bind("now", tx.now()).bind("a", a).bind("b", b).execute();
    }

    List<ContactRequestView> pendingFor(long accountId) {
        return reads.withHandle(h -> h.createQuery(REQUEST_SELECT
                        + " WHERE (r.to_id = :me OR r.from_id = :me) AND r.status = 'pending' ORDER BY r.id")
                .bind("me", accountId).map(REQUEST).list());
    }

    void addContactPair(Tx tx, long a, long b) {
        tx.handle().createUpdate("""
                        INSERT INTO contacts (account_id, contact_id, created_at) VALUES (:a, :b, :now), (:b, :a, :now)""")
                .bind("a", a).bind("b", b).bind("now", tx.now()).execute();
    }

    boolean removeContactPair(Tx tx, long a, long b) {
        return tx.handle().createUpdate("""
                        DELETE FROM contacts WHERE (account_id = :a AND contact_id = :b) OR (account_id = :b AND contact_id = :a)""")
                .bind("a", a).bind("b", b).execute() > 0;
    }

    public boolean areContacts(Handle h, long a, long b) {
        return h.createQuery("SELECT count(*) FROM contacts WHERE account_id = :a AND contact_id = :b")
                .bind("a", a).bind("b", b).mapTo(Integer.class).one() > 0;
    }

    public List<ContactView> contactsOf(long accountId) {
        return reads.withHandle(h -> h.createQuery("""
                        SELECT a.id, a.username, a.display_name, a.avatar_media_id, c.created_at FROM contacts c JOIN accounts a ON a.id = c.contact_id
                        WHERE c.account_id = :me ORDER BY a.username""")
                .bind("me", accountId).map(CONTACT).list());
    }

    /** Whether {@code me} may write to {@code other} in their direct chat. */
    public enum DirectStanding { OPEN, BLOCKED_BY_OTHER, NOT_CONTACTS }

    /** {@link #hasBlocked} and {@link #areContacts} in one statement: it is asked on every direct send. */
    public DirectStanding directStanding(Handle h, long me, long other) {
        // Through the prepared-statement cache, not a bound query: it is parsed once, not per send.
        long standing = DirectSql.oneLong(h, """
                        SELECT CASE WHEN EXISTS (SELECT 1 FROM blocks WHERE blocker_id = ? AND blocked_id = ?) THEN 1
                                    WHEN EXISTS (SELECT 1 FROM contacts WHERE account_id = ? AND contact_id = ?) THEN 0
                                    ELSE 2 END""", other, me, me, other);
        return standing == 1 ? DirectStanding.BLOCKED_BY_OTHER : standing == 0 ? DirectStanding.OPEN : DirectStanding.NOT_CONTACTS;
    }

    /** Whether {@code blocker} has blocked {@code blocked}. */
    public boolean hasBlocked(Handle h, long blocker, long blocked) {
        return h.createQuery("SELECT count(*) FROM blocks WHERE blocker_id = :a AND blocked_id = :b")
                .bind("a", blocker).bind("b", blocked).mapTo(Integer.class).one() > 0;
    }

    boolean insertBlock(Tx tx, long blocker, long blocked) {
        if (hasBlocked(tx.handle(), blocker, blocked)) return false;
        tx.handle().createUpdate("INSERT INTO blocks (blocker_id, blocked_id, created_at) VALUES (:a, :b, :now)")
                .bind("a", blocker).bind("b", blocked).bind("now", tx.now()).execute();
        return true;
    }

    boolean deleteBlock(Tx tx, long blocker, long blocked) {
        return tx.handle().createUpdate("DELETE FROM blocks WHERE blocker_id = :a AND blocked_id = :b")
                .bind("a", blocker).bind("b", blocked).execute() > 0;
    }

    public List<ContactView> blockedBy(long accountId) {
        return reads.withHandle(h -> h.createQuery("""
                        SELECT a.id, a.username, a.display_name, a.avatar_media_id, b.created_at FROM blocks b JOIN accounts a ON a.id = b.blocked_id
                        WHERE b.blocker_id = :me ORDER BY a.username""")
                .bind("me", accountId).map(CONTACT).list());
    }
}
