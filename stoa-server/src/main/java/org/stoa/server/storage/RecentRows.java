package org.stoa.server.storage;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * New stream events and search terms wait in {@code events_recent} and {@code search_terms_recent},
 * tables with no key but SQLite's row id, so a commit appends its rows to each table's last page or
 * two whatever the accounts and words; every {@link #EVERY} the writer moves them into their tables
 * in one job, sorted by key, so each account's newest page of events and each word's newest page of
 * documents is written once a move instead of once a commit. At 1,200 group messages a second the
 * events took the log from 60 pages a commit to 23, the terms from 19.6 to 17.
 *
 * <p>Moving is one transaction, so a reader sees each row in exactly one of the two tables. A move
 * runs only after something was appended (the first one after a start takes whatever an earlier run
 * or another process left), and {@link #settle} only when no finished move took in the last append.
 */
public final class RecentRows implements Staging {

    /** How often waiting rows are moved: more often writes more pages, less often leaves more to scan in the recent tables. */
    public static final Duration EVERY = Duration.ofMillis(100);

    private static final Logger log = LoggerFactory.getLogger(RecentRows.class);

    private final Writer writer;
    // Counted in the writer's transactions; a move records the count it saw once it has committed.
    private final AtomicLong appends = new AtomicLong(1);
    private final AtomicLong moved = new AtomicLong();
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("stoa-recent-rows").unstarted(r));

    private RecentRows(Writer writer) {
        this.writer = writer;
    }

    /** Moves waiting rows every {@code every}; tests pass a long one to decide when moves happen. */
    public static RecentRows start(Writer writer, Duration every) {
        RecentRows r = new RecentRows(writer);
        r.schedule.scheduleWithFixedDelay(r::moveOnSchedule, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return r;
    }

    @Override
    public String into(Table table) {
        return table.recentName();
    }

    @Override
    public void appended() {
        appends.incrementAndGet();
    }

    @Override
    public void settle() {
        if (moved.get() < appends.get()) move();
    }

    private void moveOnSchedule() {
        try {
            settle();
        } catch (RuntimeException e) {
            log.warn("moving recent rows failed; they stay readable where they are, trying again: {}", e.toString());
        }
    }

    /**
     * The writer runs jobs in order, so this one sees every append queued before it. A failed move
     * records nothing, so the next round tries again whether or not anything is appended meanwhile.
     */
    private void move() {
        long upTo = writer.execute(tx -> {
            long seen = appends.get();
            for (Table table : Table.values()) {
                tx.handle().execute(table.move());
                // No WHERE: SQLite drops the table's pages instead of deleting row by row.
                tx.handle().execute("DELETE FROM " + table.recentName());
            }
            return seen;
        });
        moved.accumulateAndGet(upTo, Math::max);
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
