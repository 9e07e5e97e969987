package org.stoa.server.stream;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.server.storage.Writer;

/**
 * New stream events wait in {@code events_recent}, a table with no key but SQLite's row id, so a
 * commit appends its events to the table's last page or two whatever the accounts; every
 * {@link #EVERY} the writer moves them into {@code events} in one job, sorted by account and
 * eventSeq, so each account's newest page is written once a move instead of once a commit. At 1,200
 * group messages a second that took the log from 60 pages a commit to 23.
 *
 * <p>Moving is one transaction, so a reader sees each event in exactly one of the two tables. A
 * move runs only after something was appended (the first one after a start takes whatever an
 * earlier run or another process left).
 */
public final class RecentEvents implements EventStaging {

    /** How often waiting events are moved: more often writes more pages, less often leaves more to scan in {@code events_recent}. */
    public static final Duration EVERY = Duration.ofMillis(100);

    private static final Logger log = LoggerFactory.getLogger(RecentEvents.class);
    private static final String MOVE = """
            INSERT INTO events (account_id, seq, type, message_id, payload, created_at)
            SELECT account_id, seq, type, message_id, payload, created_at FROM events_recent ORDER BY account_id, seq""";

    private final Writer writer;
    private final AtomicBoolean waiting = new AtomicBoolean(true);
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("stoa-recent-events").unstarted(r));

    private RecentEvents(Writer writer) {
        this.writer = writer;
    }

    /** Moves waiting events every {@code every}; tests pass a long one to decide when moves happen. */
    public static RecentEvents start(Writer writer, Duration every) {
        RecentEvents r = new RecentEvents(writer);
        r.schedule.scheduleWithFixedDelay(r::moveIfWaiting, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return r;
    }

    @Override
    public String table() {
        return "events_recent";
    }

    @Override
    public void appended() {
        waiting.set(true);
    }

    @Override
    public void settle() {
        waiting.set(false);
        move();
    }

    private void moveIfWaiting() {
        if (!waiting.getAndSet(false)) return;
        try {
            move();
        } catch (RuntimeException e) {
            log.warn("moving recent stream events failed; they stay readable where they are, trying again: {}", e.toString());
        }
    }

    /**
     * The writer runs jobs in order, so this one sees every append queued before it. If it fails,
     * the next round tries again whether or not anything is appended meanwhile.
     */
    private void move() {
        try {
            writer.execute(tx -> {
                tx.handle().execute(MOVE);
                // No WHERE: SQLite drops the table's pages instead of deleting row by row.
                return tx.handle().execute("DELETE FROM events_recent");
            });
        } catch (RuntimeException e) {
            waiting.set(true);
            throw e;
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
