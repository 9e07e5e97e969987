package org.stoa.server.limits;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.stoa.server.config.StoaConfig.RateLimit;
import org.stoa.server.http.ApiException;

/**
 * A named token bucket per key (an account, an address): {@code count} permits that refill
 * evenly over {@code window}. In memory: limits reset on restart, which is fine for abuse control.
 */
public final class RateLimiter {

    private static final int MAX_KEYS = 100_000;

    private final String name;
    private final double capacity;
    private final double permitsPerMilli;
    private final Clock clock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long updatedAt;

        Bucket(double tokens, long updatedAt) {
            this.tokens = tokens;
            this.updatedAt = updatedAt;
        }
    }

    public RateLimiter(String name, RateLimit limit, Clock clock) {
        this.name = name;
        this.capacity = limit.count();
        this.permitsPerMilli = limit.count() / (double) limit.window().toMillis();
        this.clock = clock;
    }

    /** How long {@code key} must wait for a permit; empty if one is available now. */
    public Optional<Duration> waitTime(String key) {
        Bucket b = buckets.get(key);
        if (b == null) return Optional.empty();
        synchronized (b) {
            refill(b, clock.millis());
            return wait(b);
        }
    }

    /** Takes one permit from {@code key}'s bucket, going below zero never. */
    public void consume(String key) {
        Bucket b = bucket(key);
        synchronized (b) {
            refill(b, clock.millis());
            b.tokens = Math.max(0, b.tokens - 1);
        }
    }

    /** Throws a 429 naming this limiter when {@code key} has no permit left. */
    public void check(String key, String what) {
        waitTime(key).ifPresent(wait -> {
            throw tooMany(wait, what);
        });
    }

    /**
     * Takes a permit, or throws a 429 when there is none: one step, so a burst of concurrent
     * requests gets exactly as many permits as the bucket holds.
     */
    public void acquire(String key, String what) {
        Bucket b = bucket(key);
        Optional<Duration> wait;
        synchronized (b) {
            refill(b, clock.millis());
            wait = wait(b);
            if (wait.isEmpty()) b.tokens -= 1;
        }
        wait.ifPresent(w -> {
            throw tooMany(w, what);
        });
    }

    private Bucket bucket(String key) {
        long now = clock.millis();
        if (buckets.size() > MAX_KEYS) buckets.clear(); // a flood of keys must not exhaust memory
        return buckets.computeIfAbsent(key, k -> new Bucket(capacity, now));
    }

    private Optional<Duration> wait(Bucket b) {
        if (b.tokens >= 1) return Optional.empty();
        return Optional.of(Duration.ofMillis((long) Math.ceil((1 - b.tokens) / permitsPerMilli)));
    }

    /** 429 rate_limited, naming the limiter and the whole seconds to wait ({@code Retry-After} carries them too). */
    private ApiException tooMany(Duration wait, String what) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return new ApiException(429, "rate_limited", "too many " + what + "; try again in " + seconds + " s",
                Map.of("limiter", name, "retryAfterSeconds", seconds));
    }

    private void refill(Bucket b, long now) {
        b.tokens = Math.min(capacity, b.tokens + (now - b.updatedAt) * permitsPerMilli);
        b.updatedAt = now;
    }
}
