package org.stoa.server.storage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only writer to the database. Jobs from many request threads queue here and run on one
 * thread, many to a transaction (group commit): one fsync makes a whole batch durable, which is
 * what lets every send be durable before its 201 at thousands of sends a second. Each job runs in
 * its own savepoint, so one failing job rolls back alone. Jobs also see a consistent order, which
 * is what per-conversation {@code seq} and per-account {@code eventSeq} rely on within one server.
 * Across servers sharing PostgreSQL, those counters are taken with {@code UPDATE ... RETURNING},
 * whose row lock holds until commit, so a conversation's next {@code seq} waits for the previous
 * one to commit or roll back: gap-free and monotonic. Where two servers' batches take such locks
 * in opposite orders, PostgreSQL aborts one; that batch runs again.
 */
public final class Writer implements AutoCloseable {

    /** A unit of work inside the shared transaction. */
    @FunctionalInterface
    public interface Job<T> {
        T run(Tx tx) throws Exception;
    }

    private static final Logger log = LoggerFactory.getLogger(Writer.class);
    private static final int MAX_ATTEMPTS = 5;
    /** How long the writer waits for a job at a time while a flush is under way (the flush's end also wakes it). */
    private static final long FLUSH_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /**
     * How long the spacing holds after two jobs were last seen in flight together. One client that
     * waits for each answer before its next write never is, so it is never held back.
     */
    private static final long TOGETHER_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private record Pending<T>(Job<T> job, CompletableFuture<T> result) {}

    private record Done(Pending<Object> pending, Object value, Tx tx, Throwable failure) {}

    /** Put in the queue when the log's flushes caught up: wakes a writer that holds its transaction open. */
    private static final Pending<Object> CAUGHT_UP = new Pending<>(tx -> null, new CompletableFuture<>());

    private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    private final Database database;
    private final Durability durability;
    private final int maxBatch;
    private Handle handle; // only the writer thread uses it
    private final Clock clock;
    private final Thread thread;
    private final DistributionSummary batchSize;
    private final Timer commitTimer;
    private final Counter retries;
    private volatile boolean accepting = true;
    private volatile boolean holding; // the writer waits in an open transaction for the log's flush
    private final AtomicInteger inFlight = new AtomicInteger(); // submitted and not yet completed
    private volatile long togetherAt; // System.nanoTime() when a job was last submitted with another in flight
    /**
     * While several clients write at once, a commit comes at least this long after the one before
     * ({@link DatabaseEngine#commitSpacing}): the writer keeps its transaction open and takes the
     * jobs that arrive meanwhile, and they share the commit's pages and its flush.
     */
    private final long commitSpacingNanos;
    private long lastCommitAt; // System.nanoTime() before the last commit; the writer's thread only
    private final Counter spacingWaits;

    public Writer(Database database, Clock clock, MeterRegistry metrics) {
        this.database = database;
        this.durability = database.newDurability(this::flushesCaughtUp);
        this.maxBatch = database.engine().maxJobsPerTransaction();
        this.commitSpacingNanos = database.engine().commitSpacing().toNanos();
        this.clock = clock;
        this.batchSize = DistributionSummary.builder(Writer.class.getName() + ".batchSize")
                .description("jobs committed together").register(metrics);
        this.commitTimer = Timer.builder(Writer.class.getName() + ".commit")
                .description("time from the start of a batch's transaction until it is durable").publishPercentiles(0.5, 0.99).register(metrics);
        this.spacingWaits = Counter.builder(Writer.class.getName() + ".spacingWaits")
                .description("waits in an open transaction to keep commits apart while several clients wrote").register(metrics);
        this.togetherAt = System.nanoTime() - 2 * TOGETHER_NANOS;
        this.lastCommitAt = System.nanoTime() - 2 * commitSpacingNanos;
        this.retries = Counter.builder(Writer.class.getName() + ".retries")
                .description("batches run again after a deadlock, a serialization failure or a lost connection")
                .register(metrics);
        this.thread = Thread.ofPlatform().name("stoa-writer").daemon(false).start(this::loop);
    }

