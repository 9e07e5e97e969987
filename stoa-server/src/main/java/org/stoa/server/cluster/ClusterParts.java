package org.stoa.server.cluster;

import java.time.Clock;
import org.stoa.server.config.ConfigException;
import org.stoa.server.config.StoaConfig;
import org.stoa.server.limits.LimitStore;
import org.stoa.server.limits.LocalLimitStore;
import org.stoa.server.stream.LocalStreamTickets;
import org.stoa.server.stream.StreamTickets;

/**
 * What differs between a server that runs alone and a node of a cluster, chosen once from the
 * configuration: the bus between nodes, where rate limits count, where stream tickets are kept.
 * (Sessions, events and everything else durable are in the database either way.)
 */
public record ClusterParts(ClusterBus bus, LimitStore limitStore, StreamTickets streamTickets) implements AutoCloseable {

    public static ClusterParts of(StoaConfig config, Clock clock) {
        if (config.clusterBus().isEmpty()) {
            return new ClusterParts(new SingleNodeBus(), new LocalLimitStore(clock), new LocalStreamTickets(clock));
        }
        if (config.storageUrl().isEmpty()) {
            throw new ConfigException("cluster.bus is set but storage.url is not: the nodes of a cluster share one"
                    + " PostgreSQL database (storage.url=postgresql://...); a server on SQLite runs alone, without cluster.bus");
        }
        if (config.mediaDirSetting().isEmpty() || config.exportsDirSetting().isEmpty()) {
            throw new ConfigException("cluster.bus is set but " + (config.mediaDirSetting().isEmpty() ? "media.dir" : "exports.dir")
                    + " is not: the nodes of a cluster share the folders of media files and of data exports (media.dir and"
                    + " exports.dir, folders every node mounts), or a photo or an export made on one node is missing on the others");
        }
        RedisBus redis = RedisBus.connect(config.clusterBus().get());
        return new ClusterParts(redis, new RedisLimitStore(redis.connection(), clock),
                new RedisStreamTickets(redis.connection(), clock));
    }

    @Override
    public void close() {
        bus.close();
    }
}
