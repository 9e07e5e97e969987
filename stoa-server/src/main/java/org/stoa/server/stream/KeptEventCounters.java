package org.stoa.server.stream;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.stoa.server.storage.DirectSql;
import org.stoa.server.storage.Staging;
import org.stoa.server.storage.Tx;

/**
 * Counters the writer keeps in memory on a node whose new events wait ({@link RecentRows}): a send
 * writes no counter rows. Updating one {@code event_seqs} row per member in every send was 3.8 % of
 * the server's CPU at 1,200 group messages a second, and its pages were in every commit. The
 * counters that changed are written down in the transaction that takes the last waiting events out
 * of a waiting table ({@link #writeDown}), so a counter in {@code event_seqs} is behind only while
 * the events ahead of it still wait. There the writer's memory holds exactly what the committed
 * jobs and the earlier jobs of its own transaction handed out (a job that failed has given its
 * numbers back), and if that transaction is undone, so is what it wrote. After a crash the start
 * brings the counters up from the events left waiting ({@link Staging.Table#countersUpTo}), before
 * any append; from then on, the first append of an account reads its counter from the table.
 */
final class KeptEventCounters implements EventCounters {

    /** Counters one statement reads or writes, well under SQLite's limit on parameters. */
    private static final int WRITE_ROWS = 500;

    private final Map<Long, Long> handedOut = new HashMap<>(); // the writer's thread only; committed or not
    private final Map<Long, Long> committed = new ConcurrentHashMap<>();
    private final Set<Long> unwritten = new HashSet<>(); // the writer's thread only: counters event_seqs lacks

    @Override
    public List<long[]> next(Tx tx, List<Long> accountIds) {
        List<Long> unknown = new ArrayList<>();
        for (Long id : accountIds) if (!handedOut.containsKey(id)) unknown.add(id);
        for (int at = 0; at < unknown.size(); at += WRITE_ROWS) {
            List<Long> part = unknown.subList(at, Math.min(unknown.size(), at + WRITE_ROWS));
            for (long[] row : DirectSql.longPairs(tx.handle(), """
                    SELECT a.id, coalesce(s.seq, 0) FROM accounts a LEFT JOIN event_seqs s ON s.account_id = a.id
                    WHERE a.id IN (%s)""".formatted(DirectSql.placeholders(part.size())), part.toArray())) {
                handedOut.put(row[0], row[1]);
            }
        }
        List<long[]> seqs = new ArrayList<>(accountIds.size());
        for (Long id : accountIds) {
            Long last = handedOut.get(id);
            if (last == null) continue; // no such account
            seqs.add(new long[] {id, last + 1});
            handedOut.put(id, last + 1);
            unwritten.add(id);
        }
        tx.onRollback(() -> {
            for (int i = seqs.size() - 1; i >= 0; i--) handedOut.put(seqs.get(i)[0], seqs.get(i)[1] - 1);
        });
        tx.afterCommit(() -> {
            for (long[] s : seqs) committed.merge(s[0], s[1], Math::max);
        });
        return seqs;
    }

    /** Writes the counters that changed since the last time into {@code event_seqs}; in the writer's transaction. */
    void writeDown(Tx tx) {
        if (unwritten.isEmpty()) return;
        List<Long> ids = List.copyOf(unwritten);
        for (int at = 0; at < ids.size(); at += WRITE_ROWS) {
            List<Long> part = ids.subList(at, Math.min(ids.size(), at + WRITE_ROWS));
            Object[] args = new Object[2 * part.size()];
            for (int i = 0; i < part.size(); i++) {
                args[2 * i] = part.get(i);
                args[2 * i + 1] = handedOut.get(part.get(i));
            }
            DirectSql.update(tx.handle(), """
                    INSERT INTO event_seqs (account_id, seq) VALUES %s ON CONFLICT (account_id)
                    DO UPDATE SET seq = CASE WHEN excluded.seq > event_seqs.seq THEN excluded.seq ELSE event_seqs.seq END"""
                    .formatted("(?, ?)" + ", (?, ?)".repeat(part.size() - 1)), args);
        }
        unwritten.clear();
        tx.onRollback(() -> unwritten.addAll(ids));
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
