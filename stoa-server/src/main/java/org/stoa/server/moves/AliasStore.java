package org.stoa.server.moves;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.stoa.server.storage.Rows;
import org.stoa.server.storage.Tx;

/** SQL for accounts' aliases: the accounts each one continues. */
public final class AliasStore {

    void insert(Tx tx, long accountId, String alias) {
        tx.handle().createUpdate("""
                        INSERT INTO account_aliases (account_id, alias, created_at) VALUES (:a, :alias, :now)
                        ON CONFLICT DO NOTHING""")
                .bind("a", accountId).bind("alias", alias).bind("now", tx.now()).execute();
    }

    boolean delete(Tx tx, long accountId, String alias) {
        return tx.handle().createUpdate("DELETE FROM account_aliases WHERE account_id = :a AND alias = :alias")
                .bind("a", accountId).bind("alias", alias).execute() > 0;
    }

    int count(Handle h, long accountId) {
        return h.createQuery("SELECT count(*) FROM account_aliases WHERE account_id = :a").bind("a", accountId)
                .mapTo(Integer.class).one();
    }

    boolean names(Handle h, long accountId, String alias) {
        return h.createQuery("SELECT 1 FROM account_aliases WHERE account_id = :a AND alias = :alias")
                .bind("a", accountId).bind("alias", alias).mapTo(Integer.class).findOne().isPresent();
    }

    /** The account's aliases, oldest first, each with when it moved here (a local alias's move in force). */
    List<AliasView> of(Handle h, long accountId) {
        return h.createQuery("""
                        SELECT x.alias, x.created_at, m.created_at AS moved_at FROM account_aliases x
                        LEFT JOIN accounts o ON o.username = x.alias
                        LEFT JOIN moves m ON m.account_id = o.id AND m.to_account_id = x.account_id AND m.status = 'active'
                        WHERE x.account_id = :a ORDER BY x.created_at, x.alias""")
                .bind("a", accountId)
                .map((rs, ctx) -> new AliasView(rs.getString("alias"), Instant.ofEpochMilli(rs.getLong("created_at")),
                        Rows.nullableInstant(rs, "moved_at")))
                .list();
    }

    List<String> aliases(Handle h, long accountId) {
        return h.createQuery("SELECT alias FROM account_aliases WHERE account_id = :a ORDER BY created_at, alias")
                .bind("a", accountId).mapTo(String.class).list();
    }
}
