package org.stoa.server.stream;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.stoa.server.accounts.Revocation;

/** Routes committed events to the live connections of this server, by account. */
public final class StreamHub {

    private final ConcurrentHashMap<Long, Set<StreamConnection>> byAccount = new ConcurrentHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();

    public StreamHub(MeterRegistry metrics) {
        Gauge.builder(StreamHub.class.getName() + ".connections", connections, AtomicInteger::get)
                .description("open stream connections").register(metrics);
    }

    void publish(StreamEvent event) {
        Set<StreamConnection> set = byAccount.get(event.accountId());
        if (set == null) return;
        for (StreamConnection c : set) c.offer(event);
    }

    /** Puts a channel's entry on the live connections of {@code accountId}, a subscriber; the frame is shared. */
    public void publishChannel(long accountId, ChannelFrame frame) {
        Set<StreamConnection> set = byAccount.get(accountId);
        if (set == null) return;
        for (StreamConnection c : set) c.offer(frame);
    }

    /**
     * The accounts with a live connection here, as a live view (no copy): a channel's fan-out looks up
     * which of them follow it when they are fewer than its subscribers.
     */
    public Set<Long> onlineAccounts() {
        return java.util.Collections.unmodifiableSet(byAccount.keySet());
    }

    void register(StreamConnection c) {
        byAccount.compute(c.accountId(), (k, set) -> {
            Set<StreamConnection> s = set != null ? set : ConcurrentHashMap.newKeySet();
            s.add(c);
            return s;
        });
        connections.incrementAndGet();
    }

    void unregister(StreamConnection c) {
        byAccount.computeIfPresent(c.accountId(), (k, set) -> {
            if (set.remove(c)) connections.decrementAndGet();
            return set.isEmpty() ? null : set;
        });
    }

    /** Closes the streams of sessions that just ended; their clients find the token refused when they reconnect. */
    public void revoke(Revocation revocation) {
        Set<StreamConnection> set = byAccount.get(revocation.accountId());
        if (set == null) return;
        for (StreamConnection c : set) {
            if (revocation.covers(c.principal())) c.close(StreamConnection.SESSION_ENDED, "the login session ended; log in again");
        }
    }

    /** Ends every connection, e.g. at shutdown; clients reconnect with {@code since=} and miss nothing. */
    public void closeAll(int code, String reason) {
        byAccount.values().forEach(set -> set.forEach(c -> c.close(code, reason)));
    }
}
