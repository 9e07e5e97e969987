package org.stoa.server.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQLite's durability off the writer's thread. The writer's connection commits with
 * {@code synchronous = NORMAL}, which writes the transaction to the write-ahead log without waiting
 * for the disk; this thread then flushes the log file ({@code fdatasync}) and only after that lets
 * the batch's acknowledgements and doorbells go. While one flush waits for the disk, the writer runs
 * and commits the next batches, and the next flush covers all of them: the writer's thread no longer
 * spends most of its time in {@code fsync} under load, and a disk that is slow for a moment delays
 * acknowledgements without stopping the work behind them. The log is a prefix-valid sequence
 * (SQLite's recovery stops at the first frame whose checksum fails), so a crash keeps every batch
 * up to some point, including every batch that was acknowledged. Readers on other connections may
 * see a batch in the short time between its commit and the flush (a history page, a stream catching
 * up from the log); nothing is acknowledged, and no doorbell rings for it, before the flush.
 */
final class WalSync implements Durability {

    /** Makes everything written to the log so far durable. */
    @FunctionalInterface
    interface Flush {
        void flush() throws IOException;
    }

    private static final Logger log = LoggerFactory.getLogger(WalSync.class);

    private final Flush flush;
    private final Runnable caughtUp;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private List<Then> waiting = new ArrayList<>(); // guarded by lock
    private boolean closing; // guarded by lock
    private boolean inFlight; // guarded by lock
    private final Thread thread;

    private WalSync(Flush flush, Runnable caughtUp) {
        this.flush = flush;
        this.caughtUp = caughtUp;
        this.thread = Thread.ofPlatform().name("stoa-wal-sync").daemon(true).start(this::loop);
    }

    /**
     * Flushes the write-ahead log of the SQLite database in {@code databaseFile}; runs {@code caughtUp}
     * each time a flush ends with no commit waiting for the next one.
     */
    static WalSync forDatabase(Path databaseFile, Runnable caughtUp) {
        Path wal = databaseFile.toAbsolutePath().resolveSibling(databaseFile.getFileName() + "-wal");
        return new WalSync(new LogFile(wal)::flush, caughtUp);
    }

    /** Runs {@code flush} where the log would be flushed: for tests that hold a flush back or fail it. */
    static WalSync flushingWith(Flush flush, Runnable caughtUp) {
        return new WalSync(flush, caughtUp);
    }

    @Override
    public void whenDurable(Then then) {
        lock.lock();
        try {
            if (closing) throw new IllegalStateException("the write-ahead log's sync has stopped");
            waiting.add(then);
            work.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean flushing() {
        lock.lock();
        try {
            return inFlight || !waiting.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        List<Then> ready = new ArrayList<>();
        while (true) {
            lock.lock();
            try {
                while (waiting.isEmpty() && !closing) work.awaitUninterruptibly();
                if (waiting.isEmpty()) return; // closing, and every callback has run
                List<Then> taken = waiting;
                waiting = ready;
                ready = taken;
                inFlight = true;
            } finally {
                lock.unlock();
            }
            Exception failure = null;
            try {
                flush.flush();
            } catch (IOException | RuntimeException e) {
                log.error("the write-ahead log could not be flushed to disk; {} batches are not acknowledged", ready.size(), e);
                failure = e;
            }
            boolean idle;
            lock.lock();
            try {
                inFlight = false;
                idle = waiting.isEmpty();
            } finally {
                lock.unlock();
            }
            if (idle) caughtUp.run(); // the writer commits what it holds while these batches go on
            for (Then then : ready) {
                try {
                    then.run(failure);
                } catch (RuntimeException e) {
                    log.error("a batch's completion failed", e);
                }
            }
            ready.clear();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closing = true;
            work.signal();
        } finally {
            lock.unlock();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The log file, opened on the first flush (SQLite creates it with the first write) and again when
     * the file at its path is another one: SQLite deletes the log when its last connection closes, and
     * a flush must reach the file the writer's commits went to.
     */
    private static final class LogFile {
        private final Path path;
        private FileChannel channel;
        private Object identity;

        LogFile(Path path) {
            this.path = path;
        }

        void flush() throws IOException {
            Object current = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
            if (channel == null || !current.equals(identity)) {
                if (channel != null) channel.close();
                channel = FileChannel.open(path, StandardOpenOption.WRITE);
                identity = current;
            }
            channel.force(false);
        }
    }
}
