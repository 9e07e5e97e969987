package org.stoa.server.stream;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.stoa.server.storage.RecentRows;
import org.stoa.server.storage.Staging;
import org.stoa.server.storage.Tx;

/**
 * Each account's eventSeq counter: the last eventSeq handed out, so an account's events are
 * numbered 1, 2, 3... whatever node or transaction appends them. The rows of {@code event_seqs}
 * hold it for every account that has had an event; where they are brought up to date follows from
 * where new events are inserted.
 */
sealed interface EventCounters permits StoredEventCounters, KeptEventCounters {

    /**
     * Kept in the writer's memory where new events wait ({@link RecentRows}: one node, one writer),
     * and written down by each move that empties a waiting table of events; stored with every
     * append otherwise (PostgreSQL, where several nodes append).
     */
    static EventCounters forStaging(Staging staging) {
        return switch (staging) {
            case RecentRows waiting -> {
                KeptEventCounters kept = new KeptEventCounters();
                waiting.whenEmptied(Staging.Table.EVENTS, kept::writeDown);
                yield kept;
            }
            case Staging.Direct direct -> new StoredEventCounters();
        };
    }

    /**
     * Hands each of {@code accountIds} (distinct) that exists its next eventSeq, in the writer's
     * transaction that appends the events: {account id, eventSeq} pairs.
     */
    List<long[]> next(Tx tx, List<Long> accountIds);

    /**
     * The last committed eventSeq of those of {@code accountIds} whose counter this node holds in
     * memory; the others' is in {@code event_seqs}.
     */
    Map<Long, Long> committed(Collection<Long> accountIds);
}
