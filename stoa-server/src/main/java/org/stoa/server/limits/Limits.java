package org.stoa.server.limits;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.stoa.server.http.ApiException;

/**
 * The named rate limiters, over one {@link LimitStore}. A refusal is a 429 problem naming the
 * limiter, with {@code retryAfterSeconds} and a {@code Retry-After} header.
 */
public final class Limits {

    private final LimitStore store;
    private final Map<Limit, Quota> quotas;
    private final Map<Limit, Counter> refusals = new EnumMap<>(Limit.class);

    public Limits(LimitStore store, Map<Limit, Quota> quotas, MeterRegistry metrics) {
        this.store = store;
        this.quotas = new EnumMap<>(quotas);
        for (Limit limit : Limit.values()) {
            Quota q = this.quotas.computeIfAbsent(limit, l -> l.parse(l.defaultValue()));
            boolean fits = limit.kind() == Limit.Kind.RATE ? q instanceof Quota.Rate : q instanceof Quota.Open;
            if (!fits) throw new IllegalArgumentException(limit.limiterName() + " cannot be " + q);
            refusals.put(limit, Counter.builder(Limits.class.getName() + ".refused")
                    .description("requests refused by a rate limit").tag("limiter", limit.limiterName()).register(metrics));
        }
    }

    /** Takes a permit for {@code key}, or refuses with a 429. */
    public void acquire(Limit limit, Object key) {
        store.tryTake(key(limit, key), rate(limit)).ifPresent(wait -> refuse(limit, wait));
    }

    /** Refuses with a 429 when {@code key} has no permit left; takes nothing. */
    public void check(Limit limit, Object key) {
        store.waitFor(key(limit, key), rate(limit), 1).ifPresent(wait -> refuse(limit, wait));
    }

    /** Counts one against {@code key} after the fact (a failed login), refusing nothing. */
    public void spend(Limit limit, Object key) {
        store.spend(key(limit, key), rate(limit));
    }

    /** Whether nothing has been counted against {@code key} lately (its bucket is full). */
    public boolean untouched(Limit limit, Object key) {
        Quota.Rate rate = rate(limit);
        return store.waitFor(key(limit, key), rate, rate.count()).isEmpty();
    }

    /** Refuses with a 429 when {@code key} already holds all the slots {@code limit} allows. */
    public void checkRoom(Limit limit, Object key) {
        if (!store.hasRoom(key(limit, key), open(limit))) refuse(limit, Duration.ofSeconds(30));
    }

    /** One of the slots {@code limit} allows {@code key}; empty when all are taken. */
    public Optional<LimitStore.Slot> open(Limit limit, Object key) {
        return store.tryOpen(key(limit, key), open(limit));
    }

    private void refuse(Limit limit, Duration wait) {
        refusals.get(limit).increment();
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        throw ApiException.retryLater(429, "rate_limited", "too many " + limit.tooMany() + "; try again in " + seconds + " s",
                Duration.ofSeconds(seconds), Map.of("limiter", limit.limiterName()));
    }

    private Quota.Rate rate(Limit limit) {
        if (quotas.get(limit) instanceof Quota.Rate r) return r;
        throw new IllegalStateException(limit + " is not a rate");
    }

    private int open(Limit limit) {
        if (quotas.get(limit) instanceof Quota.Open o) return o.max();
        throw new IllegalStateException(limit + " does not count open things");
    }

    private static String key(Limit limit, Object key) {
        return limit.limiterName() + ':' + key;
    }
}
