package org.stoa.server.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies SQLite's write-ahead log into the database file from a thread of its own. Left to itself,
 * SQLite does that copy inside the commit that takes the log past 1,000 pages: the {@link Writer}
 * then waits for the copy and the database file's fsync, tens of milliseconds, and so does every
 * send of that batch (in the 1,200 msg/s profile, the writer's commit p99 of 30–40 ms against a
 * median of 1–6 ms). A passive checkpoint here runs beside the writer and never blocks it.
 *
 * <p>The writer's connection keeps SQLite's own checkpoint with a far larger threshold,
 * {@link #WRITER_BACKSTOP_PAGES}: the log is rewound from its start only after a checkpoint that
 * caught up with the last commit, which a writer that never pauses rarely gives this thread, so
 * under steady load the writer's own (by then small) checkpoint bounds the log's size.
 */
final class WalCheckpointer implements AutoCloseable {

    /** SQLite's threshold on the writer's connection: 64 MiB of 4 KiB pages. */
    static final int WRITER_BACKSTOP_PAGES = 16_384;
    private static final long EVERY_MS = 100;
    private static final Logger log = LoggerFactory.getLogger(WalCheckpointer.class);

    private final DataSource source;
    private final ScheduledExecutorService thread;
    private Connection connection; // only the checkpoint thread uses it

    private WalCheckpointer(DataSource source) {
        this.source = source;
        this.thread = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("stoa-wal-checkpoint").daemon(true).factory());
    }

    /** Checkpoints the database {@code source} opens every 100 ms, on its own connection. */
    static WalCheckpointer start(DataSource source) {
        WalCheckpointer c = new WalCheckpointer(source);
        c.thread.scheduleWithFixedDelay(c::checkpoint, EVERY_MS, EVERY_MS, TimeUnit.MILLISECONDS);
        return c;
    }

    private void checkpoint() {
        try {
            if (connection == null) connection = source.getConnection();
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
                rs.next(); // busy, log frames, frames checkpointed: nothing to act on; the next round goes on
            }
        } catch (SQLException e) {
            log.warn("WAL checkpoint failed; SQLite's own checkpoint in the writer's commits stands in: {}", e.getMessage());
            closeConnection();
        }
    }

    private void closeConnection() {
        if (connection == null) return;
        try {
            connection.close();
        } catch (SQLException ignored) {
            // already gone
        }
        connection = null;
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeConnection();
    }
}
