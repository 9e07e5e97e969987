package org.stoa.server.cluster;

import java.util.Map;

/** The bus of a server that runs alone: there is no other node to tell or to hear. */
public final class SingleNodeBus implements ClusterBus {

    @Override
    public void ring(Map<Long, Long> upToSeqByAccount) {}

    @Override
    public void announce(ClusterChange change) {}

    @Override
    public void listen(Listener listener) {}

    @Override
    public boolean live() {
        return true;
    }

    @Override
    public boolean clustered() {
        return false;
    }

    @Override
    public void close() {}
}
