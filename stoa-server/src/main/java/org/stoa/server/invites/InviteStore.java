package org.stoa.server.invites;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.stoa.server.storage.Rows;
import org.stoa.server.storage.Tx;

/** SQL for invite links. */
final class InviteStore {

    private static final RowMapper<Invite> INVITE = (rs, ctx) -> new Invite(rs.getString("code"), rs.getLong("account_id"),
            Instant.ofEpochMilli(rs.getLong("created_at")), Rows.nullableInstant(rs, "expires_at"),
            Rows.nullableInt(rs, "max_uses"), rs.getInt("uses"),
            Rows.nullableInstant(rs, "revoked_at"));

    void insert(Tx tx, String code, long accountId, Instant expiresAt, Integer maxUses) {
        tx.handle().createUpdate("""
                        INSERT INTO invites (code, account_id, created_at, expires_at, max_uses)
                        VALUES (:code, :account, :now, :expires, :max)""")
                .bind("code", code).bind("account", accountId).bind("now", tx.now())
                .bind("expires", expiresAt == null ? null : expiresAt.toEpochMilli()).bind("max", maxUses).execute();
    }

    Optional<Invite> find(Handle h, String code) {
        return h.createQuery("SELECT * FROM invites WHERE code = :code").bind("code", code).map(INVITE).findOne();
    }

    /** The account's links that were not revoked, newest first (expired and used-up ones included: it may want to see them). */
    List<Invite> ofAccount(Handle h, long accountId) {
        return h.createQuery("SELECT * FROM invites WHERE account_id = :a AND revoked_at IS NULL ORDER BY created_at DESC, code")
                .bind("a", accountId).map(INVITE).list();
    }

    int countOpen(Handle h, long accountId, long now) {
        return h.createQuery("""
                        SELECT count(*) FROM invites WHERE account_id = :a AND revoked_at IS NULL
                        AND (expires_at IS NULL OR expires_at > :now) AND (max_uses IS NULL OR uses < max_uses)""")
                .bind("a", accountId).bind("now", now).mapTo(Integer.class).one();
    }

    void used(Tx tx, String code) {
        tx.handle().createUpdate("UPDATE invites SET uses = uses + 1 WHERE code = :code").bind("code", code).execute();
    }

    boolean revoke(Tx tx, String code, long accountId) {
        return tx.handle().createUpdate("UPDATE invites SET revoked_at = :now WHERE code = :code AND account_id = :a AND revoked_at IS NULL")
                .bind("now", tx.now()).bind("code", code).bind("a", accountId).execute() > 0;
    }
}
