package org.stoa.server.stream;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.stoa.server.storage.DirectSql;
import org.stoa.server.storage.RecentRows;
import org.stoa.server.storage.Staging;
import org.stoa.server.storage.Tx;

/**
 * Counters the writer keeps in memory on a node whose new events wait ({@link RecentRows}): a send
 * writes no counter rows. Updating one {@code event_seqs} row per member in every send was 3.8 % of
 * the server's CPU at 1,200 group messages a second, and its pages were in every commit. Every event
 * row carries its eventSeq, and {@code event_seqs} is brought up to the waiting events in the
 * transaction that takes them out of where they wait ({@link Staging.Table#countersUpTo}): at the
 * end of each move, at the start after a crash, and before an account's events are deleted. So a
 * counter in {@code event_seqs} is behind only while the events ahead of it still wait, and once a
 * start has moved them, the first append of an account reads its counter there.
 */
final class KeptEventCounters implements EventCounters {

    private final Map<Long, Long> handedOut = new HashMap<>(); // the writer's thread only; committed or not
    private final Map<Long, Long> committed = new ConcurrentHashMap<>();

    @Override
    public List<long[]> next(Tx tx, List<Long> accountIds) {
        List<Long> unknown = new ArrayList<>();
        for (Long id : accountIds) if (!handedOut.containsKey(id)) unknown.add(id);
        if (!unknown.isEmpty()) {
            for (long[] row : DirectSql.longPairs(tx.handle(), """
                    SELECT a.id, coalesce(s.seq, 0) FROM accounts a LEFT JOIN event_seqs s ON s.account_id = a.id
                    WHERE a.id IN (%s)""".formatted(DirectSql.placeholders(unknown.size())), unknown.toArray())) {
                handedOut.put(row[0], row[1]);
            }
        }
        List<long[]> seqs = new ArrayList<>(accountIds.size());
        for (Long id : accountIds) {
            Long last = handedOut.get(id);
            if (last == null) continue; // no such account
            seqs.add(new long[] {id, last + 1});
            handedOut.put(id, last + 1);
        }
        tx.onRollback(() -> {
            for (long[] s : seqs) handedOut.put(s[0], s[1] - 1);
        });
        tx.afterCommit(() -> {
            for (long[] s : seqs) committed.merge(s[0], s[1], Math::max);
        });
        return seqs;
    }

    @Override
    public Map<Long, Long> committed(Collection<Long> accountIds) {
        Map<Long, Long> known = new HashMap<>();
        for (Long id : accountIds) {
            Long seq = committed.get(id);
            if (seq != null) known.put(id, seq);
        }
        return known;
    }
}
