package org.stoa.server.export;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded pool exports are built on, off the request threads: one low-priority platform thread
 * (an export is disk and CPU work for up to a minute, and the machine serves chat meanwhile) and a
 * bounded queue. Jobs run in the order they came.
 */
final class ExportWorkers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExportWorkers.class);

    private static final int THREADS = 1;
    private static final int QUEUE = 256;

    private final ThreadPoolExecutor pool;

    ExportWorkers() {
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), task -> {
            Thread t = new Thread(task, "stoa-export-" + n.incrementAndGet());
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
    }

    /** Queues {@code job}; false when the queue is full. */
    boolean offer(Runnable job) {
        try {
            pool.execute(job);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Interrupts the job running (it stops at its next item, to be redone) and drops those waiting. */
    @Override
    public void close() {
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(30, TimeUnit.SECONDS)) log.warn("an export did not stop within 30 s of being asked to");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
