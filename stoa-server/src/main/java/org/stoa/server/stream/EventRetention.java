package org.stoa.server.stream;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.server.storage.Rows;
import org.stoa.server.storage.Staging;
import org.stoa.server.storage.Writer;

/**
 * Deletes stream events older than {@code events.retention}, in the background. A client that
 * was away longer than that cannot resume ({@code 410 since_too_old}) and reloads its state
 * instead; everything it would have replayed is still in the conversations themselves.
 *
 * <p>Each account's events are clustered by eventSeq, and eventSeq grows with time, so an
 * account's old events are a prefix of its rows: finding where they end reads only them. The work
 * goes to the writer in small jobs, so sends never wait long behind it.
 */
public final class EventRetention implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventRetention.class);
    private static final int ACCOUNTS_PER_JOB = 200;
    private static final int ROWS_PER_JOB = 5_000;

    private final Jdbi reads;
    private final Writer writer;
    private final Staging staging;
    private final Duration retention;
    private final Clock clock;
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("stoa-event-retention").unstarted(r));

    public EventRetention(Jdbi reads, Writer writer, Staging staging, Duration retention, Clock clock) {
        this.reads = reads;
        this.writer = writer;
        this.staging = staging;
        this.retention = retention;
        this.clock = clock;
    }

    /** Prunes a minute after start, then every tenth of the retention (at most hourly). */
    public void start() {
        long every = Math.max(60_000, Math.min(retention.toMillis() / 10, Duration.ofHours(1).toMillis()));
        schedule.scheduleWithFixedDelay(() -> {
            try {
                int deleted = pruneNow();
                if (deleted > 0) log.info("pruned {} stream events older than {}", deleted, retention);
            } catch (RuntimeException e) {
                log.warn("pruning old stream events failed; trying again later", e);
            }
        }, 60_000, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Deletes every event older than the retention now; answers how many. What waits to join the
     * log moves first, so it is pruned by the same rule, and no move runs meanwhile: an event moved
     * but still where it waited would outlive its copy pruned here.
     */
    public int pruneNow() {
        long cutoff = clock.millis() - retention.toMillis();
        return staging.settled(Staging.Table.EVENTS, () -> prune(cutoff));
    }

    private int prune(long cutoff) {
        int deleted = 0;
        long after = 0;
        while (true) {
            long from = after;
            List<Long> accounts = reads.withHandle(h -> h.createQuery(
                            "SELECT id FROM accounts WHERE id > :after ORDER BY id LIMIT :n")
                    .bind("after", from).bind("n", ACCOUNTS_PER_JOB).mapTo(Long.class).list());
            if (accounts.isEmpty()) return deleted;
            for (int i = 0; i < accounts.size(); ) {
                int start = i;
                int[] done = writer.execute(tx -> prune(tx.handle(), accounts, start, cutoff));
                deleted += done[1];
                i = done[0];
            }
            after = accounts.getLast();
        }
    }

    /**
     * Prunes accounts from {@code start} until about {@link #ROWS_PER_JOB} rows are gone; answers
     * the index of the next account and the rows deleted.
     */
    private static int[] prune(Handle h, List<Long> accounts, int start, long cutoff) {
        int rows = 0;
        int i = start;
        while (i < accounts.size() && rows < ROWS_PER_JOB) {
            long account = accounts.get(i);
            // Most accounts have nothing old: one row read says so.
            boolean nothingOld = h.createQuery("SELECT created_at FROM events WHERE account_id = :a ORDER BY seq LIMIT 1")
                    .bind("a", account).mapTo(Long.class).findOne().map(t -> t >= cutoff).orElse(true);
            if (nothingOld) {
                i++;
                continue;
            }
            int window = ROWS_PER_JOB - rows;
            // The account's oldest rows, up to the window: where the young ones begin, or that all are old.
            Window w = h.createQuery("""
                            SELECT min(CASE WHEN created_at >= :cutoff THEN seq END) AS kept, max(seq) AS last, count(*) AS n
                            FROM (SELECT seq, created_at FROM events WHERE account_id = :a ORDER BY seq LIMIT :window) AS oldest""")
                    .bind("a", account).bind("cutoff", cutoff).bind("window", window)
                    .map((rs, ctx) -> new Window(Rows.nullableLong(rs, "kept"), rs.getLong("last"), rs.getInt("n")))
                    .one();
            boolean accountDone = w.kept() != null || w.rows() < window;
            if (w.rows() > 0) {
                long below = w.kept() != null ? w.kept() : w.last() + 1;
                rows += h.createUpdate("DELETE FROM events WHERE account_id = :a AND seq < :below")
                        .bind("a", account).bind("below", below).execute();
            }
            if (accountDone) i++;
        }
        return new int[] {i, rows};
    }

    /** An account's oldest rows: the first to keep (null: none among them), the last, how many. */
    private record Window(Long kept, long last, int rows) {}

    @Override
    public void close() {
        schedule.shutdownNow();
    }
}
