package org.stoa.server.cluster;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.server.limits.LimitStore;
import org.stoa.server.limits.LocalLimitStore;
import org.stoa.server.limits.Quota;

/**
 * Rate limits on the bus's server, so that a client cannot double its allowance by alternating
 * nodes: the same token buckets as {@link LocalLimitStore}, each refilled and taken from in one
 * script run, expiring once full. While the bus's server is away each node counts alone (abuse
 * control degrades to per node; nothing waits on a dead server). Open-slot counts (streams per
 * account) stay per node: they are tied to this node's connections and end with them.
 */
public final class RedisLimitStore implements LimitStore {

    private static final Logger log = LoggerFactory.getLogger(RedisLimitStore.class);
    private static final String PREFIX = "stoa:limit:";
    /** KEYS[1] the bucket; ARGV: capacity, permits per ms, now (ms), mode (take, spend, wait), permits wanted. Returns ms to wait. */
    private static final String BUCKET = """
            local b = redis.call('HMGET', KEYS[1], 't', 'u')
            local cap = tonumber(ARGV[1]); local rate = tonumber(ARGV[2]); local now = tonumber(ARGV[3])
            local tokens = tonumber(b[1]) or cap
            local updated = tonumber(b[2]) or now
            tokens = math.min(cap, tokens + math.max(0, now - updated) * rate)
            local mode = ARGV[4]; local wanted = tonumber(ARGV[5]); local wait = 0
            if mode == 'take' then
              if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) / rate) end
            elseif mode == 'spend' then
              tokens = math.max(0, tokens - 1)
            elseif tokens < wanted then
              wait = math.ceil((wanted - tokens) / rate)
            end
            if mode ~= 'wait' then
              redis.call('HSET', KEYS[1], 't', tostring(tokens), 'u', tostring(now))
              redis.call('PEXPIRE', KEYS[1], math.ceil((cap - tokens) / rate) + 1000)
            end
            return wait""";

    private final StatefulRedisConnection<String, String> redis;
    private final Clock clock;
    private final LocalLimitStore whileAway;
    private final LocalLimitStore slots;
    private final String scriptSha;

    public RedisLimitStore(StatefulRedisConnection<String, String> redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
        this.whileAway = new LocalLimitStore(clock);
        this.slots = new LocalLimitStore(clock);
        this.scriptSha = redis.sync().scriptLoad(BUCKET);
    }

    @Override
    public Optional<Duration> tryTake(String key, Quota.Rate rate) {
        return bucket(key, rate, "take", 1).orElseGet(() -> whileAway.tryTake(key, rate));
    }

    @Override
    public Optional<Duration> waitFor(String key, Quota.Rate rate, int permits) {
        return bucket(key, rate, "wait", permits).orElseGet(() -> whileAway.waitFor(key, rate, permits));
    }

    @Override
    public void spend(String key, Quota.Rate rate) {
        if (bucket(key, rate, "spend", 1).isEmpty()) whileAway.spend(key, rate);
    }

    @Override
    public Optional<Slot> tryOpen(String key, int max) {
        return slots.tryOpen(key, max);
    }

    @Override
    public boolean hasRoom(String key, int max) {
        return slots.hasRoom(key, max);
    }

    /** The bucket's answer (empty inside: no wait), or empty outside when the bus's server did not answer. */
    private Optional<Optional<Duration>> bucket(String key, Quota.Rate rate, String mode, int permits) {
        String[] keys = {PREFIX + key};
        String[] args = {Integer.toString(rate.count()), Double.toString(rate.permitsPerMilli()), Long.toString(clock.millis()),
                mode, Integer.toString(permits)};
        try {
            Long waitMillis;
            try {
                waitMillis = redis.sync().evalsha(scriptSha, ScriptOutputType.INTEGER, keys, args);
            } catch (RedisNoScriptException e) { // the server restarted and forgot it: send it again
                waitMillis = redis.sync().eval(BUCKET, ScriptOutputType.INTEGER, keys, args);
            }
            return Optional.of(waitMillis == null || waitMillis <= 0 ? Optional.empty() : Optional.of(Duration.ofMillis(waitMillis)));
        } catch (RuntimeException e) {
            log.debug("rate limit counted on this node alone: {}", e.toString());
            return Optional.empty();
        }
    }
}
