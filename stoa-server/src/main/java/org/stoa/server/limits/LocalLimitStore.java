package org.stoa.server.limits;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The limiters' counts in this process's memory: right for a single server. Counts start afresh on
 * a restart, which abuse control can live with. A bucket that has refilled says nothing a new one
 * would not, so those are swept out when the map grows; a flood of fresh keys cannot reset the
 * buckets that still hold something.
 */
public final class LocalLimitStore implements LimitStore {

    private static final Logger log = LoggerFactory.getLogger(LocalLimitStore.class);
    private static final int SWEEP_ABOVE = 50_000;
    private static final int HARD_MAX = 1_000_000;

    private final Clock clock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicInteger> open = new ConcurrentHashMap<>();
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private volatile int sweepAbove = SWEEP_ABOVE;

    private static final class Bucket {
        final Quota.Rate rate;
        double tokens;
        long updatedAt;

        Bucket(Quota.Rate rate, long now) {
            this.rate = rate;
            this.tokens = rate.count();
            this.updatedAt = now;
        }

        /** Refills up to now; true when full. Call holding the bucket's lock. */
        boolean refill(long now) {
            tokens = Math.min(rate.count(), tokens + Math.max(0, now - updatedAt) * rate.permitsPerMilli());
            updatedAt = now;
            return tokens >= rate.count();
        }

        Duration until(double permits) {
            return Duration.ofMillis((long) Math.ceil((permits - tokens) / rate.permitsPerMilli()));
        }
    }

    public LocalLimitStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Optional<Duration> tryTake(String key, Quota.Rate rate) {
        long now = clock.millis();
        Bucket b = bucket(key, rate, now);
        synchronized (b) {
            b.refill(now);
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return Optional.empty();
            }
            return Optional.of(b.until(1));
        }
    }

    @Override
    public Optional<Duration> waitFor(String key, Quota.Rate rate, int permits) {
        Bucket b = buckets.get(key);
        if (b == null) return Optional.empty();
        long now = clock.millis();
        synchronized (b) {
            b.refill(now);
            return b.tokens >= permits ? Optional.empty() : Optional.of(b.until(permits));
        }
    }

    @Override
    public void spend(String key, Quota.Rate rate) {
        long now = clock.millis();
        Bucket b = bucket(key, rate, now);
        synchronized (b) {
            b.refill(now);
            b.tokens = Math.max(0, b.tokens - 1);
        }
    }

    @Override
    public Optional<Slot> tryOpen(String key, int max) {
        AtomicInteger count = open.computeIfAbsent(key, k -> new AtomicInteger());
        while (true) {
            int n = count.get();
            if (n >= max) return Optional.empty();
            if (count.compareAndSet(n, n + 1)) break;
        }
        AtomicBoolean closed = new AtomicBoolean();
        return Optional.of(() -> {
            if (closed.compareAndSet(false, true)) {
                open.computeIfPresent(key, (k, c) -> c.decrementAndGet() <= 0 ? null : c);
            }
        });
    }

    @Override
    public boolean hasRoom(String key, int max) {
        AtomicInteger count = open.get(key);
        return count == null || count.get() < max;
    }

    private Bucket bucket(String key, Quota.Rate rate, long now) {
        Bucket b = buckets.get(key);
        if (b != null) return b;
        if (buckets.size() >= sweepAbove) sweep(now);
        return buckets.computeIfAbsent(key, k -> new Bucket(rate, now));
    }

    /** Drops refilled buckets; if the live ones alone are too many, starts over rather than run out of memory. */
    private void sweep(long now) {
        if (!sweeping.compareAndSet(false, true)) return;
        try {
            buckets.values().removeIf(b -> {
                synchronized (b) {
                    return b.refill(now);
                }
            });
            if (buckets.size() >= HARD_MAX) {
                log.warn("{} rate-limit buckets are in use; forgetting them all to bound memory", buckets.size());
                buckets.clear();
            }
            sweepAbove = Math.min(HARD_MAX, Math.max(SWEEP_ABOVE, buckets.size() * 2));
        } finally {
            sweeping.set(false);
        }
    }
}
