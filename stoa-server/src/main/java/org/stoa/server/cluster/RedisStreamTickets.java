package org.stoa.server.cluster;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Clock;
import java.util.Optional;
import org.stoa.server.accounts.Principal;
import org.stoa.server.accounts.Revocation;
import org.stoa.server.accounts.Role;
import org.stoa.server.stream.StreamTickets;

/**
 * Stream tickets on the bus's server, so a ticket got from one node opens a stream on any: each is a
 * key that expires by itself and is read and deleted in one step. A revoked session's ticket needs
 * no deleting: opening a stream checks that the session is still live.
 */
public final class RedisStreamTickets implements StreamTickets {

    private static final String PREFIX = "stoa:ticket:";

    private final StatefulRedisConnection<String, String> redis;
    private final Clock clock;

    public RedisStreamTickets(StatefulRedisConnection<String, String> redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    @Override
    public void put(String ticket, Principal p, long expiresAtMillis) {
        long ttl = Math.max(1, expiresAtMillis - clock.millis());
        redis.sync().set(PREFIX + ticket, p.accountId() + " " + p.sessionId() + " " + p.role().name() + " " + p.username(),
                SetArgs.Builder.px(ttl));
    }

    @Override
    public Optional<Principal> take(String ticket) {
        String v = redis.sync().getdel(PREFIX + ticket);
        if (v == null) return Optional.empty();
        String[] f = v.split(" ", 4);
        return Optional.of(new Principal(Long.parseLong(f[0]), f[3], Role.valueOf(f[2]), Long.parseLong(f[1])));
    }

    @Override
    public void revoke(Revocation revocation) {}
}
