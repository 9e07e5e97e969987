package org.stoa.server.stream;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.stoa.server.storage.DirectSql;
import org.stoa.server.storage.Tx;

/**
 * Counters that live in {@code event_seqs} alone: every append updates the members' rows in its
 * transaction, so any node reads them right. The counters are rows of their own (a few bytes each),
 * not a column of the wide {@code accounts} rows: a group message counts for every member, and a
 * page a commit changes is written whole on SQLite. An account's first event makes its row.
 */
final class StoredEventCounters implements EventCounters {

    @Override
    public List<long[]> next(Tx tx, List<Long> accountIds) {
        if (accountIds.isEmpty()) return List.of();
        return DirectSql.longPairs(tx.handle(), """
                INSERT INTO event_seqs (account_id, seq) SELECT id, 1 FROM accounts WHERE id IN (%s)
                ON CONFLICT (account_id) DO UPDATE SET seq = event_seqs.seq + 1 RETURNING account_id, seq"""
                .formatted(DirectSql.placeholders(accountIds.size())), accountIds.toArray());
    }

    @Override
    public Map<Long, Long> committed(Collection<Long> accountIds) {
        return Map.of();
    }
}
