package org.stoa.server.cluster;

import java.util.Map;

/**
 * How this node tells the other nodes that something committed, and hears the same from them. The
 * bus carries wake-ups only (an account has events up to N; a cached entry changed) and is lossy by
 * contract: what a node learns from it, it could also learn from the database, so a lost message
 * costs latency, never data. Chosen once in {@code StoaServer}: {@link SingleNodeBus} without
 * {@code cluster.bus}, {@link RedisBus} with it.
 */
public interface ClusterBus extends AutoCloseable {

    /** Tells the other nodes that these accounts (keys) have stream events up to these eventSeqs (values). */
    void ring(Map<Long, Long> upToSeqByAccount);

    /** Tells the other nodes that something they may hold in memory changed (after its commit). */
    void announce(ClusterChange change);

    /** Where this node hears the other nodes; set once, before the server takes requests. */
    void listen(Listener listener);

    /**
     * True when wake-ups from other nodes can arrive; while false, stream delivery polls the
     * database. Always true for a single node, which has no one else to hear from.
     */
    boolean live();

    /** True when other nodes may exist: deliveries are then also checked against the database each second. */
    boolean clustered();

    @Override
    void close();

    interface Listener {
        void rung(long accountId, long upToSeq);

        void changed(ClusterChange change);
    }
}
