package org.stoa.server.storage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * New stream events and search terms wait in {@code events_recent} and {@code search_terms_recent},
 * tables with no key but SQLite's row id, so a commit appends its rows to each table's last page or
 * two whatever the accounts and words; every {@link #EVERY} the writer moves them into their tables,
 * sorted by key, so each account's newest page of events and each word's newest page of documents
 * is written once a move instead of once a commit. At 1,200 group messages a second the events
 * took the log from 60 pages a commit to 23, the terms from 19.6 to 17.
 *
 * <p>A move takes the waiting rows in slices of keys (accounts, words) of about {@link #SLICE_ROWS}
 * rows, each slice one of the writer's jobs: sends queued meanwhile are written between two slices
 * instead of waiting for the whole move. Each slice is one transaction, so a reader sees each row in
 * exactly one of the two tables. A table's rows move only after something was appended to it (the
 * first move after a start takes whatever an earlier run or another process left), and
 * {@link #settle} moves only the table it is asked for, and only when no finished move took in its
 * last append: a search waits for the words, not for a second of every member's events.
 */
public final class RecentRows implements Staging {

    /**
     * How often waiting rows are moved: more often writes the same pages more often (at 100 ms the
     * moves were two fifths of the bytes written at 1,200 group messages a second), less often
     * leaves more to scan in the recent tables.
     */
    public static final Duration EVERY = Duration.ofSeconds(1);
    /** About how many rows one of a move's transactions takes: a few milliseconds of the writer's time. */
    public static final int SLICE_ROWS = 1_000;

    private static final Logger log = LoggerFactory.getLogger(RecentRows.class);

    private final Writer writer;
    private final int sliceRows;
    // Per table, counted in the writer's transactions; a move records the count it saw once it has committed.
    private final Map<Table, AtomicLong> appends = new EnumMap<>(Table.class);
    private final Map<Table, AtomicLong> moved = new EnumMap<>(Table.class);
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("stoa-recent-rows").unstarted(r));

    private RecentRows(Writer writer, int sliceRows) {
        this.writer = writer;
        this.sliceRows = sliceRows;
        for (Table table : Table.values()) {
            appends.put(table, new AtomicLong(1));
            moved.put(table, new AtomicLong());
        }
    }

    /** Moves waiting rows every {@code every}; tests pass a long one to decide when moves happen. */
    public static RecentRows start(Writer writer, Duration every) {
        return start(writer, every, SLICE_ROWS);
    }

    /** As {@link #start(Writer, Duration)}, in slices of about {@code sliceRows} rows (tests pass a few). */
    public static RecentRows start(Writer writer, Duration every, int sliceRows) {
        RecentRows r = new RecentRows(writer, sliceRows);
        r.schedule.scheduleWithFixedDelay(r::moveOnSchedule, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return r;
    }

    @Override
    public String into(Table table) {
        return table.recentName();
    }

    @Override
    public void appended(Table table) {
        appends.get(table).incrementAndGet();
    }

    @Override
    public void settle(Table table) {
        if (waiting(table)) move(EnumSet.of(table));
    }

    /** Whether rows of {@code table} were appended since the last move that finished took them in. */
    private boolean waiting(Table table) {
        return moved.get(table).get() < appends.get(table).get();
    }

    private void moveOnSchedule() {
        try {
            Set<Table> tables = EnumSet.noneOf(Table.class);
            for (Table table : Table.values()) {
                if (waiting(table)) tables.add(table);
            }
            if (!tables.isEmpty()) move(tables);
        } catch (RuntimeException e) {
            log.warn("moving recent rows failed; they stay readable where they are, trying again: {}", e.toString());
        }
    }

    /**
     * The writer runs jobs in order, so the first one, which counts the waiting rows by key, sees
     * every append queued before it; each slice then moves what waits in its range of keys, with
     * whatever was appended there since. A failed move records nothing, so the next round tries
     * again whether or not anything is appended meanwhile.
     */
    private void move(Set<Table> tables) {
        record Plan(Map<Table, Long> seen, List<Slice> slices) {}
        Plan plan = writer.execute(tx -> {
            Map<Table, Long> seen = new EnumMap<>(Table.class);
            for (Table table : tables) seen.put(table, appends.get(table).get());
            return new Plan(seen, slices(tx.handle(), tables));
        });
        for (Slice slice : plan.slices()) {
            writer.execute(tx -> {
                slice.move(tx.handle());
                return null;
            });
        }
        plan.seen().forEach((table, seen) -> moved.get(table).accumulateAndGet(seen, Math::max));
    }

    /** The waiting rows of each table cut into ranges of keys of about {@link #sliceRows} rows; the first and last ranges open. */
    private List<Slice> slices(Handle h, Set<Table> tables) {
        List<Slice> slices = new ArrayList<>();
        for (Table table : tables) {
            List<Map.Entry<Object, Long>> counts = h.createQuery(
                            "SELECT " + table.key() + ", count(*) FROM " + table.recentName() + " GROUP BY 1 ORDER BY 1")
                    .map((rs, ctx) -> Map.entry(rs.getObject(1), rs.getLong(2))).list();
            Object after = null;
            long rows = 0;
            for (int i = 0; i < counts.size(); i++) {
                rows += counts.get(i).getValue();
                if (i == counts.size() - 1) {
                    slices.add(new Slice(table, after, null));
                } else if (rows >= sliceRows) {
                    Object upTo = counts.get(i).getKey();
                    slices.add(new Slice(table, after, upTo));
                    after = upTo;
                    rows = 0;
                }
            }
        }
        return slices;
    }

    /** The waiting rows of {@code table} whose key is above {@code after} and at most {@code upTo}; a null bound is open. */
    private record Slice(Table table, Object after, Object upTo) {

        void move(Handle h) {
            List<String> conditions = new ArrayList<>();
            List<Object> bounds = new ArrayList<>();
            if (after != null) {
                conditions.add(table.key() + " > ?");
                bounds.add(after);
            }
            if (upTo != null) {
                conditions.add(table.key() + " <= ?");
                bounds.add(upTo);
            }
            String where = conditions.isEmpty() ? "1" : String.join(" AND ", conditions);
            Object[] args = bounds.toArray();
            DirectSql.update(h, table.move(where), args);
            // Without a WHERE, SQLite drops the table's pages instead of deleting row by row.
            DirectSql.update(h, "DELETE FROM " + table.recentName() + (conditions.isEmpty() ? "" : " WHERE " + where), args);
        }
    }

    @Override
    public void close() {
        schedule.shutdownNow();
        try {
            schedule.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