    /** Queues {@code job}; the future completes after its transaction committed (or failed). */
    public <T> CompletableFuture<T> submit(Job<T> job) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (!accepting) {
            result.completeExceptionally(new ShuttingDownException());
            return result;
        }
        if (inFlight.getAndIncrement() > 0) togetherAt = System.nanoTime();
        // Counted out before the caller hears: a client that waits for each answer then finds
        // nothing in flight when it writes again, so it is never taken for several at once.
        CompletableFuture<T> written = new CompletableFuture<>();
        written.whenComplete((value, failure) -> {
            inFlight.decrementAndGet();
            if (failure == null) result.complete(value);
            else result.completeExceptionally(failure);
        });
        queue.add(new Pending<>(job, written));
        return result;
    }

    /** Runs {@code job} and waits for it to be durable; rethrows its exception unchanged. */
    public <T> T execute(Job<T> job) {
        return await(submit(job));
    }

    /** Waits for {@code later} (a {@link #submit}ted job, or a stage after one); rethrows its exception unchanged. */
    public static <T> T await(CompletableFuture<T> later) {
        try {
            return later.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }

    @SuppressWarnings("unchecked")
    private void loop() {
        List<Pending<?>> batch = new ArrayList<>(maxBatch);
        while (true) {
            try {
                Pending<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null || first == CAUGHT_UP) {
                    if (!accepting && queue.isEmpty()) return;
                    continue;
                }
                batch.add(first);
                takeQueued((List<Pending<Object>>) (List<?>) batch);
                runBatch((List<Pending<Object>>) (List<?>) batch);
                if (handle != null) database.betweenTransactions(handle);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("writer batch failed", e);
            } finally {
                batch.clear();
            }
        }
    }

    private void runBatch(List<Pending<Object>> batch) {
        for (int attempt = 1; ; attempt++) {
            List<Done> done;
            long start = System.nanoTime();
            try {
                done = runInOneTransaction(batch);
            } catch (RetryBatch retry) {
                if (attempt < MAX_ATTEMPTS) {
                    retries.increment();
                    log.debug("batch of {} jobs runs again (attempt {}): {}", batch.size(), attempt + 1,
                            retry.getCause().getMessage());
                    pause(attempt);
                    continue;
                }
                log.error("a batch of {} jobs failed {} times; all of them are rolled back", batch.size(), attempt,
                        retry.getCause());
                for (Pending<Object> p : batch) p.result().completeExceptionally(retry.getCause());
                return;
            } catch (RuntimeException e) {
                log.error("commit of {} jobs failed; all of them are rolled back", batch.size(), e);
                for (Pending<Object> p : batch) p.result().completeExceptionally(e);
                return;
            }
            durability.whenDurable(failure -> {
                commitTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                complete(done, failure);
            });
            return;
        }
    }

    /**
     * Runs every job of {@code batch} in one transaction, each in its own savepoint, and commits.
     * A job that fails for its own reasons rolls back alone; one that meets a retryable error
     * (a deadlock with another node, a lost connection) rolls back the whole transaction, because
     * PostgreSQL has already aborted it, and the batch runs again from its first job.
     */
    private List<Done> runInOneTransaction(List<Pending<Object>> batch) {
        List<Done> done = new ArrayList<>(batch.size());
        Handle h = writeHandle();
        Tx current = null;
        try {
            h.begin();
            database.engine().beginWrites(h);
            for (int i = 0; i < batch.size() || i < holdOpen(batch); i++) {
                Pending<Object> p = batch.get(i);
                // Each job's own time: a batch held open takes jobs that arrive milliseconds (or, under a test's clock, hours) later.
                Tx tx = current = new Tx(h, clock.millis());
                DirectSql.update(h, "SAVEPOINT job");
                try {
                    Object value = p.job().run(tx);
                    DirectSql.update(h, "RELEASE job");
                    done.add(new Done(p, value, tx, null));
                } catch (Throwable t) {
                    if (retryable(t)) throw new RetryBatch(t);
                    h.execute("ROLLBACK TO job");
                    h.execute("RELEASE job");
                    tx.rolledBack();
                    done.add(new Done(p, null, tx, t));
                }
                current = null;
            }
        } catch (RuntimeException e) {
            abandon(h);
            if (current != null) current.rolledBack();
            rolledBack(done);
            if (e instanceof RetryBatch || !retryable(e)) throw e;
            throw new RetryBatch(e);
        }
        try {
            lastCommitAt = System.nanoTime();
            h.commit();
        } catch (RuntimeException e) {
            abandon(h); // whether a commit that failed took effect is unknown: never run it twice
            rolledBack(done);
            throw e;
        }
        batchSize.record(batch.size());
        return done;
    }

    /** Moves the jobs queued now into {@code batch}, up to its limit. */
    @SuppressWarnings("unchecked")
    private void takeQueued(List<Pending<Object>> batch) {
        int before = batch.size();
        queue.drainTo((List<Pending<?>>) (List<?>) batch, maxBatch - before);
        if (batch.size() > before) batch.subList(before, batch.size()).removeIf(p -> p == CAUGHT_UP);
    }

    /**
     * Keeps the transaction open and takes arriving jobs into it, up to the batch's limit: while the
     * log's last flush is still under way (a commit now would only wait for it; one commit and one
     * flush then cover them all), and while several clients write at once, until
     * {@link #commitSpacingNanos} after the last commit. Returns the batch's size.
     */
    @SuppressWarnings("unchecked")
    private int holdOpen(List<Pending<Object>> batch) {
        int size = batch.size();
        long now = System.nanoTime();
        boolean spacing = now - togetherAt < TOGETHER_NANOS && now - lastCommitAt < commitSpacingNanos;
        holding = true; // before asking: a flush that ends after the answer then puts CAUGHT_UP in the queue
        try {
            while (batch.size() == size && size < maxBatch) {
                boolean flushing = durability.flushing();
                long early = spacing ? lastCommitAt + commitSpacingNanos - System.nanoTime() : 0;
                if (!flushing && early <= 0) break;
                if (!flushing) spacingWaits.increment();
                Pending<?> next = queue.poll(flushing ? FLUSH_POLL_NANOS : early, TimeUnit.NANOSECONDS);
                if (next == null || next == CAUGHT_UP) continue;
                batch.add((Pending<Object>) next);
                takeQueued(batch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            holding = false;
        }
        return batch.size();
    }

    private void flushesCaughtUp() {
        if (holding) queue.offer(CAUGHT_UP);
    }

    /** Undoes, latest first, what the jobs kept in memory beside the rows that were just rolled back. */
    private static void rolledBack(List<Done> done) {
        for (int i = done.size() - 1; i >= 0; i--) done.get(i).tx().rolledBack();
    }

    /**
     * Runs the committed jobs' after-commit actions and completes their futures. When the commit could
     * not be made durable, the rows are committed as far as the database can tell, so the actions
     * still run (caches and doorbells follow the database), but no job is reported done: a client
     * that sends again with its clientId is answered from the stored row.
     */
    private void complete(List<Done> done, Exception notDurable) {
        for (Done d : done) {
            if (d.failure() != null) {
                d.pending().result().completeExceptionally(d.failure());
                continue;
            }
            for (Runnable action : d.tx().afterCommitActions()) {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    log.error("after-commit action failed", e);
                }
            }
            if (notDurable == null) {
                d.pending().result().complete(d.value());
            } else {
                d.pending().result().completeExceptionally(
                        new IllegalStateException("committed, but the write-ahead log could not be flushed to disk", notDurable));
            }
        }
    }

    private boolean retryable(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SQLException e && database.engine().isRetryable(e)) return true;
        }
        return false;
    }

    /** The writer's handle, opened again when the last one's connection broke. */
    private Handle writeHandle() {
        if (handle == null) handle = database.openWriteHandle();
        return handle;
    }

    /** Rolls back what is left of a failed transaction; a connection that broke is given up for a new one. */
    private void abandon(Handle failed) {
        try {
            failed.rollback();
            if (failed.getConnection().isValid(1)) return;
        } catch (RuntimeException | SQLException ignored) {
            // the connection is already out of the transaction, or gone
        }
        database.discardWriteHandle(failed);
        handle = null;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20) << attempt); // apart from the other node's retry
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A job met an error that calls for running the whole batch again. */
    private static final class RetryBatch extends RuntimeException {
        RetryBatch(Throwable cause) {
            super(cause);
        }
    }

    /** Stops taking jobs, finishes every queued one, and returns when all are durable. */
    @Override
    public void close() {
        accepting = false;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        durability.close();
        for (Pending<?> late; (late = queue.poll()) != null; ) {
            late.result().completeExceptionally(new ShuttingDownException());
        }
        if (handle != null) handle.close();
    }

    /** A job submitted after shutdown began. */
    public static final class ShuttingDownException extends RuntimeException {
        ShuttingDownException() {
            super("the server is shutting down");
        }
    }
}
