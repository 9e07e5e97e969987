package org.stoa.server.accounts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.stoa.server.storage.DirectSql;
import org.stoa.server.storage.Tx;

/** SQL for login sessions; only hashes of tokens are stored. */
final class SessionStore {

    record ActiveSession(long sessionId, long expiresAt, Account account) {}

    private final Jdbi reads;

    SessionStore(Jdbi reads) {
        this.reads = reads;
    }

    long insert(Tx tx, long accountId, String tokenHash, long expiresAt, String client) {
        return tx.handle().createQuery("""
                        INSERT INTO sessions (account_id, token_hash, created_at, expires_at, client)
                        VALUES (:account, :hash, :now, :expires, :client) RETURNING id""")
                .bind("account", accountId).bind("hash", tokenHash)
                .bind("now", tx.now()).bind("expires", expiresAt).bind("client", client)
                .mapTo(Long.class).one();
    }

    /** The account's live sessions, newest first. */
    List<SessionView> live(long accountId, long now, long currentSessionId) {
        return reads.withHandle(h -> h.createQuery("""
                        SELECT id, client, created_at, expires_at FROM sessions
                        WHERE account_id = :a AND revoked_at IS NULL AND expires_at > :now ORDER BY id DESC""")
                .bind("a", accountId).bind("now", now)
                .map((rs, ctx) -> new SessionView(rs.getLong("id"), rs.getString("client"),
                        Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("expires_at")),
                        rs.getLong("id") == currentSessionId))
                .list());
    }

    /** Revokes one live session of the account; false if it has none with that id. */
    boolean revoke(Tx tx, long accountId, long sessionId) {
        return tx.handle().createUpdate("""
                        UPDATE sessions SET revoked_at = :now WHERE id = :id AND account_id = :a AND revoked_at IS NULL
                        AND expires_at > :now""")
                .bind("now", tx.now()).bind("id", sessionId).bind("a", accountId).execute() > 0;
    }

    Optional<ActiveSession> findActive(String tokenHash, long now) {
        return reads.withHandle(h -> h.createQuery("""
                        SELECT s.id AS session_id, s.expires_at, a.id, a.username, a.role, a.created_at
                        FROM sessions s JOIN accounts a ON a.id = s.account_id
                        WHERE s.token_hash = :hash AND s.revoked_at IS NULL AND s.expires_at > :now""")
                .bind("hash", tokenHash).bind("now", now)
                .map((rs, ctx) -> new ActiveSession(rs.getLong("session_id"), rs.getLong("expires_at"),
                        AccountStore.ACCOUNT.map(rs, ctx)))
                .findOne());
    }

    void revokeOthers(Tx tx, long accountId, long keepSessionId) {
        tx.handle().createUpdate("""
                        UPDATE sessions SET revoked_at = :now WHERE account_id = :a AND id <> :keep AND revoked_at IS NULL""")
                .bind("now", tx.now()).bind("a", accountId).bind("keep", keepSessionId).execute();
    }

    int revokeAll(Tx tx, long accountId) {
        return tx.handle().createUpdate("UPDATE sessions SET revoked_at = :now WHERE account_id = :a AND revoked_at IS NULL")
                .bind("now", tx.now()).bind("a", accountId).execute();
    }

    boolean isLive(long sessionId, long now) {
        return reads.withHandle(h -> DirectSql.firstLong(h,
                "SELECT id FROM sessions WHERE id = ? AND revoked_at IS NULL AND expires_at > ?", sessionId, now).isPresent());
    }

    void revoke(Tx tx, long sessionId) {
        tx.handle().createUpdate("UPDATE sessions SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
                .bind("now", tx.now()).bind("id", sessionId).execute();
    }
}
