package org.stoa.server.storage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * New stream events and search terms wait in {@code events_recent} and {@code search_terms_recent}
 * (each with a twin, {@code _b}), tables with no key but SQLite's row id, so a commit appends its
 * rows to each table's last page or two whatever the accounts and words; every {@link #EVERY} the
 * writer moves them into their tables, sorted by key, so each account's newest page of events and
 * each word's newest page of documents is written once a move instead of once a commit. At 1,200
 * group messages a second the events took the log from 60 pages a commit to 23, the terms from
 * 19.6 to 17.
 *
 * <p>A move first turns new rows to the other table of the pair, then copies what waits in the
 * first in slices of keys (accounts, words) of about {@link #SLICE_ROWS} rows, each slice one of the
 * writer's jobs, so sends queued meanwhile are written between two slices; the last slice empties
 * the moved table in one statement. Until then a moved row is in two places: {@code EventLog} reads
 * an account's waiting events only above the newest eventSeq in {@code events} (an account's rows
 * move together, oldest first), searches read {@code search_terms} only, after {@link #settle}
 * has copied the waiting rows of their words there. The transaction that empties a waiting table
 * runs what was asked for it ({@link #whenEmptied}: the writer's counters of the rows are written
 * down); the start's, which empties what a crash left, brings the counters up from the rows
 * ({@link Table#countersUpTo}). One move of a table runs at a time. A stop moves what waits; a
 * start moves whatever a crash left, at once.
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

    /** Row ids one statement of {@link #settle} copies, well under SQLite's limit on parameters. */
    private static final int COPY_ROWIDS = 500;

    private static final Logger log = LoggerFactory.getLogger(RecentRows.class);

    private final Jdbi reads;
    private final Writer writer;
    private final int sliceRows;
    private final Map<Table, Pair> pairs = new EnumMap<>(Table.class);
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("stoa-recent-rows").unstarted(r));

    /** A table's two waiting places, and what has been appended to and moved out of them. */
    private static final class Pair {
        final Table table;
        final ReentrantLock moving = new ReentrantLock();
        // Counted in the writer's transactions; a move records the count it saw once its last slice has committed.
        final AtomicLong appends = new AtomicLong();
        final AtomicLong moved = new AtomicLong();
        volatile int appendingTo; // index into table.recentNames(); changed only in the writer's jobs
        volatile String unfinished; // the table a move is taking rows out of, until its last slice is in
        volatile Consumer<Tx> whenEmptied = tx -> {};

        Pair(Table table) {
            this.table = table;
        }

        String into() {
            return table.recentNames().get(appendingTo);
        }

        boolean waiting() {
            return moved.get() < appends.get();
        }
    }

    private RecentRows(Jdbi reads, Writer writer, int sliceRows) {
        this.reads = reads;
        this.writer = writer;
        this.sliceRows = sliceRows;
        for (Table table : Table.values()) pairs.put(table, new Pair(table));
    }

    /**
     * Moves waiting rows every {@code every} (tests pass a long one to decide when moves happen);
     * {@code reads} reads the database {@code writer} writes.
     */
    public static RecentRows start(Jdbi reads, Writer writer, Duration every) {
        return start(reads, writer, every, SLICE_ROWS);
    }

    /** As {@link #start(Jdbi, Writer, Duration)}, in slices of about {@code sliceRows} rows (tests pass a few). */
    public static RecentRows start(Jdbi reads, Writer writer, Duration every, int sliceRows) {
        RecentRows r = new RecentRows(reads, writer, sliceRows);
        r.moveWhatAnEarlierRunLeft();
        r.schedule.scheduleWithFixedDelay(r::moveOnSchedule, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return r;
    }

    /**
     * A crash (or a stop of a build that did not move at its stop) may leave rows in both tables of
     * a pair, some of them moved already: all move in one job, before anything is appended.
     */
    private void moveWhatAnEarlierRunLeft() {
        writer.execute(tx -> {
            for (Table table : Table.values()) {
                for (String from : table.recentNames()) {
                    DirectSql.update(tx.handle(), table.move(from, "1"));
                    // Nothing in memory counts these rows yet: their counters come from the rows.
                    table.countersUpTo(from, "true").ifPresent(sql -> DirectSql.update(tx.handle(), sql));
                    empty(tx.handle(), from);
                }
            }
            return null;
        });
    }

    @Override
    public String into(Table table) {
        return pairs.get(table).into();
    }

    @Override
    public void appended(Table table) {
        pairs.get(table).appends.incrementAndGet();
    }

    @Override
    public void whenEmptied(Table table, Consumer<Tx> work) {
        pairs.get(table).whenEmptied = work;
    }

    /**
     * Copies the waiting rows with these keys into the table in one of the writer's jobs, leaving
     * them where they wait for the next move (which skips them, as rows already there): a few pages
     * written, against a move of everything waiting, and no wait for a move under way. The rows are
     * found on a read connection (the waiting tables have no index on the key) and copied by row id.
     * One statement reads both tables, so a row appended before the call is found where it waits or
     * was in the table already. A row id that a move has since emptied and a new append reused names
     * another waiting row, which may join the table as well as any.
     */
    @Override
    public void settle(Table table, List<?> keys) {
        if (keys.isEmpty() || !pairs.get(table).waiting()) return;
        List<String> recent = table.recentNames();
        StringBuilder look = new StringBuilder();
        List<Object> args = new ArrayList<>();
        for (int i = 0; i < recent.size(); i++) {
            if (i > 0) look.append(" UNION ALL ");
            look.append("SELECT ").append(i).append(", rowid FROM ").append(recent.get(i))
                    .append(" WHERE ").append(table.key()).append(" IN (").append(DirectSql.placeholders(keys.size())).append(')');
            args.addAll(keys);
        }
        List<long[]> found = reads.withHandle(h -> DirectSql.longPairs(h, look.toString(), args.toArray()));
        if (found.isEmpty()) return;
        List<List<Object>> rowidsByTable = new ArrayList<>();
        for (int i = 0; i < recent.size(); i++) rowidsByTable.add(new ArrayList<>());
        for (long[] row : found) rowidsByTable.get((int) row[0]).add(row[1]);
        writer.execute(tx -> {
            for (int i = 0; i < recent.size(); i++) {
                List<Object> rowids = rowidsByTable.get(i);
                for (int at = 0; at < rowids.size(); at += COPY_ROWIDS) {
                    List<Object> part = rowids.subList(at, Math.min(rowids.size(), at + COPY_ROWIDS));
                    DirectSql.update(tx.handle(), table.move(recent.get(i), "rowid IN (" + DirectSql.placeholders(part.size()) + ")"),
                            part.toArray());
                }
            }
            return null;
        });
    }

    @Override
    public <T> T settled(Table table, Supplier<T> work) {
        Pair pair = pairs.get(table);
        pair.moving.lock();
        try {
            move(pair, pair.appends.get());
            return work.get();
        } finally {
            pair.moving.unlock();
        }
    }

    private void moveOnSchedule() {
        for (Pair pair : pairs.values()) {
            if (!pair.moving.tryLock()) continue; // the retention is moving it
            try {
                if (pair.waiting()) move(pair, pair.appends.get());
            } catch (RuntimeException e) {
                log.warn("moving recent rows failed; they stay readable where they are, trying again: {}", e.toString());
            } finally {
                pair.moving.unlock();
            }
        }
    }

    /**
     * Returns once the first {@code appends} rows appended to {@code pair} have moved: at once if a
     * move that finished meanwhile took them in. The writer runs jobs in order, so a move's first
     * job, which cuts what waits into slices and turns appends to the other table, sees every append
     * queued before it. A move that fails leaves its table half moved and records nothing: the next
     * one moves that table again (a row already moved stays as it is), then the one new rows went to.
     */
    private void move(Pair pair, long appends) {
        pair.moving.lock();
        try {
            while (pair.moved.get() < appends || pair.unfinished != null) {
                record Plan(long seen, List<Slice> slices) {}
                Plan plan = writer.execute(tx -> {
                    String again = pair.unfinished;
                    String from = again != null ? again : pair.into();
                    List<Slice> slices = slices(tx.handle(), pair.table, from);
                    if (again != null) return new Plan(pair.moved.get(), slices);
                    pair.appendingTo = 1 - pair.appendingTo;
                    pair.unfinished = from; // until its last slice is in
                    return new Plan(pair.appends.get(), slices);
                });
                for (Slice slice : plan.slices()) {
                    writer.execute(tx -> {
                        slice.move(tx.handle());
                        if (slice.last()) pair.whenEmptied.accept(tx);
                        return null;
                    });
                }
                pair.unfinished = null;
                pair.moved.accumulateAndGet(plan.seen(), Math::max);
            }
        } finally {
            pair.moving.unlock();
        }
    }

    /**
     * The rows waiting in {@code from} cut into ranges of keys of about {@link #sliceRows} rows; the
     * first and last ranges open, the last one emptying {@code from}. With nothing waiting, one
     * slice that empties it.
     */
    private List<Slice> slices(Handle h, Table table, String from) {
        List<Map.Entry<Object, Long>> counts = h.createQuery(
                        "SELECT " + table.key() + ", count(*) FROM " + from + " GROUP BY 1 ORDER BY 1")
                .map((rs, ctx) -> Map.entry(rs.getObject(1), rs.getLong(2))).list();
        List<Slice> slices = new ArrayList<>();
        Object after = null;
        long rows = 0;
        for (int i = 0; i < counts.size() - 1; i++) {
            rows += counts.get(i).getValue();
            if (rows >= sliceRows) {
                Object upTo = counts.get(i).getKey();
                slices.add(new Slice(table, from, after, upTo));
                after = upTo;
                rows = 0;
            }
        }
        slices.add(new Slice(table, from, after, null));
        return slices;
    }

    /**
     * The rows of {@code from} whose key is above {@code after} and at most {@code upTo}; a null
     * bound is open. The last slice ({@code upTo} null) empties {@code from}: nothing is appended to
     * it while it is moved.
     */
    private record Slice(Table table, String from, Object after, Object upTo) {

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
            DirectSql.update(h, table.move(from, conditions.isEmpty() ? "1" : String.join(" AND ", conditions)), bounds.toArray());
            if (last()) empty(h, from);
        }

        boolean last() {
            return upTo == null;
        }
    }

    /** Empties a waiting table whose rows are all in their table. */
    private static void empty(Handle h, String from) {
        // Without a WHERE, SQLite drops the table's pages instead of deleting row by row.
        DirectSql.update(h, "DELETE FROM " + from);
    }

    /**
     * Stops the schedule and moves what waits, so a stopped server's database has nothing waiting
     * (a copy to PostgreSQL, which never moves, takes none); a crash leaves it to the next start.
     */
    @Override
    public void close() {
        schedule.shutdownNow();
        try {
            schedule.awaitTermination(10, TimeUnit.SECONDS);
            for (Pair pair : pairs.values()) move(pair, pair.appends.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("moving recent rows at the stop failed; the next start moves them: {}", e.toString());
        }
    }
}
