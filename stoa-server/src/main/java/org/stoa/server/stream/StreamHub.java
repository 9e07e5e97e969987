package org.stoa.server.stream;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.stoa.server.accounts.Revocation;
import org.stoa.server.cluster.ClusterBus;
import org.stoa.server.cluster.ClusterChange;
import org.stoa.server.http.Json;

/**
 * The doorbell of this node's live connections, by account. After a commit it rings the account's
 * connections here, handing them the new events so that they need not read them back, and rings
 * the other nodes through the bus, whose connections read the events from the log. A ring says
 * only "events up to N exist"; each connection sends its stream in order from the log, so rings
 * that arrive late, twice or out of order cost nothing but a read.
 */
public final class StreamHub {

    private final ConcurrentHashMap<Long, Set<StreamConnection>> byAccount = new ConcurrentHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final ClusterBus bus;

    public StreamHub(MeterRegistry metrics, ClusterBus bus) {
        this.bus = bus;
        Gauge.builder(StreamHub.class.getName() + ".connections", connections, AtomicInteger::get)
                .description("open stream connections").register(metrics);
    }

    /** Events that just committed, in eventSeq order per account: rings here and on the other nodes. */
    void committed(List<StreamEvent> events) {
        Map<Long, List<StreamEvent>> perAccount = new LinkedHashMap<>();
        for (StreamEvent e : events) perAccount.computeIfAbsent(e.accountId(), k -> new ArrayList<>(1)).add(e);
        // Only a cluster has other nodes to ring: a single server builds no message for its no-op bus.
        Map<Long, Long> upTo = bus.clustered() ? new HashMap<>() : null;
        perAccount.forEach((account, list) -> {
            long last = list.getLast().eventSeq();
            if (upTo != null) upTo.put(account, last);
            Set<StreamConnection> set = byAccount.get(account);
            if (set != null) for (StreamConnection c : set) c.ring(last, list);
        });
        if (upTo != null) bus.ring(upTo);
    }

    /** Another node (or the database, when the bus is away) says {@code accountId} has events up to {@code upToSeq}. */
    public void rung(long accountId, long upToSeq) {
        Set<StreamConnection> set = byAccount.get(accountId);
        if (set != null) for (StreamConnection c : set) c.ring(upToSeq, List.of());
    }

    /**
     * The accounts with a live connection on this node, as a live view (no copy): the delivery poller
     * asks for them, and a channel's fan-out looks up which of them follow it.
     */
    public Set<Long> connectedAccounts() {
        return java.util.Collections.unmodifiableSet(byAccount.keySet());
    }

    /** Puts a channel's entry on the live connections of {@code accountId}, a subscriber; the frame is shared. */
    public void publishChannel(long accountId, ChannelFrame frame) {
        Set<StreamConnection> set = byAccount.get(accountId);
        if (set == null) return;
        for (StreamConnection c : set) c.offer(frame);
    }

    /**
     * Sends {@code frame} to these accounts' live connections, on this node and through the bus on
     * the others: for what is worth nothing later (typing), so it is neither logged nor replayed.
     */
    public void publishTransient(Collection<Long> accountIds, String frame) {
        if (accountIds.isEmpty()) return;
        transientHere(accountIds, frame);
        if (bus.clustered()) bus.announce(new ClusterChange.Transient(List.copyOf(accountIds), frame));
    }

    /** A transient frame for these accounts' connections on this node (another node heard it first). */
    public void transientHere(Collection<Long> accountIds, String frame) {
        for (long account : accountIds) {
            Set<StreamConnection> set = byAccount.get(account);
            if (set != null) for (StreamConnection c : set) c.offerTransient(frame);
        }
    }

    /** Tells the other nodes that the channel log has entries up to {@code logSeq}; a single server has no one to tell. */
    public void channelLogged(long logSeq) {
        if (bus.clustered()) bus.announce(new ClusterChange.ChannelLogged(logSeq));
    }

    /** True when other nodes may commit too, so what this node hands its streams is not all there is. */
    public boolean clustered() {
        return bus.clustered();
    }

    /**
     * A transient frame, {@code {"type":...,"transient":true,"data":{...}}}: without an eventSeq, so
     * a client neither counts it nor resumes by it.
     */
    public static String transientFrame(String type, Object data) {
        return "{\"type\":" + Json.write(type) + ",\"transient\":true,\"data\":" + Json.write(data) + "}";
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
