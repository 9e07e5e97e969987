package org.stoa.server.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies SQLite's write-ahead log into the database file from a thread of its own, and has the log
 * started afresh before it grows long. Left to itself, SQLite does that copy inside the commit that
 * takes the log past 1,000 pages: the {@link Writer} then waits for the copy and the database file's
 * fsync, tens of milliseconds, and so does every send of that batch. A passive checkpoint here runs
 * beside the writer and never blocks it.
 *
 * <p>The log starts again from its beginning only when a write transaction begins after a checkpoint
 * that copied all of it, which a writer that never pauses rarely gives this thread. So once the log
 * is {@link #RESTART_FRAMES} long, this thread flushes the database file (what its checkpoints copied
 * so far) and asks the writer to checkpoint between two transactions: that checkpoint has only the
 * frames committed since to copy and flush (its flush of the database file took 2 ms at the median at
 * 1,200 group messages a second), and the writer's next transaction starts the log again. Before, the
 * writer's connection reached SQLite's own threshold ({@link #WRITER_BACKSTOP_PAGES}, kept as a
 * backstop) every 1.4 s at that rate and then copied and flushed everything since this thread's last
 * flush, 10-30 ms with every send of the next batches waiting (that flush alone 8 ms at the median).
 */
final class WalCheckpointer implements Housekeeping {

    /** SQLite's threshold on the writer's connection: 64 MiB of 4 KiB pages. */
    static final int WRITER_BACKSTOP_PAGES = 16_384;
    /** The log's length, in frames (a 4 KiB page each), at which the writer is asked to start it again. */
    static final int RESTART_FRAMES = 4_096;
    private static final long EVERY_MS = 100;
    private static final Logger log = LoggerFactory.getLogger(WalCheckpointer.class);

    private final DataSource source;
    /**
     * Open for as long as this process has the database open: closing a descriptor of the file would
     * drop every POSIX lock SQLite's connections in this process hold on it.
     */
    private final FileChannel databaseFile;
    private final ScheduledExecutorService thread;
    private Connection connection; // only the checkpoint thread uses it
    private volatile boolean restartDue;

    private WalCheckpointer(DataSource source, FileChannel databaseFile) {
        this.source = source;
        this.databaseFile = databaseFile;
        this.thread = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("stoa-wal-checkpoint").daemon(true).factory());
    }

    /** Checkpoints {@code databaseFile}, which {@code source} opens, every 100 ms on its own connection. */
    static WalCheckpointer start(DataSource source, Path databaseFile) {
        FileChannel file;
        try {
            file = FileChannel.open(databaseFile, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the database file " + databaseFile + ": " + e.getMessage(), e);
        }
        WalCheckpointer c = new WalCheckpointer(source, file);
        c.thread.scheduleWithFixedDelay(c::checkpoint, EVERY_MS, EVERY_MS, TimeUnit.MILLISECONDS);
        return c;
    }

    private void checkpoint() {
        try {
            if (connection == null) connection = source.getConnection();
            int logFrames;
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
                rs.next();
                logFrames = rs.getInt(2);
            }
            if (logFrames >= RESTART_FRAMES && !restartDue) {
                // SQLite flushes the database file only after a checkpoint that found nothing committed
                // meanwhile, and its answer does not tell whether this one did.
                databaseFile.force(false);
                restartDue = true;
            }
        } catch (SQLException e) {
            log.warn("WAL checkpoint failed; SQLite's own checkpoint in the writer's commits stands in: {}", e.getMessage());
            closeConnection();
        } catch (IOException e) {
            log.warn("flushing the database file failed; the writer's checkpoint will do it: {}", e.getMessage());
            restartDue = true;
        }
    }

    /**
     * When asked for, checkpoints on the writer's connection: the frames committed since this thread's
     * last checkpoint are copied and flushed, and the writer's next transaction starts the log again.
     */
    @Override
    public void betweenTransactions(Handle writer) {
        if (!restartDue) return;
        restartDue = false;
        try {
            writer.createQuery("PRAGMA wal_checkpoint(PASSIVE)").mapToMap().one();
        } catch (RuntimeException e) {
            log.warn("the writer's WAL checkpoint failed; the next round asks again: {}", e.getMessage());
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

    /** Call once every other connection to the database is closed (see {@link #databaseFile}). */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeConnection();
        try {
            databaseFile.close();
        } catch (IOException ignored) {
            // nothing was written through it
        }
    }
}
