package org.stoa.server.storage;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only writer to the database. Jobs from many request threads queue here and run on one
 * thread, many to a transaction (group commit): one fsync makes a whole batch durable, which is
 * what lets every send be durable before its 201 at thousands of sends a second. Each job runs in
 * its own savepoint, so one failing job rolls back alone. Jobs also see a consistent order, which
 * is what per-conversation {@code seq} and per-account {@code eventSeq} rely on.
 */
public final class Writer implements AutoCloseable {

    /** A unit of work inside the shared transaction. */
    @FunctionalInterface
    public interface Job<T> {
        T run(Tx tx) throws Exception;
    }

    private static final Logger log = LoggerFactory.getLogger(Writer.class);
    private static final int MAX_BATCH = 512;

    private record Pending<T>(Job<T> job, CompletableFuture<T> result) {}

    private record Done(Pending<Object> pending, Object value, Tx tx, Throwable failure) {}

    private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    private final Handle handle;
    private final Clock clock;
    private final Thread thread;
    private final DistributionSummary batchSize;
    private final Timer commitTimer;
    private volatile boolean accepting = true;

    public Writer(Database database, Clock clock, MeterRegistry metrics) {
        this.handle = database.openWriteHandle();
        this.clock = clock;
        this.batchSize = DistributionSummary.builder(Writer.class.getName() + ".batchSize")
                .description("jobs committed together").register(metrics);
        this.commitTimer = Timer.builder(Writer.class.getName() + ".commit")
                .description("time to commit one batch durably").publishPercentiles(0.5, 0.99).register(metrics);
        this.thread = Thread.ofPlatform().name("stoa-writer").daemon(false).start(this::loop);
    }

    /** Queues {@code job}; the future completes after its transaction committed (or failed). */
    public <T> CompletableFuture<T> submit(Job<T> job) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (!accepting) {
            result.completeExceptionally(new ShuttingDownException());
            return result;
        }
        queue.add(new Pending<>(job, result));
        return result;
    }

    /** Runs {@code job} and waits for it to be durable; rethrows its exception unchanged. */
    public <T> T execute(Job<T> job) {
        try {
            return submit(job).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }

    @SuppressWarnings("unchecked")
    private void loop() {
        List<Pending<?>> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            try {
                Pending<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (!accepting && queue.isEmpty()) return;
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                runBatch((List<Pending<Object>>) (List<?>) batch);
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
        List<Done> done = new ArrayList<>(batch.size());
        long now = clock.millis();
        try {
            handle.begin();
            for (Pending<Object> p : batch) {
                Tx tx = new Tx(handle, now);
                handle.execute("SAVEPOINT job");
                try {
                    Object value = p.job().run(tx);
                    handle.execute("RELEASE job");
                    done.add(new Done(p, value, tx, null));
                } catch (Throwable t) {
                    handle.execute("ROLLBACK TO job");
                    handle.execute("RELEASE job");
                    tx.rolledBack();
                    done.add(new Done(p, null, tx, t));
                }
            }
            long start = System.nanoTime();
            handle.commit();
            commitTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            batchSize.record(batch.size());
        } catch (RuntimeException e) {
            log.error("commit of {} jobs failed; all of them are rolled back", batch.size(), e);
            try {
                handle.rollback();
            } catch (RuntimeException ignored) {
                // the connection is already out of the transaction
            }
            for (int i = done.size() - 1; i >= 0; i--) done.get(i).tx().rolledBack();
            for (Pending<Object> p : batch) p.result().completeExceptionally(e);
            return;
        }
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
            d.pending().result().complete(d.value());
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
        for (Pending<?> late; (late = queue.poll()) != null; ) {
            late.result().completeExceptionally(new ShuttingDownException());
        }
        handle.close();
    }

    /** A job submitted after shutdown began. */
    public static final class ShuttingDownException extends RuntimeException {
        ShuttingDownException() {
            super("the server is shutting down");
        }
    }
}
