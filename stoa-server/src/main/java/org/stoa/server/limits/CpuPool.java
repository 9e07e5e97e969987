package org.stoa.server.limits;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.stoa.server.http.ApiException;

/**
 * A few platform threads for CPU-heavy work (image decoding, password hashing), with a bounded
 * number of tasks admitted. Requests run on virtual threads, which share a carrier thread per core:
 * a long computation there holds a carrier and every other request waits behind it. Here it holds a
 * thread of its own, at a lower priority than the threads answering requests, and a request beyond
 * the admitted number is told to come back ({@code 503 server_busy} with {@code Retry-After})
 * instead of queueing without end.
 */
public final class CpuPool implements AutoCloseable {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    private final String name;
    private final ThreadPoolExecutor threads;
    private final Semaphore admitted;
    private final Timer taskTime;
    private final Counter refused;

    private CpuPool(String name, int threadCount, int waiting, MeterRegistry metrics) {
        this.name = name;
        AtomicInteger n = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(threadCount, threadCount, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> Thread.ofPlatform().daemon().name("stoa-" + name + "-" + n.incrementAndGet()).unstarted(() -> {
                    LowPriority.lowerCurrentThread();
                    r.run();
                }));
        this.admitted = new Semaphore(threadCount + waiting);
        String meter = CpuPool.class.getName();
        this.taskTime = Timer.builder(meter + ".tasks").tag("pool", name).description("time a task ran on the pool")
                .publishPercentiles(0.5, 0.99).register(metrics);
        this.refused = Counter.builder(meter + ".refused").tag("pool", name).description("tasks refused: pool full")
                .register(metrics);
        Gauge.builder(meter + ".waiting", threads, t -> t.getQueue().size()).tag("pool", name)
                .description("tasks waiting for a thread").register(metrics);
    }

    /** {@code threads} workers and room for {@code waiting} more tasks to wait for one. */
    public static CpuPool start(String name, int threads, int waiting, MeterRegistry metrics) {
        if (threads < 1 || waiting < 0) throw new IllegalArgumentException("a pool needs a thread");
        return new CpuPool(name, threads, waiting, metrics);
    }

    /** Half the cores (at least one): the rest stays free for requests and the other pools. */
    public static int halfTheCores() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /**
     * A place in the pool, taken before a request reads what the task needs (an upload's bytes):
     * what is admitted is bounded, so is the memory it holds. Close it when done.
     */
    public Place admit() {
        if (!admitted.tryAcquire()) {
            refused.increment();
            throw ApiException.retryLater(503, "server_busy",
                    "the server is busy with " + name + "; try again in " + RETRY_AFTER.toSeconds() + " s",
                    RETRY_AFTER, Map.of("pool", name));
        }
        return new Place();
    }

    /** Runs {@code task} on the pool and waits for it; refused at once when the pool is full. */
    public <T> T run(Callable<T> task) {
        try (Place place = admit()) {
            return place.run(task);
        }
    }

    /** An admitted task's place; closing it (once) lets the next one in. */
    public final class Place implements AutoCloseable {
        private boolean closed;

        private Place() {}

        /** Runs {@code task} on one of the pool's threads; its exceptions reach the caller unchanged. */
        public <T> T run(Callable<T> task) {
            Future<T> result = threads.submit(() -> {
                long start = System.nanoTime();
                try {
                    return task.call();
                } finally {
                    taskTime.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                }
            });
            try {
                return result.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                if (e.getCause() instanceof Error err) throw err;
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                result.cancel(true);
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for the " + name + " pool", e);
            }
        }

        @Override
        public synchronized void close() {
            if (closed) return;
            closed = true;
            admitted.release();
        }
    }

    /** Lets running tasks finish (briefly), then stops the threads. */
    @Override
    public void close() {
        threads.shutdown();
        try {
            threads.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
